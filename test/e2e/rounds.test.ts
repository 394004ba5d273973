/**
 * Issue 9 in Chromium on the real server (production build, SQLite): an officer enrols from a
 * photo of the enrolment QR code (the decoder path an iPhone takes), sees the round their superior
 * opened with its deadline, and is told why a closed round refuses their report. Revoking the
 * device stops its next sync with the Vietnamese message.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enrolmentLink } from '../../src/domain/enrolmentLink';
import type { NodeRound } from '../../src/domain/round';
import { formatDate, formatIsoDate } from '../../src/app/i18n/format';
import { vietnamDate } from '../../src/domain/calendar';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForServiceWorkerControl } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { checkEnrolmentCode, confirmEnrolment, fillAndWaitSaved } from './support/officerApp';
import { qrPng } from './support/qrImage';
import { openNodeScreen, openStaffAndPhoneTabs, staffRequest } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});


const staffCall = <T,>(headers: Record<string, string>, method: string, path: string, body?: unknown) => staffRequest<T>(server.url, headers, method, path, body);

/** The enrolment screen from the app, the QR code read from a photo of the card, then "Kiểm tra mã" and "Kết nối". */
async function enrolFromQrPhoto(page: Page, code: string): Promise<void> {
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await page.goto(`${server.url}/#/enrol`);
  await page.locator('input[name="serverUrl"]').fill('');
  // Headless Chromium has no camera: the scanner says so and offers the photo, as on a phone that refuses it.
  await page.getByTestId('qr-scan-start').click();
  await page.getByTestId('qr-camera-failure').waitFor();
  await page.getByTestId('qr-photo').setInputFiles({
    name: 'phieu-dang-ky.png',
    mimeType: 'image/png',
    buffer: qrPng(enrolmentLink(server.url, server.url, code)),
  });
  await page.getByText('Đã đọc mã QR').waitFor();
  expect(await page.locator('input[name="serverUrl"]').inputValue()).toBe(server.url);
  expect(await page.locator('input[name="code"]').inputValue()).toBe(code);
  await page.locator('input[name="deviceName"]').fill('Điện thoại chị Lan');
  // The screen says whose code it is before the device enrols.
  await checkEnrolmentCode(page);
  await confirmEnrolment(page);
}

describe("the superior's round on the officer's phone", () => {
  it('enrols from the QR code, shows the round with its deadline, and says why a closed round refuses the report', async () => {
    const commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
    const union = await server.createUnion('CĐCS Công ty May Tây Ninh', commune.id);
    await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id);
    const { code } = await server.issueCode(union.id);
    const session = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
    const staff = session.headers;

    // Days in Vietnam, as the app counts them: ten days from today there.
    const year = Math.min(Number(vietnamDate(Date.now()).slice(0, 4)), 2035);
    const deadline = vietnamDate(Date.now() + 10 * 86_400_000);
    const title = `Báo cáo kết quả thực hiện Nghị quyết năm ${year}`;

    const { context, staffPage, phonePage: page, staffCsp, phoneCsp: csp } = await openStaffAndPhoneTabs(browser);
    try {
      // The commune's reviewer opens the round on the node screen.
      await openNodeScreen(staffPage, staff, { serverUrl: server.url, nodeId: commune.id, year });
      const roundsPanel = staffPage.getByTestId('rounds-panel');
      await roundsPanel.getByTestId('round-title').fill(title);
      await roundsPanel.getByTestId('round-plan').fill('Kế hoạch số 94/KH-LĐLĐ');
      // Typed day first, as the fields show them.
      await roundsPanel.getByTestId('round-from').fill(`01/12/${year - 1}`);
      await roundsPanel.getByTestId('round-to').fill(`31/12/${year}`);
      await roundsPanel.getByTestId('round-deadline').fill(formatIsoDate(deadline));
      await roundsPanel.getByTestId('round-submit').click();
      await roundsPanel.getByTestId('staff-round').waitFor();
      // The charts load as their own chunk on the node screen, each with its figures in words.
      expect(await staffPage.getByTestId('chart-rates-summary').innerText()).toContain('Chưa có CĐCS nào báo cáo tỷ lệ.');
      await staffPage.locator('[data-testid="chart-years-canvas"][data-drawn="true"] canvas').waitFor();

      // The period table finds a name typed without diacritics and sorts by a column either way.
      const rowNames = () => staffPage.locator('[data-testid="union-row"] th').allInnerTexts();
      // Sorted by name A→Z at first; one click turns it Z→A.
      await staffPage.getByTestId('sort-name').click();
      // The header turns at the click; the rows follow when the server's page for Z→A has come.
      await staffPage.locator('table[aria-busy="false"] th[aria-sort="descending"] [data-testid="sort-name"]').waitFor();
      expect(await rowNames()).toEqual(['CĐCS Trường Mầm non Hoa Sen', 'CĐCS Công ty May Tây Ninh']);
      await staffPage.getByTestId('table-search').fill('may tay ninh');
      await staffPage.waitForFunction(() => document.querySelectorAll('[data-testid="union-row"]').length === 1);
      expect(await rowNames()).toEqual(['CĐCS Công ty May Tây Ninh']);
      const { rounds } = await staffCall<{ rounds: NodeRound[] }>(staff, 'GET', `/api/staff/nodes/${commune.id}/rounds`);
      const round = rounds.find((r) => r.openedBy.nodeId === commune.id)!;
      expect(round).toMatchObject({ title, deadline, activities: { from: `${year - 1}-12-01`, to: `${year}-12-31` } });

      await enrolFromQrPhoto(page, code);

      // The first pull brought the round: the list says what is due, to whom, and the days left.
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('send-now').click();
      const due = page.locator(`[data-testid="due-round"][data-period="${year}-yearly"]`);
      await due.waitFor();
      const dueText = await due.innerText();
      expect(dueText).toContain(round.title);
      expect(dueText).toContain('Gửi Công đoàn xã Dương Minh Châu');
      expect(dueText).toContain('Theo Kế hoạch số 94/KH-LĐLĐ');
      expect(await due.getByTestId('round-deadline').innerText()).toBe(`Hạn nộp ${formatIsoDate(deadline)} (còn 10 ngày)`);

      // Start the report from the round; its draft reaches the server.
      await due.getByTestId('due-round-create').click();
      await page.waitForURL(/#\/report\//);
      await page.locator('.editor-head [data-testid="round-details"]').waitFor();
      await fillAndWaitSaved(page, { 'membership.workers': '120', 'membership.members': '100' });
      // The card says the draft, every change of it, is on the server.
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="draftSaved"][data-unsent="false"]').waitFor();

      // The superior closes the round while the phone is offline (so it cannot have heard of it: a phone
      // that has pulled the closed round locks the form instead); the officer's change made meanwhile is
      // refused once the phone is back online, with the reason.
      await page.context().setOffline(true);
      const closed = await staffCall<{ round: NodeRound }>(staff, 'POST', `/api/staff/rounds/${round.id}/close`);
      const closedOn = formatDate(closed.round.closedAt!);
      await fillAndWaitSaved(page, { 'membership.members': '101' });
      await page.context().setOffline(false);
      const closedCard = page.locator('.editor-head [data-testid="report-standing"][data-stage="roundClosed"]');
      await expect.poll(() => closedCard.getByTestId('standing-sentence').innerText(), { timeout: 60_000 }).toBe(
        'Kỳ báo cáo đã đóng: không gửi hay sửa được nữa. Cần thay đổi, hãy liên hệ Công đoàn xã Dương Minh Châu.',
      );
      expect(await page.locator('.editor-head [data-testid="round-closed"]').innerText()).toContain(`Kỳ báo cáo đã khoá ngày ${closedOn}.`);
      const stored = await server.store.findReportByPeriod(union.id, year, 'yearly');
      expect(JSON.parse(stored!.documentJson).membership.members).toBe(100);

      // Reopened for this union: the set-aside change goes through on the next sync.
      await staffCall(staff, 'POST', `/api/staff/rounds/${round.id}/reopenings`, { unionId: union.id });
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('send-now').click();
      await page.locator('[data-testid="report-item"] [data-testid="report-standing"][data-stage="draftSaved"][data-unsent="false"]').waitFor();
      const report = (await server.store.findReportByPeriod(union.id, year, 'yearly'))!;
      expect(JSON.parse(report.documentJson).membership.members).toBe(101);

      // The staff see what changed between the last two revisions, by the form's label.
      await staffPage.goto(`${server.url}/#/staff/report/${report.id}`);
      const line = staffPage.locator('[data-testid="diff-line"][data-path="membership.members"]');
      await line.waitFor();
      expect((await line.innerText()).replace(/\s+/g, ' ')).toBe('Số đoàn viên 100 101');

      // Revoked: the next sync stops and says what to do.
      const { devices } = await staffCall<{ devices: { id: string }[] }>(staff, 'GET', `/api/staff/unions/${union.id}/devices`);
      await staffCall(staff, 'POST', `/api/staff/devices/${devices[0]!.id}/revoke`);
      await page.getByTestId('send-now').click();
      const panel = page.locator('[data-testid="sync-panel"][data-state="unauthorized"]');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('Máy này không còn quyền gửi báo cáo');
      expect(csp).toEqual([]);
      expect(staffCsp).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the enrolment screen from the address in the QR code with both fields filled', async () => {
    const { code } = await server.createUnionWithCode({ name: 'CĐCS Trường Mầm non Hoa Sen' });
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await page.goto(enrolmentLink(server.url, server.url, code));
      await page.locator('input[name="code"]').waitFor();
      await page.waitForFunction((expected) => (document.querySelector('input[name="code"]') as HTMLInputElement).value === expected, code);
      expect(await page.locator('input[name="serverUrl"]').inputValue()).toBe(server.url);
      // The code left the address bar once read.
      expect(page.url()).toBe(`${server.url}/#/enrol`);
    } finally {
      await context.close();
    }
  });
});
