/**
 * The backup as a province runs it, on both stores: a real server process takes a phone's pushes in a
 * loop (three phones) while `npm run admin -- backup` (its own process) makes a snapshot; the snapshot restored with
 * `npm run admin -- restore` into a fresh store holds every push acknowledged before the backup started,
 * and the phone's token goes on syncing on a server started on it. On PostgreSQL also `copy-store`, the
 * move from SQLite: everything copied, the copy refuses a database that holds data.
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
import { announcePostgresSkip, api, describeOnEachStore, openTestStore, pushHeaders, readyReport, startTestServer, TEST_DATABASE_URL } from '../helpers';
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
      'copy-store moves a SQLite store into an empty PostgreSQL database, and refuses one that holds data',
      async () => {
        const source = await freshPlace('sqlite');
        const setup = await openTestStore('sqlite', source.open);
        const context = { store: setup.store, now: () => new Date() };
        const root = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm' });
        await createUnion(context, CONSOLE, { name: 'CĐCS Trường Tiểu học Hòa Thành', superiorId: root.id, code: 'HT-01' });
        await setup.dispose({ keepData: true });
        const target = await freshPlace('postgres');
        const copied = await admin(source.settings, ['copy-store', '--to', target.settings.DATABASE_URL as string, '--json']);
        expect(copied.code, copied.stderr).toBe(0);
        const rows = Object.fromEntries((JSON.parse(copied.stdout) as { tables: { table: string; rows: number }[] }).tables.map((table) => [table.table, table.rows]));
        expect(rows).toMatchObject({ nodes: 1, unions: 1, union_moves: 1 });
        const listed = await admin(target.settings, ['list-unions', '--json']);
        expect(listed.code, listed.stderr).toBe(0);
        expect(listed.stdout).toContain('HT-01');
        const again = await admin(source.settings, ['copy-store', '--to', target.settings.DATABASE_URL as string]);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('--force');
      },
      LONG,
    );
  },
);
