/**
 * Notifications to the officer's phone (issue 24) over the real protocol: the server's sends arrive
 * at a push service the test runs (../pushService.ts), which decrypts each with the subscription's
 * keys. The clock is the server's (advanceClock); the worker runs when the test calls `tick()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, vietnamDate } from '../../../src/domain/calendar';
import type { RemindNowResponse, RoundReachResponse } from '../../../src/domain/notifications';
import type { NodeRound } from '../../../src/domain/round';
import { dueStep, reminderDueAt } from '../../../src/server/services/notifications';
import { api, describeOnEachStore, type EnrolledDevice, expectApiError, pushStored, readyReport, type TestServer, startTestServer, twoCommunes, type TwoCommunes } from '../helpers';
import { type TestPushService, type TestSubscription, deliveredTo, startPushService, subscribeAt } from '../pushService';

describe('the reminder step due', () => {
  const deadline = '2026-12-20';
  it('is due at 08:00 in Vietnam (01:00 UTC) on the day, and only the latest step due is sent', () => {
    expect(new Date(reminderDueAt(deadline, 3)).toISOString()).toBe('2026-12-17T01:00:00.000Z');
    expect(dueStep([7, 3, 1], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-17T00:59:00.000Z'))).toBe(7);
    expect(dueStep([7, 3, 1], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-17T01:00:00.000Z'))).toBe(3);
    expect(dueStep([7, 3, 1], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-20T16:59:00.000Z'))).toBe(1);
  });
  it('is none before the first step, after the deadline’s day, or for steps before the round opened', () => {
    expect(dueStep([7, 3, 1], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-13T00:59:00.000Z'))).toBeNull();
    expect(dueStep([7, 3, 1], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-20T17:00:00.000Z'))).toBeNull();
    expect(dueStep([7, 3, 1], deadline, '2026-12-18T00:00:00.000Z', new Date('2026-12-18T02:00:00.000Z'))).toBeNull();
    expect(dueStep([], deadline, '2026-12-01T00:00:00.000Z', new Date('2026-12-19T02:00:00.000Z'))).toBeNull();
  });
});

describeOnEachStore(
  (kind) => `notifications to the phone (${kind})`,
  (kind) => {
    let server: TestServer;
    let push: TestPushService;
    let clockOffset = 0;
    const moveClockTo = (at: number) => {
      const delta = at - (Date.now() + clockOffset);
      server.advanceClock(delta);
      clockOffset += delta;
    };

    beforeAll(async () => {
      push = await startPushService();
      server = await startTestServer({ store: kind, notifications: { allowLocalEndpoints: true, retryBaseMs: 60_000 } });
    });
    afterAll(async () => {
      await server.close();
      await push.close();
    });

    const subscribedDevice = (unionId: string) => subscribeAt(server, push, unionId);

    const receivedBy = (subscription: TestSubscription) => deliveredTo(push, subscription);

    /** Opens a round on a node for 2025, due `deadline`, as `who`. */
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

    it('hands out one VAPID key, kept in the store, and checks what a device subscribes with', async () => {
      const key = await api<{ publicKey: string }>(server, 'GET', '/api/push/key', null);
      expect(key.status).toBe(200);
      expect(Buffer.from(key.body.publicKey, 'base64url')).toHaveLength(65);
      expect((await api<{ publicKey: string }>(server, 'GET', '/api/push/key', null)).body.publicKey).toBe(key.body.publicKey);

      const device = await server.enrolDevice();
      const good = push.subscribe().body;
      expectApiError(await api(server, 'PUT', '/api/push/subscription', null, good), 401, 'unauthorized');
      expectApiError(await api(server, 'PUT', '/api/push/subscription', device, { ...good, endpoint: 'http://push.example.com/x' }), 422, 'validation_failed');
      expectApiError(await api(server, 'PUT', '/api/push/subscription', device, { ...good, keys: { ...good.keys, auth: 'c2hvcnQ' } }), 422, 'validation_failed');
      expectApiError(await api(server, 'PUT', '/api/push/subscription', device, { ...good, expirationTime: 1e300 }), 422, 'validation_failed');
      expect((await api(server, 'PUT', '/api/push/subscription', device, good)).status).toBe(204);
      expect((await server.store.notifications.findSubscription(device.deviceId))?.state).toBe('subscribed');
      expect((await api(server, 'DELETE', '/api/push/subscription', device)).status).toBe(204);
      expect(await server.store.notifications.findSubscription(device.deviceId)).toMatchObject({ state: 'off', endpoint: null });
    });

    describe('a round and its reminders', () => {
      let communes: TwoCommunes;
      let round: NodeRound;
      let deadline: string;
      let sender: { device: EnrolledDevice; subscription: TestSubscription };
      let laggard: { device: EnrolledDevice; subscription: TestSubscription };
      let revoked: { device: EnrolledDevice; subscription: TestSubscription };
      let neighbour: { device: EnrolledDevice; subscription: TestSubscription };
      let refusing: EnrolledDevice;

      beforeAll(async () => {
        communes = await twoCommunes(server);
        sender = await subscribedDevice(communes.unionA.id);
        laggard = await subscribedDevice((await server.createUnion('CĐCS Hợp tác xã Chậm', communes.communeA.id)).id);
        revoked = await subscribedDevice((await server.createUnion('CĐCS Điện thoại thu hồi', communes.communeA.id)).id);
        neighbour = await subscribedDevice(communes.unionB.id);
        refusing = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Từ chối', communes.communeA.id)).id });
        expect((await api(server, 'PUT', '/api/push/refusal', refusing, {})).status).toBe(204);
        const revocation = await api(server, 'POST', `/api/staff/devices/${revoked.device.deviceId}/revoke`, communes.staff.reviewerA);
        expect(revocation.status).toBe(200);
        deadline = vietnamDate(Date.now() + clockOffset + 20 * DAY_MS);
        round = await openRound(communes.staff.reviewerA, communes.communeA.id, deadline);
        await server.app.notifications.tick();
      });

      it('tells the round’s CĐCS it opened, and nobody else', async () => {
        const [opened] = receivedBy(laggard.subscription);
        expect(opened?.payload).toEqual({
          v: 1,
          kind: 'round_opened',
          title: 'Mở đợt báo cáo năm 2025',
          body: `Báo cáo kết quả thực hiện Nghị quyết năm 2025. Hạn nộp: ${deadline.split('-').reverse().join('/')}.`,
          url: '/#/',
          tag: `round:${round.id}`,
        });
        expect(opened?.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/);
        expect(receivedBy(sender.subscription).map((entry) => entry.payload.kind)).toEqual(['round_opened']);
        expect(receivedBy(revoked.subscription)).toEqual([]);
        expect(receivedBy(neighbour.subscription)).toEqual([]);
      });

      it('reminds at 08:00 Vietnam time only the CĐCS that have not sent, once per step', async () => {
        await pushStored(server, sender.device, readyReport());
        const reviewer = communes.staff.reviewerA;
        expectApiError(await api(server, 'PUT', `/api/staff/rounds/${round.id}/reminders`, reviewer, { daysBefore: [3, 3] }), 422, 'validation_failed');
        expectApiError(await api(server, 'PUT', `/api/staff/rounds/${round.id}/reminders`, reviewer, { daysBefore: [31] }), 422, 'validation_failed');
        expectApiError(await api(server, 'PUT', `/api/staff/rounds/${round.id}/reminders`, communes.staff.viewerA, { daysBefore: [3] }), 403, 'forbidden');
        const schedule = await api(server, 'PUT', `/api/staff/rounds/${round.id}/reminders`, reviewer, { daysBefore: [1, 3] });
        expect(schedule.body).toEqual({ daysBefore: [3, 1], hour: 8 });

        moveClockTo(reminderDueAt(deadline, 3) - 60_000);
        expect((await server.app.notifications.tick()).queued).toBe(0);
        moveClockTo(reminderDueAt(deadline, 3) + 60_000);
        expect((await server.app.notifications.tick()).queued).toBe(1);
        expect((await server.app.notifications.tick()).queued).toBe(0);

        const reminders = receivedBy(laggard.subscription).filter((entry) => entry.payload.kind === 'deadline_reminder');
        expect(reminders.map((entry) => entry.payload.body)).toEqual([expect.stringContaining('Còn 3 ngày đến hạn nộp báo cáo')]);
        expect(receivedBy(sender.subscription).map((entry) => entry.payload.kind)).toEqual(['round_opened']);
        expect(receivedBy(revoked.subscription)).toEqual([]);
        const audit = await server.store.listAuditEntries({ underPath: '/', actions: ['push.reminder_sent'], limit: 10 });
        expect(audit).toEqual([expect.objectContaining({ target: { kind: 'round', id: round.id }, after: expect.objectContaining({ scheduled: true, daysBefore: 3, unions: 1, sends: 1 }) })]);
      });

      it('shows the superior who can be reached, and reminds now the CĐCS that have not sent', async () => {
        // The clock moved past the sessions of the setting: sign in again.
        const [viewer, reviewer, outsider] = [
          await server.staffSession({ nodeId: communes.communeA.id, role: 'viewer' }),
          await server.staffSession({ nodeId: communes.communeA.id, role: 'reviewer' }),
          await server.staffSession({ nodeId: communes.communeB.id, role: 'admin' }),
        ];
        expectApiError(await api(server, 'GET', `/api/staff/rounds/${round.id}/reach`, outsider), 404, 'not_found');
        const reach = await api<RoundReachResponse>(server, 'GET', `/api/staff/rounds/${round.id}/reach`, viewer);
        expect(reach.status).toBe(200);
        const byName = Object.fromEntries(reach.body.unions.map((union) => [union.name, union]));
        expect(byName['CĐCS Công ty May An Tịnh']).toMatchObject({ sent: true, reach: 'subscribed', devices: 1, lastSyncAt: expect.any(String) });
        expect(byName['CĐCS Hợp tác xã Chậm']).toMatchObject({ sent: false, reach: 'subscribed', devices: 1 });
        expect(byName['CĐCS Từ chối']).toMatchObject({ sent: false, reach: 'refused', devices: 1 });
        expect(byName['CĐCS Điện thoại thu hồi']).toMatchObject({ reach: 'never', devices: 0 });
        expect(byName['CĐCS Trường Bến Củi']).toBeUndefined();
        expect(reach.body.sends).toEqual({ delivered: 3, refused: 0, expired: 0, pending: 0 });

        const preview = await api<RemindNowResponse>(server, 'POST', `/api/staff/rounds/${round.id}/remind`, reviewer, { preview: true });
        expect(preview.body).toEqual({ recipients: [{ unionId: laggard.device.unionId, name: 'CĐCS Hợp tác xã Chậm' }], queued: 0 });
        expect((await server.app.notifications.tick()).finished).toBe(0);
        const sent = await api<RemindNowResponse>(server, 'POST', `/api/staff/rounds/${round.id}/remind`, reviewer, { preview: false });
        expect(sent.body.queued).toBe(1);
        await server.app.notifications.tick();
        expect(receivedBy(laggard.subscription).filter((entry) => entry.payload.kind === 'deadline_reminder')).toHaveLength(2);
        const audit = await server.store.listAuditEntries({ underPath: '/', actions: ['push.reminder_sent'], limit: 10 });
        expect(audit[0]).toMatchObject({ actor: expect.objectContaining({ username: reviewer.username }), after: { scheduled: false, unions: 1, sends: 1 } });
      });
      it('tells a CĐCS the round was reopened for it, with its own deadline', async () => {
        const reviewer = await server.staffSession({ nodeId: communes.communeA.id, role: 'reviewer' });
        expect((await api(server, 'POST', `/api/staff/rounds/${round.id}/close`, reviewer)).status).toBe(200);
        const own = vietnamDate(Date.now() + clockOffset + 10 * DAY_MS);
        const reopening = await api(server, 'POST', `/api/staff/rounds/${round.id}/reopenings`, reviewer, { unionId: laggard.device.unionId, deadline: own });
        expect(reopening.status, JSON.stringify(reopening.body)).toBe(200);
        await server.app.notifications.tick();
        const reopened = receivedBy(laggard.subscription).filter((entry) => entry.payload.kind === 'round_reopened');
        expect(reopened.map((entry) => entry.payload.body)).toEqual([`Báo cáo kết quả thực hiện Nghị quyết năm 2025. Hạn nộp mới: ${own.split('-').reverse().join('/')}.`]);
        expect(receivedBy(sender.subscription).map((entry) => entry.payload.kind)).toEqual(['round_opened']);
      });
    });

    it('sends nothing to a device revoked after its notification was queued', async () => {
      const union = await server.createUnion('CĐCS Thu hồi sau');
      const { device, subscription } = await subscribedDevice(union.id);
      const report = readyReport();
      await pushStored(server, device, report);
      await server.reviewReport(report.id, 'accepted');
      const reviewer = await server.staffSession();
      expect((await api(server, 'POST', `/api/staff/devices/${device.deviceId}/revoke`, reviewer)).status).toBe(200);
      await server.app.notifications.tick();
      expect(receivedBy(subscription)).toEqual([]);
      expect(await server.store.notifications.findSubscription(device.deviceId)).toBeUndefined();
      const rows = await server.store.db.selectFrom('push_outbox').select('state').where('device_id', '=', device.deviceId).execute();
      expect(rows).toEqual([{ state: 'dropped' }]);
    });

    it('tells a CĐCS its report was returned, with the first words of the comment, and accepted', async () => {
      const union = await server.createUnion('CĐCS Trả lại');
      const { device, subscription } = await subscribedDevice(union.id);
      const report = readyReport();
      const revision = await pushStored(server, device, report);
      const comment = 'Đề nghị bổ sung số liệu đoàn viên nữ và số người lao động ký hợp đồng từ đủ 12 tháng trở lên, kèm danh sách.';
      await server.reviewReport(report.id, 'returned', comment);
      await server.app.notifications.tick();
      const [returned] = receivedBy(subscription);
      expect(returned?.payload).toMatchObject({ kind: 'report_returned', url: `/#/report/${report.id}`, tag: `report:${report.id}` });
      const preview = returned?.payload.body.replace('Cấp trên đề nghị sửa: ', '') ?? '';
      expect(preview.endsWith('…')).toBe(true);
      expect(comment.startsWith(preview.slice(0, -1))).toBe(true);
      expect(Array.from(preview).length).toBeLessThanOrEqual(81);

      await pushStored(server, device, { ...report, membership: { ...report.membership, members: 101 } }, revision);
      await server.reviewReport(report.id, 'accepted');
      await server.app.notifications.tick();
      expect(receivedBy(subscription).map((entry) => entry.payload.kind)).toEqual(['report_returned', 'report_accepted']);
      const payload = JSON.stringify(receivedBy(subscription).map((entry) => entry.payload));
      expect(payload).not.toContain('101');
    });

    it('drops a subscription the push service says is gone, and waits when it asks to', async () => {
      const union = await server.createUnion('CĐCS Hết hạn');
      const gone = await subscribedDevice(union.id);
      const busy = await subscribedDevice((await server.createUnion('CĐCS Bận')).id);
      push.answer = (entry) =>
        entry.subscriptionId === gone.subscription.id ? { status: 410 } : entry.subscriptionId === busy.subscription.id && push.received.filter((r) => r.subscriptionId === busy.subscription.id).length === 1 ? { status: 429, retryAfter: '120' } : { status: 201 };
      try {
        for (const { device } of [gone, busy]) {
          const report = readyReport();
          await pushStored(server, device, report);
          await server.reviewReport(report.id, 'accepted');
        }
        await server.app.notifications.tick();
        expect(receivedBy(busy.subscription)).toEqual([]);
        expect((await server.store.notifications.findSubscription(gone.device.deviceId))?.state).toBe('expired');
        // Retry-After (120 s) is longer than the backoff's first wait (60 s): nothing before it.
        moveClockTo(Date.now() + clockOffset + 90_000);
        await server.app.notifications.tick();
        expect(receivedBy(busy.subscription)).toEqual([]);
        moveClockTo(Date.now() + clockOffset + 60_000);
        await server.app.notifications.tick();
        expect(receivedBy(busy.subscription).map((entry) => entry.payload.kind)).toEqual(['report_accepted']);
      } finally {
        push.answer = () => ({ status: 201 });
      }
    });

    // Two app instances in one test process: on PostgreSQL as two processes would run. Two SQLite stores
    // in one process would block each other's event loop on the file's lock (SQLite waits synchronously);
    // several processes on one SQLite file are tested as real processes (../notificationsRestart.test.ts).
    const onPostgres = kind === 'postgres' ? it : () => undefined;
    onPostgres('takes a reminder step once when two app instances tick together', async () => {
      const commune = await server.createNode({ name: 'Công đoàn phường Song Song' });
      const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
      const subscribed = [];
      for (const name of ['CĐCS Song Một', 'CĐCS Song Hai']) subscribed.push(await subscribedDevice((await server.createUnion(name, commune.id)).id));
      const due = vietnamDate(Date.now() + clockOffset + 10 * DAY_MS);
      const round = await openRound(reviewer, commune.id, due);
      expect((await api(server, 'PUT', `/api/staff/rounds/${round.id}/reminders`, reviewer, { daysBefore: [5] })).status).toBe(200);
      const twin = await startTestServer({
        store: kind,
        ...(server.sqliteFile ? { sqliteFile: server.sqliteFile } : {}),
        ...(server.pgSchema ? { pgSchema: server.pgSchema } : {}),
        notifications: { allowLocalEndpoints: true },
      });
      try {
        moveClockTo(reminderDueAt(due, 5) + 60_000);
        twin.advanceClock(clockOffset);
        await Promise.all([server.app.notifications.tick(), twin.app.notifications.tick()]);
        // Once each; in no set order: the two instances may each deliver one of the two at the same moment.
        for (const { subscription } of subscribed)
          expect(
            receivedBy(subscription)
              .map((entry) => entry.payload.kind)
              .sort(),
          ).toEqual(['deadline_reminder', 'round_opened']);
        expect(await server.store.db.selectFrom('reminder_steps').select('key').where('round_id', '=', round.id).execute()).toEqual([{ key: `${round.id}:${due}:5` }]);
      } finally {
        await twin.close({ keepData: true });
      }
    });
  },
);
