/**
 * How the worker's sends reach the push services (issue 24, decision 0012 "Bounded rate"): never more
 * than the set rate in any second, so a province's round does not flood Google's, Mozilla's or
 * Apple's service; and a subscription the service says is gone (404 as well as 410) is dropped and
 * sent nothing more. The sends arrive at the test's own push service (../pushService.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundReachResponse } from '../../../src/domain/notifications';
import type { NodeRound } from '../../../src/domain/round';
import { DAY_MS, vietnamDate } from '../../../src/domain/calendar';
import { api, describeOnEachStore, pushStored, readyReport, type TestServer, startTestServer } from '../helpers';
import { type ReceivedPush, type TestPushService, type TestSubscription, startPushService, subscribeAt } from '../pushService';

/** The most arrivals any one-second window holds, a window starting at each arrival (less `slackMs` for the network's jitter). */
function mostInOneSecond(arrivals: readonly ReceivedPush[], slackMs: number): number {
  const times = arrivals.map((push) => push.at).sort((a, b) => a - b);
  return Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 1_000 - slackMs).length));
}

describeOnEachStore(
  (kind) => `the worker's sends to the push services (${kind})`,
  (kind) => {
    let push: TestPushService;
    beforeAll(async () => {
      push = await startPushService();
    });
    afterAll(async () => {
      await push.close();
    });

    const subscribedDevice = (server: TestServer, unionId: string) => subscribeAt(server, push, unionId);

    describe('at a rate of 2 sends a second', () => {
      let server: TestServer;
      beforeAll(async () => {
        // Only the rate is set, as an operator sets PUSH_RATE_PER_SECOND: whatever else the worker
        // assumes must keep the bound.
        server = await startTestServer({ store: kind, notifications: { allowLocalEndpoints: true, ratePerSecond: 2 } });
      });
      afterAll(async () => {
        await server.close();
      });

      it('sends a round’s ten notifications with no second holding more than two', async () => {
        const commune = await server.createNode({ name: 'Công đoàn phường Nhịp Đều' });
        const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
        const subscriptions: TestSubscription[] = [];
        for (let index = 0; index < 10; index += 1)
          subscriptions.push((await subscribedDevice(server, (await server.createUnion(`CĐCS Nhịp Đều ${index + 1}`, commune.id)).id)).subscription);
        const opened = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${commune.id}/rounds`, reviewer, {
          period: { year: 2025, kind: 'yearly' },
          title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2025',
          activities: { from: '2025-01-01', to: '2025-11-30' },
          deadline: vietnamDate(Date.now() + 20 * DAY_MS),
        });
        expect(opened.status, JSON.stringify(opened.body)).toBe(201);

        const ids = new Set(subscriptions.map((subscription) => subscription.id));
        const ours = () => push.received.filter((entry) => ids.has(entry.subscriptionId));
        // deliver() returns once every send it could take was answered.
        await server.app.notifications.deliver();

        expect(new Set(ours().map((entry) => entry.subscriptionId))).toEqual(ids);
        expect(ours()).toHaveLength(10);
        // 250 ms of slack for a loaded machine's network: sends 500 ms apart put two in a window, never three;
        // a worker that lets even two go at once puts three within 500 ms.
        expect(mostInOneSecond(ours(), 250)).toBeLessThanOrEqual(2);
      });
    });

    describe('a subscription the push service says is gone', () => {
      let server: TestServer;
      beforeAll(async () => {
        server = await startTestServer({ store: kind, notifications: { allowLocalEndpoints: true } });
      });
      afterAll(async () => {
        await server.close();
      });

      it('is dropped on 404 Not Found as on 410 Gone, and sent nothing more', async () => {
        const commune = await server.createNode({ name: 'Công đoàn phường Mất Dấu' });
        const unionId = (await server.createUnion('CĐCS Điện thoại đổi máy', commune.id)).id;
        const gone = await subscribedDevice(server, unionId);
        push.answer = (entry) => (entry.subscriptionId === gone.subscription.id ? { status: 404 } : { status: 201 });
        try {
          const first = readyReport();
          await pushStored(server, gone.device, first);
          await server.reviewReport(first.id, 'accepted');
          await server.app.notifications.deliver();
          expect(push.received.filter((entry) => entry.subscriptionId === gone.subscription.id).map((entry) => entry.status)).toEqual([404]);
          expect(await server.store.notifications.findSubscription(gone.device.deviceId)).toMatchObject({ state: 'expired' });
          const rows = await server.store.db.selectFrom('push_outbox').select(['state', 'last_status']).where('device_id', '=', gone.device.deviceId).execute();
          expect(rows).toEqual([{ state: 'expired', last_status: 404 }]);

          // The next event queues nothing for it, and the superior sees it cannot be reached.
          const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
          const round = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${commune.id}/rounds`, reviewer, {
            period: { year: 2026, kind: 'yearly' },
            title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2026',
            activities: { from: '2026-01-01', to: '2026-11-30' },
            deadline: vietnamDate(Date.now() + 20 * DAY_MS),
          });
          expect(round.status, JSON.stringify(round.body)).toBe(201);
          await server.app.notifications.deliver();
          expect(push.received.filter((entry) => entry.subscriptionId === gone.subscription.id)).toHaveLength(1);
          const reach = await api<RoundReachResponse>(server, 'GET', `/api/staff/rounds/${round.body.round.id}/reach`, reviewer);
          expect(reach.body.unions).toEqual([expect.objectContaining({ unionId, reach: 'expired' })]);
        } finally {
          push.answer = () => ({ status: 201 });
        }
      });
    });
  },
);
