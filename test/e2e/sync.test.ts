/**
 * Issue 4's browser test, through the real screens: the production build served by the real
 * server (`buildApp`, SQLite), in Debian Chromium. An officer enrols, fills a report with the network
 * off, and once the network is back the report is in the server's database with the same figures.
 * Then the superior's decision reaches the phone: a returned report shows the comment, an accepted one
 * can no longer be changed.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/domain/report';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForServiceWorkerControl, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { checkEnrolmentCode, confirmEnrolment, createReport, enrolThroughScreen, fillAndWaitSaved, fillEnrolment, pressCheckCode } from './support/officerApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/** Opens the app, waits for the service worker, and enrols with a fresh code of a new union. */
async function openAndEnrol(page: Page, unionName: string): Promise<string> {
  const { union, code } = await server.createUnionWithCode({ name: unionName });
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await enrolThroughScreen(page, { serverUrl: server.url, code });
  expect(await page.getByTestId('enrol-done').innerText()).toContain(`Đã kết nối ${unionName} với`);
  return union.id;
}

/** Keeps every message the service worker posts to this page (the page must not reload afterwards). */
async function recordWorkerMessages(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: unknown[] = [];
    Object.assign(window, { workerMessages: seen });
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => seen.push(event.data));
  });
}

/** The editor's one status card (ReportStanding) at a lifecycle stage. */
function badge(page: Page, stage: string) {
  return page.locator(`.editor-head [data-testid="report-standing"][data-stage="${stage}"] [data-testid="standing-label"]`);
}

/** "Gửi ngay" on the list (it also pulls), then waits until the report's card there shows `stage`. */
async function sendNowAndWaitFor(page: Page, reportId: string, phase: string): Promise<void> {
  await page.goto(`${server.url}/#/`);
  await page.getByTestId('send-now').click();
  await page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-standing"][data-stage="${phase}"]`).waitFor();
}

describe('a report filled offline in Chromium reaches the province server', () => {
  it('enrols through the screen, fills a report offline, and the server has the same figures once online', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      const { union, code } = await server.createUnionWithCode({ name: 'CĐCS Công ty May Tây Ninh' });
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await recordWorkerMessages(page);

      // A wrong code: a clear Vietnamese message, and the officer can try again on the same screen.
      await page.goto(`${server.url}/#/enrol`);
      await fillEnrolment(page, { serverUrl: server.url, code: 'ZZZZ-ZZZZ' });
      await pressCheckCode(page);
      const error = page.getByTestId('enrol-error');
      await error.waitFor();
      expect(await error.getAttribute('data-failure')).toBe('invalid_code');
      expect(await error.innerText()).toBe('Mã đăng ký không đúng. Kiểm tra lại mã công đoàn cấp trên đã cấp.');

      await fillEnrolment(page, { serverUrl: server.url, code: code.toLowerCase() });
      await checkEnrolmentCode(page);
      await confirmEnrolment(page);
      expect(await page.getByTestId('enrol-done').innerText()).toContain('Đã kết nối CĐCS Công ty May Tây Ninh với');

      await context.setOffline(true);
      await page.goto(`${server.url}/#/`);
      const reportId = await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '1000', 'membership.members': '853' });
      await page.getByTestId('section-dialogues').click();
      await page.getByTestId('dialogue-add').click();
      await page.getByTestId('field-dialogues.0.kind').selectOption('districtCommittee');
      await fillAndWaitSaved(page, {
        'dialogues.0.date': '2025-06-12',
        'dialogues.0.ledBy': 'Chủ tịch UBND huyện',
        'dialogues.0.participants': '45',
        'dialogues.0.recommendationsRaised': '7',
        'dialogues.0.recommendationsResolved': '5',
      });

      // Saved on the phone only: the badge says so, the list says it will go when the network is
      // back (the engine tried and found no connection), and the server has nothing yet.
      await badge(page, 'draftLocal').waitFor();
      expect(await badge(page, 'draftLocal').innerText()).toBe('✎ Bản nháp — chỉ có trên máy này');
      await page.goto(`${server.url}/#/`);
      const panel = page.locator('[data-testid="sync-panel"][data-state="offline"]');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('Chưa có kết nối: báo cáo vẫn lưu trên máy và sẽ tự gửi khi có mạng');
      const listBadge = (phase: string) =>
        page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-standing"][data-stage="${phase}"] [data-testid="standing-label"]`);
      expect(await listBadge('draftLocal').innerText()).toBe('✎ Bản nháp — chỉ có trên máy này');
      expect(await server.storedDocument(reportId)).toBeNull();

      await context.setOffline(false);
      await listBadge('draftSaved').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="sync-panel"][data-state="idle"]').waitFor();
      await page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-open"]`).click();
      expect(await badge(page, 'draftSaved').innerText()).toBe('✎ Bản nháp — đã lưu trên máy chủ');
      // Background Sync, the extra path: the app registered its tag while offline, and on reconnection
      // the worker's `sync` handler (public/sw-background-sync.js) told the page to send.
      await page.waitForFunction(() =>
        (window as unknown as { workerMessages: { type?: string }[] }).workerMessages.some((message) => message?.type === 'bao-cao-cdcs-sync'),
      );

      const record = await server.store.findReport(reportId);
      expect(record?.unionId).toBe(union.id);
      const stored = JSON.parse(record!.documentJson) as ReportDocument;
      expect(stored.period).toEqual({ year: 2025, kind: 'yearly' });
      expect(stored.status).toBe('draft');
      expect(stored.membership).toMatchObject({ workers: 1000, members: 853 });
      expect(stored.dialogues).toHaveLength(1);
      expect(stored.dialogues[0]).toMatchObject({
        date: '2025-06-12',
        kind: 'districtCommittee',
        ledBy: 'Chủ tịch UBND huyện',
        participants: 45,
        recommendationsRaised: 7,
        recommendationsResolved: 5,
      });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the superior's comment on a returned report, and an accepted report can no longer be changed", async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      await openAndEnrol(page, 'CĐCS Công ty Giày Hòa Thành');
      await page.goto(`${server.url}/#/`);
      const reportId = await createReport(page, { year: 2024, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '300', 'membership.members': '250' });
      const markReady = async (stage = 'sent') => {
        await page.getByTestId('section-review').click();
        await page.getByTestId('primary-action').click();
        await badge(page, stage).waitFor();
      };
      await markReady();

      const comment = 'Đề nghị bổ sung số đoàn viên nữ.';
      await server.reviewReport(reportId, 'returned', comment);
      await sendNowAndWaitFor(page, reportId, 'returned');
      await page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-open"]`).click();
      // At the top of the editor, before the first field: the superior's words and the way to fix it.
      const shown = page.locator('.editor-head [data-testid="superior-comment"]');
      await expect.poll(() => shown.innerText(), { timeout: 60_000 }).toBe(`Ý kiến của ${server.root.name}: ${comment}`);
      expect(await badge(page, 'returned').innerText()).toBe('↩ Bị trả lại');

      await page.getByTestId('primary-action').click();
      await badge(page, 'fixing').waitFor();
      await fillAndWaitSaved(page, { 'membership.femaleMembers': '120' });
      await markReady('resent');
      // The fix reached the server, which cleared its decision: the report waits for the superior
      // again, and the phone still shows what it was returned for.
      expect((await server.store.findReport(reportId))?.reviewJson).toBeNull();
      expect(await shown.innerText()).toBe(`Ý kiến của ${server.root.name}: ${comment}`);

      await server.reviewReport(reportId, 'accepted');
      await sendNowAndWaitFor(page, reportId, 'accepted');
      await page.locator(`[data-testid="report-item"][data-report-id="${reportId}"] [data-testid="report-open"]`).click();
      const note = page.locator('.editor-head [data-testid="report-standing"][data-stage="accepted"] [data-testid="standing-sentence"]');
      // The sentence names the superior the phone knows (it never stays on "Công đoàn cấp trên").
      await expect.poll(() => note.innerText(), { timeout: 60_000 }).toBe(`${server.root.name} đã chấp nhận báo cáo. Báo cáo không sửa được nữa.`);
      expect(await badge(page, 'accepted').innerText()).toBe('✔ Đã được chấp nhận');
      expect(await page.getByTestId('withdraw').count()).toBe(0);
      expect(await page.getByTestId('field-membership.members').isDisabled()).toBe(true);
      await page.getByTestId('section-dialogues').click();
      expect(await page.getByTestId('dialogue-add').isDisabled()).toBe(true);

      const record = await server.store.findReport(reportId);
      expect(JSON.parse(record!.reviewJson!)).toMatchObject({ status: 'accepted' });
      expect((JSON.parse(record!.documentJson) as ReportDocument).membership).toMatchObject({ workers: 300, members: 250, femaleMembers: 120 });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
