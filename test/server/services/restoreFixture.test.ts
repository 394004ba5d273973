/**
 * A backup made by the server of main before backups existed (migration 0016, test/server/fixtures/
 * main-0016.sql) restores into this version on both stores: migrated on the way, its staff signs in
 * with the password they had, the report keeps its revisions and decisions, the round is there, and the
 * phone's token pulls and pushes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restoreBackup } from '../../../src/server/services/backups';
import { LATEST_MIGRATION } from '../../../src/server/store/migrations';
import { describeOnEachStore, openTestStore, startTestServer } from '../helpers';
import { emptyTarget, expectProvinceWorks } from '../restoredProvince';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const fixture = JSON.parse(readFileSync(join(FIXTURES, 'main-0016.json'), 'utf8')) as {
  staff: { username: string; password: string };
  device: { token: string };
  rootId: string;
  report: { id: string; revision: string };
  roundId: string;
};
const folder = mkdtempSync(join(tmpdir(), 'bao-cao-fixture-'));
const backupFile = join(folder, 'main-0016.sqlite');

beforeAll(() => {
  const database = new BetterSqlite3(backupFile);
  database.exec(readFileSync(join(FIXTURES, 'main-0016.sql'), 'utf8'));
  database.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeOnEachStore(
  (kind) => `a backup of main at 0016 restored into this version (${kind})`,
  (kind) => {
    it('gives back the province as it was, migrated to the latest version', async () => {
      const target = await emptyTarget(kind);
      try {
        const restored = await restoreBackup(backupFile, target.config, { force: false });
        expect(restored.version).toBe('0016_audit_log');
        expect(Object.fromEntries(restored.tables.map((table) => [table.table, table.rows]))).toMatchObject({
          reports: 1,
          report_revisions: 2,
          review_decisions: 2,
          reporting_rounds: 1,
          devices: 1,
          staff: 1,
        });
        const place = target.config.kind === 'sqlite' ? { sqliteFile: target.config.file } : { pgSchema: target.config.schema as string };
        // The restore itself migrated it (before any server opened it).
        const opened = await openTestStore(kind, { ...place, migrate: false });
        const migrated = (await opened.store.db.selectFrom('kysely_migration' as never).select('name' as never).execute()) as { name: string }[];
        await opened.dispose({ keepData: true });
        expect(migrated.map((row) => row.name)).toContain(LATEST_MIGRATION);
        const server = await startTestServer({ store: kind, ...place });
        try {
          await expectProvinceWorks(server, { ...fixture, report: { ...fixture.report, revisions: 2, decisions: 2 } });
        } finally {
          await server.close({ keepData: true });
        }
      } finally {
        await target.dispose();
      }
    });
  },
);
