/**
 * The backup as a province runs it, on both stores: a real server process takes a phone's pushes in a
 * loop (three phones) while `npm run admin -- backup` (its own process) makes a snapshot; the snapshot restored with
 * `npm run admin -- restore` into a fresh store holds every push acknowledged before the backup started,
 * and the phone's token goes on syncing on a server started on it. On PostgreSQL also `copy-store`, the
 * move from SQLite of a whole province (reports in every state, two-step sign-in, a push subscription):
 * every table row for row, the province works on PostgreSQL as before, and a database that holds data is refused.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/domain/report';
import type { PutReportResponse, ReportChangesResponse } from '../../../src/domain/sync';
import { issueEnrolmentCode } from '../../../src/server/services/devices';
import { createRootNode, createUnion } from '../../../src/server/services/organisation';
import { CONSOLE } from '../../../src/server/services/staff';
import * as OTPAuth from 'otpauth';
import type { StaffSecondStep, TotpSetup } from '../../../src/domain/staff';
import { countRows } from '../../../src/server/store/copy';
import { announcePostgresSkip, api, describeOnEachStore, openTestStore, pushHeaders, pushStored, readyReport, sampleReport, startTestServer, TEST_DATABASE_URL, type TestServer, twoCommunes } from '../helpers';
import { startPushService, type TestPushService } from '../pushService';
import { expectProvinceWorks, type ProvinceAsItWas } from '../restoredProvince';
import { schemaUrl, startServerProcess, stopServerProcesses } from '../processes';
import type { StoreKind } from '../../../src/server/store/store';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const folder = mkdtempSync(join(tmpdir(), 'bao-cao-backup-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
// Several tsx processes on a loaded two-core machine: a limit for a hang only.
const LONG = 300_000;

interface Phone {
  headers: Record<string, string>;
  report: ReportDocument;
  acknowledged: { revision: number; members: number; at: number }[];
}

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- …` as its own process, on the store these settings name. */
function admin(settings: Record<string, string>, args: string[]): Promise<Answer> {
  const { TEST_DATABASE_URL: _test, DATA_DIR: _dir, DATABASE_URL: _url, ...rest } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], { cwd: ROOT, env: { ...rest, DATABASE_URL: '', ...settings } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A place for a store of `kind`: a data folder, or a PostgreSQL schema named in DATABASE_URL. */
async function freshPlace(kind: StoreKind): Promise<{ settings: Record<string, string>; open: { sqliteFile?: string; pgSchema?: string } }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(folder, 'data-'));
    return { settings: { DATA_DIR: dir }, open: { sqliteFile: join(dir, 'bao-cao-cdcs.sqlite') } };
  }
  const schema = `backup_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return { settings: { DATABASE_URL: schemaUrl(schema) }, open: { pgSchema: schema } };
}


/**
 * A province with one of everything a move must carry: nodes and CĐCS, a round, a phone with a push
 * subscription, reports in every state (a draft, one returned, one sent again after a return, one accepted,
 * one whose acceptance was withdrawn), staff with passwords and one with two-step sign-in, the audit log, the push key.
 */
async function buildProvince(server: TestServer, push: TestPushService) {
  const tree = await twoCommunes(server);
  const province = tree.staff.province;
  await api(server, 'PATCH', `/api/staff/unions/${tree.unionA.id}`, province, { code: 'HT-01' });
  const pushKey = (await api<{ publicKey: string }>(server, 'GET', '/api/push/key', null)).body.publicKey;
  const opened = await api<{ round: { id: string } }>(server, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, province, {
    period: { year: 2030, kind: 'yearly' },
    title: 'Báo cáo năm 2030',
    activities: { from: '2030-01-01', to: '2030-12-31' },
    deadline: '2031-01-15',
  });
  expect(opened.status).toBe(201);
  const device = await server.enrolDevice({ unionId: tree.unionA.id });
  expect((await api(server, 'PUT', '/api/push/subscription', device, push.subscribe().body)).status).toBe(204);

  const draft = sampleReport({ period: { year: 2027, kind: 'yearly' } });
  await pushStored(server, device, draft);
  const returned = readyReport({ period: { year: 2030, kind: 'yearly' } });
  const first = await pushStored(server, device, returned);
  await server.reviewReport(returned.id, 'returned');
  const second = await pushStored(server, device, { ...returned, membership: { ...returned.membership, members: 101 } }, first);
  const stillReturned = readyReport({ period: { year: 2026, kind: 'yearly' } });
  await pushStored(server, device, stillReturned);
  await server.reviewReport(stillReturned.id, 'returned');
  const accepted = readyReport({ period: { year: 2029, kind: 'yearly' } });
  await pushStored(server, device, accepted);
  await server.reviewReport(accepted.id, 'accepted');
  const withdrawn = readyReport({ period: { year: 2028, kind: 'yearly' } });
  await pushStored(server, device, withdrawn);
  await server.reviewReport(withdrawn.id, 'returned');
  const resent = await pushStored(server, device, { ...withdrawn, membership: { ...withdrawn.membership, members: 77 } }, '1');
  await server.reviewReport(withdrawn.id, 'accepted');
  const withdrawal = await api(server, 'POST', `/api/staff/reports/${withdrawn.id}/withdraw-acceptance`, province, { reason: 'Chấp nhận nhầm, cần xem lại.' });
  expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
  expect(resent).toBe('2');

  // A member with two-step sign-in and recovery codes.
  const twoStep = await server.staffSession({ nodeId: tree.communeA.id, role: 'reviewer' });
  const setup = await api<TotpSetup>(server, 'POST', '/api/staff/me/totp/setup', twoStep);
  const confirmed = await api<{ recoveryCodes: string[] }>(server, 'POST', '/api/staff/me/totp/confirm', twoStep, { code: OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) }) });
  expect(confirmed.status).toBe(200);

  const was: ProvinceAsItWas = {
    staff: { username: province.username, password: province.password },
    device: { token: device.token },
    rootId: server.root.id,
    report: { id: returned.id, revision: second, revisions: 2, decisions: 1 },
    roundId: opened.body.round.id,
  };
  return {
    was,
    pushKey,
    // A report sent again after its return waits for a decision (null), as one never reviewed.
    statuses: { [draft.id]: null, [returned.id]: null, [stillReturned.id]: 'returned', [accepted.id]: 'accepted', [withdrawn.id]: 'withdrawn' } as Record<string, string | null>,
    twoStep: { username: twoStep.username, password: twoStep.password, secret: setup.body.secret, recoveryCode: confirmed.body.recoveryCodes[0] as string },
  };
}

describeOnEachStore(
  (kind) => `admin backup and restore during pushes (${kind})`,
  (kind) => {
    it(
      'a backup taken while a phone pushes restores every push acknowledged before it, and the phone goes on syncing',
      async () => {
        // The province, made the way the command line makes it, then served by a real server process.
        const live = await freshPlace(kind);
        const setup = await openTestStore(kind, live.open);
        const context = { store: setup.store, now: () => new Date() };
        const root = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm' });
        const codes: string[] = [];
        for (const name of ['CĐCS Công ty May Tân Biên', 'CĐCS Trường Tiểu học Hòa Thành', 'CĐCS Bệnh viện Gò Dầu']) {
          const union = await createUnion(context, CONSOLE, { name, superiorId: root.id });
          codes.push((await issueEnrolmentCode(context, CONSOLE, union.id, {})).code);
        }
        await setup.dispose({ keepData: true });
        const server = startServerProcess(live.settings.DATABASE_URL ?? '', { ...(live.settings.DATA_DIR ? { DATA_DIR: live.settings.DATA_DIR } : {}) });
        const url = await server.url;
        try {
          const phones: Phone[] = [];
          for (const code of codes) {
            const enrolled = await api<{ token: string }>({ url }, 'POST', '/api/enrol', null, { code, deviceName: 'Máy chủ tịch' });
            expect(enrolled.status).toBe(201);
            phones.push({ headers: { authorization: `Bearer ${enrolled.body.token}` }, report: readyReport({ period: { year: 2030, kind: 'yearly' } }), acknowledged: [] });
          }

          // Each phone pushes revision after revision of its report, as fast as the server's limit of 60 a
          // minute a phone lets it (one a second); each 200/201 is an acknowledgement.
          let pushing = true;
          const refused: string[] = [];
          const pushes = phones.map(async (phone) => {
            let revision: string | undefined;
            for (let members = 1; pushing; members++) {
              const next = new Promise((resolve) => setTimeout(resolve, 1_000));
              const document = { ...phone.report, membership: { ...phone.report.membership, workers: 5000, members } };
              const answer = await fetch(`${url}/api/reports/${phone.report.id}`, {
                method: 'PUT',
                headers: pushHeaders(phone, revision === undefined ? {} : { revision }),
                body: JSON.stringify(document),
              });
              if (answer.status !== 200 && answer.status !== 201) refused.push(`${answer.status} ${await answer.text()}`);
              else {
                revision = ((await answer.json()) as PutReportResponse).report.revision;
                phone.acknowledged.push({ revision: Number(revision), members, at: Date.now() });
              }
              await next;
            }
          });
          const acknowledged = () => phones.flatMap((phone) => phone.acknowledged);
          await expect.poll(() => acknowledged().length, { timeout: LONG }).toBeGreaterThanOrEqual(6);

          const backupFile = join(folder, `during-pushes-${kind}.sqlite`);
          const started = Date.now();
          const backup = await admin(live.settings, ['backup', '--to', backupFile, '--json']);
          const ended = Date.now();
          // One acknowledgement after the backup, so that the whole time it ran lies between two of them.
          await expect.poll(() => acknowledged().some((push) => push.at >= ended), { timeout: LONG }).toBe(true);
          pushing = false;
          await Promise.all(pushes);
          expect(refused).toEqual([]);
          expect(backup.code, backup.stderr).toBe(0);
          const made = JSON.parse(backup.stdout) as { integrity: string; tables: { table: string; rows: number }[] };
          expect(made.integrity).toBe('ok');
          // The server took pushes while the backup ran: the snapshot did not stop it. Three phones push about
          // once a second each, so acknowledgements come every third of a second or so; a backup that held
          // the server's writes would leave a gap as long as itself. (A count of pushes during the backup
          // failed whenever the command ran in under a second, which proves nothing either way.)
          const times = acknowledged()
            .map((push) => push.at)
            .sort((a, b) => a - b);
          const from = times.filter((at) => at <= started).at(-1) ?? started;
          const to = times.find((at) => at >= ended) ?? ended;
          const around = times.filter((at) => at >= from && at <= to);
          const longestGap = Math.max(...around.slice(1).map((at, index) => at - around[index]!));
          expect(longestGap, `acknowledgements from ${from} to ${to}, backup ${started}–${ended}`).toBeLessThan(3_000);

          const restoredPlace = await freshPlace(kind);
          const restore = await admin(restoredPlace.settings, ['restore', '--from', backupFile, '--json']);
          expect(restore.code, restore.stderr).toBe(0);
          // Restoring again over the data it now holds is refused without --force.
          const again = await admin(restoredPlace.settings, ['restore', '--from', backupFile]);
          expect(again.code).toBe(1);
          expect(again.stderr).toContain('--force');

          const restored = await startTestServer({ store: kind, ...restoredPlace.open });
          try {
            for (const phone of phones) {
              const beforeBackup = phone.acknowledged.filter((push) => push.at < started).at(-1);
              const changes = await api<ReportChangesResponse>(restored, 'GET', '/api/reports?since=0', phone);
              expect(changes.status).toBe(200);
              const kept = changes.body.reports.find((candidate) => candidate.document.id === phone.report.id);
              if (!kept || !beforeBackup) throw new Error('the report or its pushes are missing');
              // Every push acknowledged before the backup began is there (later ones may be too).
              expect(Number(kept.revision)).toBeGreaterThanOrEqual(beforeBackup.revision);
              expect(kept.document.membership.members).toBe(phone.acknowledged.find((push) => push.revision === Number(kept.revision))?.members);
              // The phone goes on: its next push on the restored server is stored.
              const next = await fetch(`${restored.url}/api/reports/${phone.report.id}`, {
                method: 'PUT',
                headers: pushHeaders(phone, { revision: kept.revision }),
                body: JSON.stringify({ ...kept.document, membership: { ...kept.document.membership, members: 4321 } }),
              });
              expect(next.status, await next.clone().text()).toBe(200);
            }
          } finally {
            await restored.close();
          }
        } finally {
          await stopServerProcesses([server.child]);
        }
      },
      LONG,
    );
  },
);

// The move's target is PostgreSQL: it runs where TEST_DATABASE_URL names one (announcePostgresSkip says so when not).
announcePostgresSkip();
(TEST_DATABASE_URL ? describe : describe.skip)(
  'admin copy-store from SQLite to PostgreSQL',
  () => {
    it(
      'copy-store moves a whole SQLite province into an empty PostgreSQL database, where it works as before, and refuses one that holds data',
      async () => {
        const source = await freshPlace('sqlite');
        const push = await startPushService();
        let built: Awaited<ReturnType<typeof buildProvince>>;
        const sourceServer = await startTestServer({ store: 'sqlite', ...source.open, notifications: { allowLocalEndpoints: true } });
        try {
          built = await buildProvince(sourceServer, push);
        } finally {
          await sourceServer.close({ keepData: true });
          await push.close();
        }
        const sourceConfig = { kind: 'sqlite' as const, file: source.open.sqliteFile as string };
        const sourceCounts = Object.fromEntries((await countRows(sourceConfig)).map((table) => [table.table, table.rows]));

        const target = await freshPlace('postgres');
        const copied = await admin(source.settings, ['copy-store', '--to', target.settings.DATABASE_URL as string, '--json']);
        expect(copied.code, copied.stderr).toBe(0);
        const rows = Object.fromEntries((JSON.parse(copied.stdout) as { tables: { table: string; rows: number }[] }).tables.map((table) => [table.table, table.rows]));
        // Every table, row for row; the target's log holds one entry more: the move itself.
        expect(rows).toEqual(sourceCounts);
        const targetConfig = { kind: 'postgres' as const, url: TEST_DATABASE_URL as string, schema: target.open.pgSchema as string };
        const targetCounts = Object.fromEntries((await countRows(targetConfig)).map((table) => [table.table, table.rows]));
        expect(targetCounts).toEqual({ ...sourceCounts, audit_log: (sourceCounts.audit_log ?? 0) + 1 });
        expect(sourceCounts).toMatchObject({ reports: 5, review_decisions: 6, reporting_rounds: 1, devices: 1, push_subscriptions: 1, staff_recovery_codes: 10 });
        expect(sourceCounts.report_revisions).toBeGreaterThanOrEqual(6);

        const moved = await startTestServer({ store: 'postgres', pgSchema: target.open.pgSchema as string });
        try {
          await expectProvinceWorks(moved, built.was);
          // The phones' push key is the same: their subscriptions go on without asking again.
          expect((await api<{ publicKey: string }>(moved, 'GET', '/api/push/key', null)).body.publicKey).toBe(built.pushKey);
          // Each report stands where it stood.
          for (const [id, status] of Object.entries(built.statuses)) {
            const review = (await moved.store.findReport(id))?.reviewJson;
            expect(review ? (JSON.parse(review) as { status: string }).status : null, id).toBe(status);
          }
          // Two-step sign-in goes on with the same key, and a recovery code still works once.
          const step = await api<StaffSecondStep>(moved, 'POST', '/api/staff/login', null, { username: built.twoStep.username, password: built.twoStep.password });
          expect(step.body.secondStep).toBe('totp');
          const code = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(built.twoStep.secret), timestamp: Date.now() + 30_000 });
          expect((await api(moved, 'POST', '/api/staff/login/totp', null, { challenge: step.body.challenge, code })).status).toBe(200);
          const again = await api<StaffSecondStep>(moved, 'POST', '/api/staff/login', null, { username: built.twoStep.username, password: built.twoStep.password });
          expect((await api(moved, 'POST', '/api/staff/login/totp', null, { challenge: again.body.challenge, recoveryCode: built.twoStep.recoveryCode })).status).toBe(200);
          const entries = await moved.store.listAuditEntries({ underPath: '/', includeUnplaced: true, actions: ['backup.restored'], limit: 10 });
          expect(entries.map((entry) => entry.after)).toEqual([expect.objectContaining({ rows: Object.values(sourceCounts).reduce((sum, n) => sum + n, 0) })]);
        } finally {
          await moved.close({ keepData: true });
        }
        const listed = await admin(target.settings, ['list-unions', '--json']);
        expect(listed.code, listed.stderr).toBe(0);
        expect(listed.stdout).toContain('HT-01');
        const refused = await admin(source.settings, ['copy-store', '--to', target.settings.DATABASE_URL as string]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('--force');
      },
      LONG,
    );
  },
);
