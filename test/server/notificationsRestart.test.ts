/**
 * A reminder step survives a server dying in its middle and still reaches each phone once: real
 * server processes (`main.ts`) on one store, a push service run by the test that decrypts every send
 * (./pushService.ts). The first process takes the step, one phone's send is accepted, the next is on
 * its way when the process is killed; two processes started after it finish the step between them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { DAY_MS, vietnamDate } from '../../src/domain/calendar';
import type { NodeRound } from '../../src/domain/round';
import { SQLITE_FILE_NAME } from '../../src/server/env';
import { api, describeOnEachStore, openTestStore, type TestStore, startTestServer } from './helpers';
import { type ServerProcess, schemaUrl, startServerProcess, stopServerProcesses } from './processes';
import { type TestPushService, startPushService } from './pushService';

/** Each child compiles the server with tsx (seconds on a busy machine); this only bounds a hang. */
const TEST_TIMEOUT_MS = 180_000;
/** The dead process's claims end after about twice this (services/notificationWorker.ts). */
const SEND_TIMEOUT_MS = 3_000;

describeOnEachStore(
  (kind) => `a reminder step across a restart (${kind})`,
  (kind) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it(
      'reaches each phone exactly once when the process sending it dies in the middle',
      async () => {
        const push: TestPushService = await startPushService();
        cleanups.push(() => push.close());
        const dir = mkdtempSync(join(tmpdir(), 'bao-cao-cdcs-push-'));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const sqliteFile = kind === 'sqlite' ? join(dir, SQLITE_FILE_NAME) : undefined;

        // The setting, made in-process: three CĐCS under a commune, a phone each, subscribed, and a
        // round opened long ago whose reminder two days before its deadline (tomorrow) is due now.
        const setup = await startTestServer({ store: kind, ...(sqliteFile ? { sqliteFile } : {}), notifications: { allowLocalEndpoints: true } });
        const commune = await setup.createNode({ name: 'Công đoàn phường Khởi Động Lại' });
        const reviewer = await setup.staffSession({ nodeId: commune.id, role: 'reviewer' });
        const deadline = vietnamDate(Date.now() + DAY_MS);
        const opened = await api<{ round: NodeRound }>(setup, 'POST', `/api/staff/nodes/${commune.id}/rounds`, reviewer, {
          period: { year: 2025, kind: 'yearly' },
          title: 'Báo cáo năm 2025',
          activities: { from: '2025-01-01', to: '2025-11-30' },
          deadline,
        });
        expect(opened.status).toBe(201);
        const roundId = opened.body.round.id;
        expect((await api(setup, 'PUT', `/api/staff/rounds/${roundId}/reminders`, reviewer, { daysBefore: [2] })).status).toBe(200);
        await setup.store.db.updateTable('reporting_rounds').set({ opened_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', roundId).execute();
        const subscriptions = [];
        for (const name of ['CĐCS Một', 'CĐCS Hai', 'CĐCS Ba']) {
          const device = await setup.enrolDevice({ unionId: (await setup.createUnion(name, commune.id)).id });
          const subscription = push.subscribe();
          expect((await api(setup, 'PUT', '/api/push/subscription', device, subscription.body)).status).toBe(204);
          subscriptions.push(subscription);
        }
        const pgSchema = setup.pgSchema;
        await setup.close({ keepData: true });
        const watcher: TestStore = await openTestStore(kind, { ...(sqliteFile ? { sqliteFile } : {}), ...(pgSchema ? { pgSchema } : {}), migrate: false });
        cleanups.push(() => watcher.dispose());
        const delivered = async () =>
          (await watcher.store.db.selectFrom('push_outbox').select('id').where('state', '=', 'delivered').execute()).length;

        const env = {
          PUSH_ALLOW_LOCAL_ENDPOINTS: '1',
          PUSH_SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS),
          // One send a second: the step is still going when the process dies.
          PUSH_RATE_PER_SECOND: '1',
          ...(kind === 'sqlite' ? { DATA_DIR: dir } : {}),
        };
        const databaseUrl = pgSchema ? schemaUrl(pgSchema) : '';
        const processes: ServerProcess[] = [];
        cleanups.push(() => stopServerProcesses(processes.map((p) => p.child)));

        // The push service accepts the first send and keeps every later one waiting, unanswered.
        push.answer = () => (push.delivered().length === 0 ? { status: 201 } : 'hold');
        const first = startServerProcess(databaseUrl, env);
        processes.push(first);
        await first.url;
        await push.waitForDelivered(1);
        await vi.waitFor(async () => {
          expect(await delivered()).toBe(1);
          expect(push.received.length).toBeGreaterThanOrEqual(2);
        }, { timeout: 60_000, interval: 50 });
        const gone = new Promise((resolve) => first.child.once('exit', resolve));
        first.child.kill('SIGKILL');
        await gone;
        // Killed by a signal, it has no exit code: stopServerProcesses would wait for it again.
        processes.splice(processes.indexOf(first), 1);

        // What the dead process had on its way never got an answer; two processes take over.
        push.dropHeld();
        push.answer = () => ({ status: 201 });
        const second = startServerProcess(databaseUrl, env);
        const third = startServerProcess(databaseUrl, env);
        processes.push(second, third);
        await Promise.all([second.url, third.url]);
        await push.waitForDelivered(3);
        await vi.waitFor(async () => expect(await delivered()).toBe(3), { timeout: 60_000, interval: 50 });
        await stopServerProcesses(processes.map((p) => p.child));

        const accepted = push.delivered();
        expect(accepted.map((entry) => entry.subscriptionId).sort()).toEqual(subscriptions.map((s) => s.id).sort());
        for (const entry of accepted)
          expect(entry.payload).toMatchObject({ kind: 'deadline_reminder', tag: `round:${roundId}`, body: expect.stringContaining('Còn 2 ngày') });
        const outbox = await watcher.store.db.selectFrom('push_outbox').select(['state']).execute();
        expect(outbox.map((row) => row.state)).toEqual(['delivered', 'delivered', 'delivered']);
        expect(await watcher.store.db.selectFrom('reminder_steps').selectAll().execute()).toHaveLength(1);
        expect(await watcher.store.listAuditEntries({ underPath: '/', actions: ['push.reminder_sent'], limit: 10 })).toHaveLength(1);
      },
      TEST_TIMEOUT_MS,
    );
  },
);
