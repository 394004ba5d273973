/**
 * What reaches an officer's phone, and when (issue 24): a payload holds no figure of a report and no
 * name beyond the CĐCS's own, whatever the kind; a round opened again for everyone tells the CĐCS that
 * still have to send; and with no schedule set, the reminders come 7, 3 and 1 days before the deadline
 * at 08:00 Vietnam time, only to the CĐCS that have not sent, each once. The sends arrive at the test's
 * push service (../pushService.ts), which decrypts them with the subscription's keys; the server's
 * clock is moved (advanceClock), and the worker runs when the test calls `tick()`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DAY_MS, vietnamDate } from '../../../src/domain/calendar';
import { PUSH_KINDS, type PushKind, type PushPayload } from '../../../src/domain/notifications';
import type { NodeRound } from '../../../src/domain/round';
import type { ServerReport } from '../../../src/domain/sync';
import { api, describeOnEachStore, pushStored, readyReport, type TestServer, startTestServer } from '../helpers';
import { type TestPushService, type TestSubscription, deliveredTo, startPushService, subscribeAt } from '../pushService';

/** 08:00 in Vietnam (UTC+7, no summer time) `days` days before an ISO date, as an instant. */
function eightInVietnam(date: string, daysBefore: number): number {
  return Date.parse(`${date}T08:00:00+07:00`) - daysBefore * DAY_MS;
}

/** What a report of these tests holds: figures no notification may carry, in any writing. */
const FIGURES = { workers: 987_654, members: 876_543, femaleMembers: 765_432 };
const FIGURE_WRITINGS = Object.values(FIGURES).flatMap((figure) => [String(figure), figure.toLocaleString('vi-VN'), figure.toLocaleString('en-US')]);

describeOnEachStore(
  (kind) => `what a notification says and when it comes (${kind})`,
  (kind) => {
    let server: TestServer;
    let push: TestPushService;
    let clockOffset = 0;
    const now = () => Date.now() + clockOffset;
    const moveClockTo = (at: number) => {
      const delta = at - now();
      expect(delta, 'the clock only moves forward').toBeGreaterThanOrEqual(0);
      server.advanceClock(delta);
      clockOffset += delta;
    };

    beforeAll(async () => {
      push = await startPushService();
      server = await startTestServer({ store: kind, notifications: { allowLocalEndpoints: true } });
    });
    afterAll(async () => {
      await server.close();
      await push.close();
    });

    const subscribedDevice = (unionId: string) => subscribeAt(server, push, unionId);

    const receivedBy = (subscription: TestSubscription) => deliveredTo(push, subscription);
    const kindsOf = (subscription: TestSubscription) => receivedBy(subscription).map((entry) => entry.payload.kind);
    const remindersOf = (subscription: TestSubscription) =>
      receivedBy(subscription)
        .filter((entry) => entry.payload.kind === 'deadline_reminder')
        .map((entry) => entry.payload.body);

    async function openRound(who: { headers: Record<string, string> }, nodeId: string, deadline: string): Promise<NodeRound> {
      const answer = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${nodeId}/rounds`, who, {
        period: { year: 2025, kind: 'yearly' },
        title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2025',
        activities: { from: '2025-01-01', to: '2025-11-30' },
        deadline,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.round;
    }

    async function review(who: { headers: Record<string, string> }, reportId: string, status: 'returned' | 'accepted', comment = ''): Promise<void> {
      const revision = (await server.store.findReport(reportId))?.revision;
      const answer = await api<{ report: ServerReport }>(server, 'POST', `/api/staff/reports/${reportId}/review`, who, { status, comment, revision: String(revision) });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }

    it('never puts a report’s figures, another CĐCS’s name, a node’s or a staff member’s name, or the comment’s tail in a notification', async () => {
      const commune = await server.createNode({ name: 'Công đoàn phường Kín Đáo' });
      let reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
      const ownName = 'CĐCS Công ty Riêng Tư';
      const otherName = 'CĐCS Hợp tác xã Láng Giềng';
      const own = await subscribedDevice((await server.createUnion(ownName, commune.id)).id);
      const other = await subscribedDevice((await server.createUnion(otherName, commune.id)).id);
      const deadline = vietnamDate(now() + 20 * DAY_MS);
      const round = await openRound(reviewer, commune.id, deadline);
      await server.app.notifications.tick();

      // The officer sends a report full of figures; the superior returns it with a long comment whose
      // tail names a person, another CĐCS and a figure, then accepts the corrected report.
      const report = readyReport();
      report.membership = { ...report.membership, ...FIGURES };
      const revision = await pushStored(server, own.device, report);
      const tail = `kèm xác nhận của chủ tịch Nguyễn Văn Bí Mật như ${otherName} đã làm với ${FIGURES.workers} người`;
      const comment = `Đề nghị công đoàn cơ sở rà soát lại số đoàn viên, số người lao động và số đoàn viên nữ trong kỳ, ${tail}.`;
      await review(reviewer, report.id, 'returned', comment);
      await server.app.notifications.tick();
      await pushStored(server, own.device, { ...report, membership: { ...report.membership, members: FIGURES.members + 1 } }, revision);
      await review(reviewer, report.id, 'accepted', `Tiếp nhận. ${FIGURES.members + 1} đoàn viên.`);
      await server.app.notifications.tick();

      // "Nhắc ngay" and the default schedule's first step remind the CĐCS that has not sent.
      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/remind`, reviewer, { preview: false })).status).toBe(200);
      await server.app.notifications.tick();
      moveClockTo(eightInVietnam(deadline, 7) + 60_000);
      await server.app.notifications.tick();

      // The round closes, opens again for the CĐCS that has not sent, then for everyone.
      reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/close`, reviewer)).status).toBe(200);
      const reopening = await api(server, 'POST', `/api/staff/rounds/${round.id}/reopenings`, reviewer, { unionId: other.device.unionId, deadline: vietnamDate(now() + 5 * DAY_MS) });
      expect(reopening.status, JSON.stringify(reopening.body)).toBe(200);
      await server.app.notifications.tick();
      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/close`, reviewer)).status).toBe(200);
      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/open`, reviewer)).status).toBe(200);
      await server.app.notifications.tick();

      // Every kind reached a phone: the test looked at each.
      expect(kindsOf(own.subscription)).toEqual(['round_opened', 'report_returned', 'report_accepted']);
      expect(kindsOf(other.subscription)).toEqual(['round_opened', 'deadline_reminder', 'deadline_reminder', 'round_reopened', 'round_reopened']);

      const staffNames = [reviewer.username, 'hệ thống', 'Nguyễn Văn Bí Mật'];
      const nodeNames = [commune.name, server.root.name, ...(server.root.shortName ? [server.root.shortName] : [])];
      for (const [subscription, otherUnion] of [
        [own.subscription, otherName],
        [other.subscription, ownName],
      ] as const) {
        for (const { payload } of receivedBy(subscription)) {
          // Exactly what the service worker shows (src/domain/notifications.ts PushPayload): nothing else travels.
          expect(Object.keys(payload).sort()).toEqual(['body', 'kind', 'tag', 'title', 'url', 'v']);
          const text = JSON.stringify(payload);
          for (const forbidden of [...FIGURE_WRITINGS, String(FIGURES.members + 1), otherUnion, ...nodeNames, ...staffNames, 'Bí Mật'])
            expect(text, `${payload.kind} holds “${forbidden}”`).not.toContain(forbidden);
        }
      }
      // The return shows the comment's first words and stops before its tail.
      const returned = receivedBy(own.subscription).find((entry) => entry.payload.kind === 'report_returned')?.payload as PushPayload;
      expect(returned.body.startsWith('Cấp trên đề nghị sửa: Đề nghị công đoàn cơ sở rà soát lại số đoàn viên')).toBe(true);
      expect(returned.body).not.toContain('kèm xác nhận');
    });

    it('tells the CĐCS that still have to send when a whole round is opened again, and nobody else', async () => {
      const commune = await server.createNode({ name: 'Công đoàn phường Mở Lại' });
      const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
      const laggard = await subscribedDevice((await server.createUnion('CĐCS Chưa Gửi', commune.id)).id);
      const returned = await subscribedDevice((await server.createUnion('CĐCS Bị Trả Lại', commune.id)).id);
      const sender = await subscribedDevice((await server.createUnion('CĐCS Đã Gửi', commune.id)).id);
      const refusing = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Không Nhận', commune.id)).id });
      expect((await api(server, 'PUT', '/api/push/refusal', refusing, {})).status).toBe(204);
      const neighbour = await subscribedDevice((await server.createUnion('CĐCS Nơi Khác', (await server.createNode()).id)).id);
      const deadline = vietnamDate(now() + 20 * DAY_MS);
      const round = await openRound(reviewer, commune.id, deadline);
      await pushStored(server, sender.device, readyReport());
      const sentBack = readyReport();
      await pushStored(server, returned.device, sentBack);
      await review(reviewer, sentBack.id, 'returned', 'Đề nghị bổ sung số liệu.');
      await server.app.notifications.tick();

      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/close`, reviewer)).status).toBe(200);
      expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/open`, reviewer)).status).toBe(200);
      await server.app.notifications.tick();

      const reopenedTo = (subscription: TestSubscription) => receivedBy(subscription).filter((entry) => entry.payload.kind === 'round_reopened');
      for (const { subscription } of [laggard, returned])
        expect(reopenedTo(subscription).map((entry) => entry.payload)).toEqual([
          {
            v: 1,
            kind: 'round_reopened',
            title: 'Mở lại đợt báo cáo năm 2025',
            body: `Báo cáo kết quả thực hiện Nghị quyết năm 2025. Hạn nộp: ${deadline.split('-').reverse().join('/')}.`,
            url: '/#/',
            tag: `round:${round.id}`,
          },
        ]);
      expect(kindsOf(sender.subscription)).toEqual(['round_opened']);
      expect(receivedBy(neighbour.subscription)).toEqual([]);
      // One send queued per CĐCS that still has to send: the superior's tally counts what was meant.
      expect(await server.store.db.selectFrom('push_outbox').select('device_id').where('round_id', '=', round.id).where('kind', '=', 'round_reopened').execute()).toHaveLength(2);
    });

    it('reminds, with no schedule set, 7, 3 and 1 days before the deadline at 08:00 Vietnam time, only the CĐCS that have not sent, each once', async () => {
      const commune = await server.createNode({ name: 'Công đoàn phường Nhắc Hạn' });
      const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
      const laggard = await subscribedDevice((await server.createUnion('CĐCS Chậm Trễ', commune.id)).id);
      const returned = await subscribedDevice((await server.createUnion('CĐCS Phải Sửa', commune.id)).id);
      const early = await subscribedDevice((await server.createUnion('CĐCS Gửi Sớm', commune.id)).id);
      const midway = await subscribedDevice((await server.createUnion('CĐCS Gửi Giữa Chừng', commune.id)).id);
      const deadline = vietnamDate(now() + 20 * DAY_MS);
      const round = await openRound(reviewer, commune.id, deadline);
      await pushStored(server, early.device, readyReport());
      const sentBack = readyReport();
      await pushStored(server, returned.device, sentBack);
      await review(reviewer, sentBack.id, 'returned', 'Đề nghị bổ sung số liệu.');
      await server.app.notifications.tick();
      const reach = await api<{ schedule: unknown }>(server, 'GET', `/api/staff/rounds/${round.id}/reach`, reviewer);
      expect(reach.body.schedule).toEqual({ daysBefore: [7, 3, 1], hour: 8 });

      const dated = (days: number) => `Còn ${days} ngày đến hạn nộp báo cáo (${deadline.split('-').reverse().join('/')}). Báo cáo kết quả thực hiện Nghị quyết năm 2025.`;
      const everyone = [laggard, returned, early, midway];
      const remindersNow = () => everyone.map(({ subscription }) => remindersOf(subscription).length);
      for (const days of [7, 3, 1]) {
        // A minute before the step's moment nothing goes; a minute after it goes, once however often the worker looks.
        moveClockTo(eightInVietnam(deadline, days) - 60_000);
        const before = remindersNow();
        await server.app.notifications.tick();
        expect(remindersNow(), `${days} days before, 07:59`).toEqual(before);
        moveClockTo(eightInVietnam(deadline, days) + 60_000);
        await server.app.notifications.tick();
        await server.app.notifications.tick();
        moveClockTo(eightInVietnam(deadline, days) + 3 * 3_600_000);
        await server.app.notifications.tick();
        // The CĐCS "Gửi Giữa Chừng" sends between the first and the second step.
        if (days === 7) await pushStored(server, midway.device, readyReport());
      }
      // After the deadline's day: nothing more.
      moveClockTo(Date.parse(`${deadline}T23:59:00+07:00`) + 2 * 60_000);
      await server.app.notifications.tick();

      expect(remindersOf(laggard.subscription)).toEqual([dated(7), dated(3), dated(1)]);
      expect(remindersOf(returned.subscription)).toEqual([dated(7), dated(3), dated(1)]);
      expect(remindersOf(midway.subscription)).toEqual([dated(7)]);
      expect(remindersOf(early.subscription)).toEqual([]);
      const steps = await server.store.db.selectFrom('reminder_steps').select('key').where('round_id', '=', round.id).orderBy('key').execute();
      expect(steps.map((step) => step.key).sort()).toEqual([1, 3, 7].map((days) => `${round.id}:${deadline}:${days}`).sort());
    });
  },
);

// The kinds a CĐCS can receive; the first test above looks at each (a new kind must be looked at too).
const KINDS_LOOKED_AT: readonly PushKind[] = ['round_opened', 'round_reopened', 'deadline_reminder', 'report_returned', 'report_accepted'];
it('looks at every kind of notification there is', () => {
  expect([...PUSH_KINDS].sort()).toEqual([...KINDS_LOOKED_AT].sort());
});
