/**
 * Backups that restore, on both stores: a backup of a province (reports with revisions and decisions,
 * a round, a phone, a staff account) checks itself, restores into an empty store of either kind where
 * everything works as before, and is written in both audit logs; a restore never overwrites data unless
 * forced; a nightly backup is made by one process a night and only the last N are kept.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../../src/server/services/audit';
import { CONSOLE } from '../../../src/server/services/staff';
import { copyStore, countRows, isEmptyStore } from '../../../src/server/store/copy';
import {
  BackupFileExists,
  makeBackup,
  nightlyFileName,
  restoreBackup,
  runNightlyBackup,
  untilNextBackup,
} from '../../../src/server/services/backups';
import { api, describeOnEachStore, openTestStore, pushStored, readyReport, STORE_KINDS, startTestServer, type TestServer } from '../helpers';
import { emptyTarget, expectProvinceWorks, type ProvinceAsItWas, storeConfigOf } from '../restoredProvince';

const folder = mkdtempSync(join(tmpdir(), 'bao-cao-backups-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A province with one of everything a restore must give back. */
async function province(server: TestServer): Promise<ProvinceAsItWas & { pushKey: string }> {
  const staff = await server.staffSession();
  // The server's push key (VAPID), made at its first request: the phones' subscriptions were made with it.
  const pushKey = (await api<{ publicKey: string }>(server, 'GET', '/api/push/key', null)).body.publicKey;
  const device = await server.enrolDevice();
  const report = readyReport({ period: { year: 2030, kind: 'yearly' } });
  const opened = await api<{ round: { id: string } }>(server, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, staff, {
    period: { year: 2030, kind: 'yearly' },
    title: 'Báo cáo năm 2030',
    activities: { from: '2030-01-01', to: '2030-12-31' },
    deadline: '2031-01-15',
  });
  expect(opened.status).toBe(201);
  const first = await pushStored(server, device, report);
  await server.reviewReport(report.id, 'returned');
  const second = await pushStored(server, device, { ...report, membership: { ...report.membership, members: 101 } }, first);
  return {
    staff: { username: staff.username, password: staff.password },
    device: { token: device.token },
    rootId: server.root.id,
    report: { id: report.id, revision: second, revisions: 2, decisions: 1 },
    roundId: opened.body.round.id,
    pushKey,
  };
}

describeOnEachStore(
  (kind) => `backups (${kind})`,
  (kind) => {
    let server: TestServer;
    let was: ProvinceAsItWas & { pushKey: string };
    let backupFile: string;
    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      was = await province(server);
      backupFile = join(folder, `${kind}.sqlite`);
    });
    afterAll(() => server.close());

    it('makes a checked backup of every table, records it, and refuses to write over a file', async () => {
      const context = { store: server.store, now: () => new Date() };
      const made = await makeBackup(context, storeConfigOf(server), backupFile);
      expect(made).toMatchObject({ ok: true, integrity: 'ok', brokenReferences: 0 });
      const rows = Object.fromEntries(made!.tables.map((table) => [table.table, table.rows]));
      expect(rows).toMatchObject({ reports: 1, report_revisions: 2, review_decisions: 1, reporting_rounds: 1, devices: 1, staff: 1 });
      // The backup's own record is in the backup, unfinished; the store has it finished.
      expect(rows.backups).toBe(1);
      expect(existsSync(`${backupFile}.partial`)).toBe(false);
      const health = await api<{ lastBackup: { file: string; rows: number } | null }>(server, 'GET', '/api/health', null);
      expect(health.body.lastBackup).toMatchObject({ file: `${kind}.sqlite`, rows: made!.rows });
      const audit = await server.store.listAuditEntries({ underPath: '/', actions: ['backup.made'], limit: 10 });
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor).toEqual({ staffId: null, username: 'admin', nodeId: null });
      await expect(makeBackup(context, storeConfigOf(server), backupFile)).rejects.toBeInstanceOf(BackupFileExists);
    });

    for (const { kind: targetKind, available } of STORE_KINDS)
      it.skipIf(!available)(`restores into an empty ${targetKind} store where everything works as before`, async () => {
        const target = await emptyTarget(targetKind);
        try {
          const restored = await restoreBackup(backupFile, target.config, { force: false });
          expect(restored.check.ok).toBe(true);
          const restoredServer = await startTestServer({ store: targetKind, ...(target.config.kind === 'sqlite' ? { sqliteFile: target.config.file } : { pgSchema: target.config.schema as string }) });
          try {
            await expectProvinceWorks(restoredServer, was);
            // The same push key: subscriptions made before the backup still reach the phones.
            expect((await api<{ publicKey: string }>(restoredServer, 'GET', '/api/push/key', null)).body.publicKey).toBe(was.pushKey);
            const audit = await restoredServer.store.listAuditEntries({ underPath: '/', actions: ['backup.restored'], limit: 10 });
            expect(audit).toHaveLength(1);
            expect(audit[0]?.after).toMatchObject({ file: `${kind}.sqlite`, rows: restored.rows });
          } finally {
            await restoredServer.close({ keepData: true });
          }
          // A store that holds data is not written over without --force.
          await expect(restoreBackup(backupFile, target.config, { force: false })).rejects.toMatchObject({ code: 'not_empty' });
          const forced = await restoreBackup(backupFile, target.config, { force: true });
          expect(forced.rows).toBe(restored.rows);
        } finally {
          await target.dispose();
        }
      });

    it('writes the restore’s audit entry in the copy’s own transaction: when the entry cannot go in, nothing is copied', async () => {
      // An entry whose id the backup's log already holds: its insert fails at the end of the copy, and
      // the rows copied before it must go with it; a restore never stands without its record.
      const oldest = (await server.store.listAuditEntries({ underPath: '/', includeUnplaced: true, limit: 10_000 })).at(-1);
      expect(oldest).toBeDefined();
      const target = await emptyTarget(kind);
      try {
        let asked = 0;
        await expect(
          copyStore({ kind: 'sqlite', file: backupFile }, target.config, {
            force: false,
            upgrade: true,
            audit: (copy) => {
              asked++;
              return { ...auditEntry({ now: () => new Date() }, CONSOLE, { action: 'backup.restored', node: null, after: { rows: copy.rows } }), id: oldest!.id };
            },
          }),
        ).rejects.toThrow();
        expect(asked).toBe(1);
        expect(await isEmptyStore(target.config)).toBe(true);

        // The same restore with its own entry: copied, and the entry counts the rows the copy holds.
        const restored = await restoreBackup(backupFile, target.config, { force: false });
        const counts = Object.fromEntries((await countRows(target.config)).map((table) => [table.table, table.rows]));
        const inBackup = Object.fromEntries(restored.check.tables.map((table) => [table.table, table.rows]));
        expect(counts.audit_log).toBe((inBackup.audit_log ?? 0) + 1);
        const reopened = await openTestStore(kind, target.config.kind === 'sqlite' ? { sqliteFile: target.config.file } : { pgSchema: target.config.schema as string });
        try {
          const entries = await reopened.store.listAuditEntries({ underPath: '/', includeUnplaced: true, actions: ['backup.restored'], limit: 10 });
          expect(entries.map((entry) => entry.after)).toEqual([{ file: `${kind}.sqlite`, version: restored.version, rows: restored.rows }]);
        } finally {
          await reopened.dispose({ keepData: true });
        }
      } finally {
        await target.dispose();
      }
    });

    it('refuses a file that is not a backup', async () => {
      const notABackup = join(folder, `not-${kind}.sqlite`);
      writeFileSync(notABackup, 'not a database at all, just some text long enough to be read');
      const target = await emptyTarget(kind);
      try {
        await expect(restoreBackup(notABackup, target.config, { force: false })).rejects.toThrow();
        expect(await isEmptyStore(target.config)).toBe(true);
      } finally {
        await target.dispose();
      }
    });

    it('makes one nightly backup a night whichever process asks, and keeps the last N files', async () => {
      const dir = mkdtempSync(join(folder, `nightly-${kind}-`));
      for (const night of ['2020-01-01', '2020-01-02', '2020-01-03']) writeFileSync(join(dir, nightlyFileName(night)), '');
      writeFileSync(join(dir, 'keep-me.txt'), '');
      const at = new Date('2031-03-04T19:00:00Z');
      const context = { store: server.store, now: () => at };
      const nightly = { dir, keep: 2, at: '02:00' };
      const [one, other] = await Promise.all([runNightlyBackup(context, storeConfigOf(server), nightly), runNightlyBackup(context, storeConfigOf(server), nightly)]);
      expect([one, other].filter((made) => made !== null)).toHaveLength(1);
      expect(readdirSync(dir).sort()).toEqual(['bao-cao-cdcs-2020-01-03.sqlite', 'bao-cao-cdcs-2031-03-05.sqlite', 'keep-me.txt']);
    });
  },
);

describe('the nightly backup time', () => {
  it('is the next 02:00 in Vietnam', () => {
    // 18:59 UTC is 01:59 in Vietnam: one minute to go; 19:01 UTC is just past it: tomorrow's.
    expect(untilNextBackup(new Date('2031-03-04T18:59:00Z'), '02:00')).toBe(60_000);
    expect(untilNextBackup(new Date('2031-03-04T19:01:00Z'), '02:00')).toBe(86_400_000 - 60_000);
  });
});
