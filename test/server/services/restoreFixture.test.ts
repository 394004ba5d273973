/**
 * A backup made by main restores into this version on both stores, migrated on the way (issue 23).
 * Two fixtures (test/server/fixtures/README.md): main-0011, the database file the landed main 8a22e3f
 * kept under ./data (that version has no backup command: its file is the backup a province brings),
 * and main-0016, written by a session commit at 0016 that did not land. The restore gives back every
 * row of every table; every report, revision, decision, round, device and staff account is there with
 * its content; the staff sign in with the passwords they had and (main-0011) read what they read then;
 * the phones' tokens pull and push.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restoreBackup } from '../../../src/server/services/backups';
import { LATEST_MIGRATION } from '../../../src/server/store/migrations';
import { describeOnEachStore, openTestStore, startTestServer } from '../helpers';
import { type AnswersThen, expectAnswersAsThen, FIXTURES, type Records, recordsInFile, recordsInStore, writeFixtureDatabase } from '../mainFixtures';
import { emptyTarget, expectProvinceWorks, type ProvinceAsItWas } from '../restoredProvince';

interface RestoreCase {
  name: string;
  /** For the test's title: which version wrote it. */
  writer: string;
  version: string;
  /** Rows the restore must report, per table. */
  rows: Record<string, number>;
  province: ProvinceAsItWas;
  /** What that version answered (main-0011 only), every staff account and every phone. */
  then?: { answers: AnswersThen; staff: { username: string; password: string }[]; phones: Record<string, { token: string }> };
}

const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, never>;

const main0011 = read('main-0011') as unknown as {
  staff: Record<'admin' | 'reviewer', { username: string; password: string }>;
  devices: Record<'garment' | 'electronics', { token: string }>;
  rootId: string;
  rounds: { open: string };
  reports: { acceptedAfterReturn: string };
  counts: Record<string, number>;
  saw: AnswersThen;
};
const main0016 = read('main-0016') as unknown as {
  staff: { username: string; password: string };
  device: { token: string };
  rootId: string;
  report: { id: string; revision: string };
  roundId: string;
};

const CASES: RestoreCase[] = [
  {
    name: 'main-0011',
    writer: 'the landed main 8a22e3f, its database file',
    version: '0011_attempt_windows',
    // Every table of that version, each with every row it held.
    rows: main0011.counts,
    province: {
      staff: main0011.staff.admin,
      device: main0011.devices.garment,
      rootId: main0011.rootId,
      // Sent, returned, sent again and accepted.
      report: { id: main0011.reports.acceptedAfterReturn, revision: '2', revisions: 2, decisions: 2 },
      roundId: main0011.rounds.open,
    },
    then: { answers: main0011.saw, staff: [main0011.staff.admin, main0011.staff.reviewer], phones: main0011.devices },
  },
  {
    name: 'main-0016',
    writer: 'a session commit at 0016 that did not land',
    version: '0016_audit_log',
    rows: { reports: 1, report_revisions: 2, review_decisions: 2, reporting_rounds: 1, devices: 1, staff: 1 },
    province: { ...main0016, report: { ...main0016.report, revisions: 2, decisions: 2 } },
  },
];

const folder = mkdtempSync(join(tmpdir(), 'bao-cao-fixture-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

for (const fixture of CASES) {
  const backupFile = join(folder, `${fixture.name}.sqlite`);
  /** What the backup held, read before any migration. */
  let before: Records;
  beforeAll(() => {
    writeFixtureDatabase(fixture.name, backupFile);
    before = recordsInFile(backupFile);
  });

  describeOnEachStore(
    (kind) => `a backup of ${fixture.name} (${fixture.writer}) restored into this version (${kind})`,
    (kind) => {
      it('gives back the province as it was, migrated to the latest version', async () => {
        const target = await emptyTarget(kind);
        try {
          const restored = await restoreBackup(backupFile, target.config, { force: false });
          expect(restored.version).toBe(fixture.version);
          expect(Object.fromEntries(restored.tables.map((table) => [table.table, table.rows]))).toMatchObject(fixture.rows);
          const place = target.config.kind === 'sqlite' ? { sqliteFile: target.config.file } : { pgSchema: target.config.schema as string };
          // The restore itself migrated it (before any server opened it), and every record came back as it was.
          const opened = await openTestStore(kind, { ...place, migrate: false });
          const migrated = (await opened.store.db.selectFrom('kysely_migration' as never).select('name' as never).execute()) as { name: string }[];
          const records = await recordsInStore(opened.store);
          await opened.dispose({ keepData: true });
          expect(migrated.map((row) => row.name)).toContain(LATEST_MIGRATION);
          expect(Object.keys(before.reports ?? {})).toHaveLength(fixture.rows.reports as number);
          expect(records).toEqual(before);
          const server = await startTestServer({ store: kind, ...place });
          try {
            if (fixture.then) await expectAnswersAsThen(server, fixture.then.answers, fixture.then.staff, fixture.then.phones);
            await expectProvinceWorks(server, fixture.province);
          } finally {
            await server.close({ keepData: true });
          }
        } finally {
          await target.dispose();
        }
      });
    },
  );
}
