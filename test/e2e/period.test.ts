/**
 * Issue 21 in Chromium set to English (en-US) in New York, on the production build and the real
 * server, both clocks at 7 December 2026, 05:31 in Vietnam (17:31 on the 6th in New York, 22:31 in
 * UTC). The commune opened its round for 2026, due 30 November. The officer creates the report the
 * phone proposes and sends it; the commune's reviewer opens the dashboard without choosing a period
 * and finds it sent. Every line says "Quá hạn 7 ngày" of the one deadline, the table shows the time in
 * Vietnam, a report sent for 2025 by mistake is signposted, and every date field reads dd/mm/yyyy.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/domain/report';
import type { NodeRound } from '../../src/domain/round';
import { pushStored, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fillAndWaitSaved } from './support/officerApp';
import { useStaffSession } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/** 05:31 on 7 December 2026 in Vietnam. */
const MORNING = Date.parse('2026-12-06T22:31:00.000Z');

function row(page: Page, unionId: string) {
  return page.locator(`[data-testid="union-row"][data-union-id="${unionId}"]`);
}

describe('one period and one clock for the phone and its superior', () => {
  it("finds the report sent with the phone's defaults in the superior's first view, with one day count and dd/mm/yyyy, in an English browser abroad", async () => {
    server.advanceClock(MORNING - Date.now());
    const commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
    const officer = await server.createUnion('CĐCS Công ty May Tây Ninh', commune.id);
    const silent = await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id);
    const { code } = await server.issueCode(officer.id);
    const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
    const opened = await fetch(`${server.url}/api/staff/nodes/${commune.id}/rounds`, {
      method: 'POST',
      headers: { ...reviewer.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        period: { year: 2026, kind: 'yearly' },
        title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2026',
        activities: { from: '2026-01-01', to: '2026-11-30' },
        deadline: '2026-11-30',
        // Opened, as it were, before 30 November: recorded after the fact (a past deadline is otherwise refused).
        allowPastDeadline: true,
      }),
    });
    expect(opened.status).toBe(201);
    expect(((await opened.json()) as { round: NodeRound }).round.deadline).toBe('2026-11-30');
    // Once the round is open, another CĐCS's phone sends its report for 2025.
    const mistaken = await server.createUnion('CĐCS Công ty Giày Dương Minh Châu', commune.id);
    await pushStored(server, await server.enrolDevice({ unionId: mistaken.id }), readyReport({ period: { year: 2025, kind: 'yearly' } }));

    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    try {
      const phone = await context.newPage();
      const phoneCsp = watchCspViolations(phone);
      expect(await phone.evaluate(() => [Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language])).toEqual(['America/New_York', 'en-US']);
      await enrolThroughScreen(phone, { serverUrl: server.url, code });
      await phone.goto(`${server.url}/#/`);
      await phone.getByTestId('send-now').click();
      await phone.locator('[data-testid="due-round"][data-period="2026-yearly"]').waitFor();

      // The new-report form proposes the round's period (it proposed "Báo cáo năm 2025").
      await phone.waitForFunction(() => (document.querySelector('[data-testid="create-year"]') as HTMLSelectElement | null)?.value === '2026');
      expect(await phone.getByTestId('create-kind').inputValue()).toBe('yearly');
      await phone.getByTestId('create-report').click();
      await phone.waitForURL(/#\/report\//);
      await fillAndWaitSaved(phone, { 'membership.workers': '120', 'membership.members': '100' });

      // The workers' conference date: typed day first in a text field with the number pad.
      await phone.getByTestId('section-grassrootsDemocracy').click();
      await phone.getByTestId('field-grassrootsDemocracy.workersConferenceHeld-yes').click();
      const conference = phone.getByTestId('field-grassrootsDemocracy.workersConferenceDate');
      expect([await conference.getAttribute('type'), await conference.getAttribute('inputmode'), await conference.getAttribute('placeholder')]).toEqual([
        'text',
        'numeric',
        'dd/mm/yyyy',
      ]);
      await conference.fill('1562026');
      await conference.blur();
      expect(await phone.getByTestId('field-grassrootsDemocracy.workersConferenceDate-unreadable').innerText()).toBe(
        'Ngày chưa đúng: nhập ngày/tháng/năm, ví dụ 05/12/2026.',
      );
      await fillAndWaitSaved(phone, { 'grassrootsDemocracy.workersConferenceDate': '15062026' });
      expect(await conference.inputValue()).toBe('15/06/2026');
      await phone.getByTestId('field-grassrootsDemocracy.workersConferenceDate-unreadable').waitFor({ state: 'detached' });

      await phone.getByTestId('section-review').click();
      await phone.getByTestId('section-panel-review').waitFor();
      await phone.getByTestId('primary-action').click();
      await phone.locator('.editor-head [data-testid="report-standing"][data-stage="sent"]').waitFor();
      const sent = JSON.parse((await server.store.findReportByPeriod(officer.id, 2026, 'yearly'))!.documentJson) as ReportDocument;
      expect(sent.status).toBe('ready');
      expect(sent.grassrootsDemocracy.workersConferenceDate).toBe('2026-06-15');

      // The reviewer opens the dashboard, choosing no period, with the page's clock at the server's
      // moment (the phone kept the real one: the fake clock hides the marks its autosave leaves).
      const staff = await context.newPage();
      await staff.clock.setSystemTime(MORNING);
      const staffCsp = watchCspViolations(staff);
      expect(await staff.evaluate(() => new Date().getDate())).toBe(6);
      await useStaffSession(staff, reviewer.headers);
      await staff.goto(`${server.url}/#/staff/node/${commune.id}`);
      await staff.locator('[data-testid="overview-table"][data-period="2026-yearly"]').waitFor();
      expect(await staff.getByTestId('staff-year').inputValue()).toBe('2026');
      await waitForText(row(staff, officer.id).getByTestId('union-standing'), 'Đã gửi');
      // Received at 05:3x on 7 December in Vietnam, as the table says whatever the browser's zone.
      expect(await row(staff, officer.id).getByTestId('union-saved-at').innerText()).toMatch(/^07\/12\/2026 05:\d\d$/);
      // One deadline, one word, one count: the report sent this morning and the ones not sent.
      // (The deadline comes with the node's rounds, a request of its own beside the table's page.)
      await waitForText(row(staff, officer.id).getByTestId('union-deadline'), 'Đã gửi · Quá hạn 7 ngày');
      await waitForText(row(staff, silent.id).getByTestId('union-deadline'), 'Quá hạn 7 ngày');
      await waitForText(row(staff, mistaken.id).getByTestId('union-deadline'), 'Quá hạn 7 ngày');

      // The report sent for 2025 is said, on the overview and on its line, and one click shows it.
      expect((await staff.getByTestId('other-periods').innerText()).replace(/\s+/g, ' ')).toBe('1 báo cáo gửi cho năm khác: 2025 — xem');
      expect(await row(staff, mistaken.id).getByTestId('union-sent-other').innerText()).toBe('Đã gửi: Báo cáo năm 2025');
      expect(await row(staff, mistaken.id).getByTestId('union-standing').innerText()).toBe('Chưa báo cáo');
      await staff.getByTestId('other-period').click();
      await staff.locator('[data-testid="overview-table"][data-period="2025-yearly"]').waitFor();
      await waitForText(row(staff, mistaken.id).getByTestId('union-standing'), 'Đã gửi');

      // The next year's round form: its dates dd/mm/yyyy in this English browser, and a day that does not exist refused.
      await staff.getByTestId('staff-year').selectOption('2027');
      const from = staff.getByTestId('round-from');
      await from.waitFor();
      expect([await from.getAttribute('type'), await from.inputValue(), await staff.getByTestId('round-deadline').inputValue()]).toEqual([
        'text',
        '01/01/2027',
        '30/11/2027',
      ]);
      await staff.getByTestId('round-deadline').fill('31/04/2027');
      await staff.getByTestId('round-deadline').blur();
      expect(await staff.getByTestId('round-deadline-unreadable').innerText()).toBe('Ngày chưa đúng: nhập ngày/tháng/năm, ví dụ 05/12/2026.');

      expect(phoneCsp).toEqual([]);
      expect(staffCsp).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
