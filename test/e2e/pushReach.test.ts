/**
 * Issue 24, the superior's side, on the real server: under the node's own round, who a push reaches (and
 * whom to call, with their last sync), the sends counted, "Nhắc ngay" with a confirm that lists who will
 * get it and then the count queued, and the reminder schedule a reviewer edits. Four CĐCS set the scene
 * through the phones' own API: one subscribed, one with no phone, one that said no, and one that sent
 * its report and whose subscription the push service (run by the test) ends with 410.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundReachResponse } from '../../src/domain/notifications';
import type { NodeRound } from '../../src/domain/round';
import { formatDateTime } from '../../src/app/i18n/format';
import { type EnrolledDevice, PAST_ROUND, pushStored, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { startPushService, type TestPushService } from '../server/pushService';
import { watchConsoleErrors, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { staffRequest, useStaffSession } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;
let pushService: TestPushService;

beforeAll(async () => {
  pushService = await startPushService();
});
afterAll(async () => {
  await pushService?.close();
});

serverAndBrowserPerFile(() => startTestServer({ distDir, notifications: { allowLocalEndpoints: true } }), (started, launched) => {
  server = started;
  browser = launched;
});

/** A phone's own call to the push routes (`PUT /api/push/subscription`, `PUT /api/push/refusal`). */
async function phoneCall(device: EnrolledDevice, path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status, path).toBe(204);
}

async function openRoundReach(page: Page, year: number): Promise<void> {
  await page.goto(`${server.url}/#/staff`);
  await page.getByTestId('staff-year').selectOption(String(year));
  await page.getByTestId('staff-round').waitFor();
  await page.locator('[data-testid="round-reach"] > summary').click();
  await page.getByTestId('round-reach-view').waitFor();
}

describe("the superior sees who a round's notifications reach and steers them", () => {
  it('lists whom to call, counts the sends, previews "Nhắc ngay" before queueing, and lets a reviewer change the schedule', async () => {
    const year = PAST_ROUND.period.year;
    const reached = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty May Tây Ninh')).id });
    await server.createUnion('CĐCS Trường Mầm non Hoa Sen');
    const refused = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty Gỗ Thuận An')).id });
    const sentUnion = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Bệnh viện Đa khoa')).id });
    await phoneCall(reached, '/api/push/subscription', pushService.subscribe().body);
    await phoneCall(refused, '/api/push/refusal', {});
    const ending = pushService.subscribe();
    await phoneCall(sentUnion, '/api/push/subscription', ending.body);
    pushService.answer = (push) => ({ status: push.subscriptionId === ending.id ? 410 : 201 });

    const reviewer = await server.staffSession({ role: 'reviewer' });
    const { round } = await staffRequest<{ round: NodeRound }>(server.url, reviewer.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, PAST_ROUND);
    await pushStored(server, sentUnion, readyReport());
    // The round's opening went to both subscribed phones: one delivered, one ended by its push service.
    await server.app.notifications.tick();
    await pushService.waitForDelivered(1);
    const known = (await staffRequest<RoundReachResponse>(server.url, reviewer.headers, 'GET', `/api/staff/rounds/${round.id}/reach`)).unions;
    const lastSync = (name: string) => known.find((union) => union.name === name)!.lastSyncAt!;

    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const csp = watchCspViolations(page);
      const errors = watchConsoleErrors(page);
      await useStaffSession(page, reviewer.headers);
      await openRoundReach(page, year);

      expect(await page.getByTestId('reach-sends').innerText()).toBe('Thông báo đã gửi: 1 đến máy · 0 bị từ chối · 1 hết hạn · 0 đang chờ gửi');
      const reach = page.getByTestId('round-reach-view');
      expect(await reach.getByRole('heading', { level: 4 }).first().innerText()).toBe('Cần gọi điện: 2 CĐCS chưa gửi báo cáo và không nhận được thông báo');
      // Never synced first, then by the last sync: the reached and the sent ones are not there.
      const toCall = page.locator('[data-testid="reach-to-call"] [data-testid="reach-union"]');
      expect(await toCall.evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())))).toEqual([
        ['CĐCS Trường Mầm non Hoa Sen', 'Chưa gửi', 'Chưa bật thông báo', '0', 'Chưa đồng bộ'],
        ['CĐCS Công ty Gỗ Thuận An', 'Chưa gửi', 'Đã từ chối thông báo', '1', formatDateTime(lastSync('CĐCS Công ty Gỗ Thuận An'))],
      ]);
      const all = page.locator('[data-testid="reach-all"] [data-testid="reach-union"]');
      expect(
        Object.fromEntries(await all.evaluateAll((rows) => rows.map((row) => [row.querySelector('th')!.textContent!.trim(), `${row.getAttribute('data-reach')} ${row.children[1]!.textContent}`]))),
      ).toEqual({
        'CĐCS Công ty May Tây Ninh': 'subscribed Chưa gửi',
        'CĐCS Trường Mầm non Hoa Sen': 'never Chưa gửi',
        'CĐCS Công ty Gỗ Thuận An': 'refused Chưa gửi',
        'CĐCS Bệnh viện Đa khoa': 'expired Đã gửi',
      });

      // "Nhắc ngay": first who would get it, nothing queued; confirmed, the count queued.
      await page.getByTestId('remind-now').click();
      const preview = page.getByTestId('remind-preview');
      await preview.waitFor();
      expect(await preview.innerText()).toContain('Gửi thông báo nhắc nộp báo cáo đến 1 CĐCS chưa gửi:');
      expect(await page.getByTestId('remind-recipients').locator('li').allInnerTexts()).toEqual(['CĐCS Công ty May Tây Ninh']);
      await page.getByTestId('remind-confirm').click();
      const queued = page.getByTestId('remind-queued');
      await queued.waitFor();
      expect(await queued.innerText()).toBe('Đã xếp 1 thông báo nhắc vào hàng gửi.');
      // Queued on the server, and delivered to the one phone that can be reached.
      await server.app.notifications.tick();
      await pushService.waitForDelivered(2);
      expect(pushService.delivered().map((push) => push.payload.kind)).toEqual(['round_opened', 'deadline_reminder']);

      // The schedule: 7, 3, 1 days at 8:00 until the reviewer changes it; an unreadable one is refused here.
      expect(await page.getByTestId('reminder-schedule').innerText()).toBe('7, 3, 1 ngày trước hạn nộp, lúc 8:00');
      const days = page.getByTestId('reminder-days');
      await days.fill('1, bảy');
      await page.getByTestId('reminder-save').click();
      await page.locator('[data-testid="reminder-message"][role="alert"]').waitFor();
      expect(await days.getAttribute('aria-invalid')).toBe('true');
      await days.fill('10 5 1');
      await page.getByTestId('reminder-save').click();
      await page.locator('[data-testid="reminder-message"][role="status"]').waitFor();
      expect(await page.getByTestId('reminder-message').innerText()).toBe('Đã lưu: nhắc 10, 5, 1 ngày trước hạn nộp, lúc 8:00.');
      expect(await page.getByTestId('reminder-schedule').innerText()).toBe('10, 5, 1 ngày trước hạn nộp, lúc 8:00');
      const kept = await staffRequest<RoundReachResponse>(server.url, reviewer.headers, 'GET', `/api/staff/rounds/${round.id}/reach`);
      expect(kept.schedule).toEqual({ daysBefore: [10, 5, 1], hour: 8 });

      // A viewer sees the reach, never the actions.
      const viewer = await server.staffSession({ role: 'viewer' });
      const viewerPage = await context.newPage();
      await useStaffSession(viewerPage, viewer.headers);
      await openRoundReach(viewerPage, year);
      expect(await viewerPage.getByTestId('reminder-schedule').innerText()).toBe('10, 5, 1 ngày trước hạn nộp, lúc 8:00');
      expect(await viewerPage.getByTestId('remind-now').count()).toBe(0);
      expect(await viewerPage.getByTestId('reminder-days').count()).toBe(0);
      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
