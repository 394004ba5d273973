/**
 * Issue 21, the rounds part, in Chromium on the real server (production build, SQLite): the "open a
 * round" form proposes a deadline still ahead and refuses a past one beside the field; opening the
 * round fills the table's deadline column without a reload; "Đổi hạn nộp" moves the deadline in the
 * table and on the phone; a CĐCS the closed round was reopened for reads its own date ("Mở lại đến …",
 * days counted to it, not "Quá hạn") in the table and on its phone.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../src/app/i18n/format';
import { DAY_MS, vietnamDate } from '../../src/domain/calendar';
import { suggestedRound, type NodeRound } from '../../src/domain/round';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForServiceWorkerControl, waitForText } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen } from './support/officerApp';
import { openNodeScreen, openStaffAndPhoneTabs, staffRequest } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/** An ISO date `days` from today, in Vietnam's days as the app counts them. */
const dayFromToday = (days: number) => vietnamDate(Date.now() + days * DAY_MS);

function row(page: Page, unionId: string) {
  return page.locator(`[data-testid="union-row"][data-union-id="${unionId}"]`);
}

const staffCall = <T,>(headers: Record<string, string>, method: string, path: string, body?: unknown) => staffRequest<T>(server.url, headers, method, path, body);

describe("a round's deadline on the superior's screens and the phone", () => {
  it('refuses a past deadline, follows every change of the round in the table, and gives a reopened CĐCS its own date', async () => {
    const commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
    const late = await server.createUnion('CĐCS Công ty May Tây Ninh', commune.id);
    const silent = await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id);
    const { code } = await server.issueCode(late.id);
    const reviewer = (await server.staffSession({ nodeId: commune.id, role: 'reviewer' })).headers;
    const year = Math.min(Number(dayFromToday(0).slice(0, 4)), 2035);
    const period = { year, kind: 'yearly' as const };
    const listRounds = async () => (await staffCall<{ rounds: NodeRound[] }>(reviewer, 'GET', `/api/staff/nodes/${commune.id}/rounds`)).rounds;

    const { context, staffPage: staff, phonePage: phone, staffCsp, phoneCsp } = await openStaffAndPhoneTabs(browser);
    try {
      // The rounds panel, the table's deadline column and the charts all need the node's rounds: one request.
      let roundReads = 0;
      staff.on('request', (request) => {
        if (request.method() === 'GET' && new URL(request.url()).pathname === `/api/staff/nodes/${commune.id}/rounds`) roundReads++;
      });
      await openNodeScreen(staff, reviewer, { serverUrl: server.url, nodeId: commune.id, year });
      const panel = staff.getByTestId('rounds-panel');
      const deadlineField = panel.getByTestId('round-deadline');
      await deadlineField.waitFor();
      await row(staff, late.id).getByTestId('union-deadline').waitFor();
      // Fewer than one per panel for each year the screen was drawn for (it opens on this year, then on
      // `year`), which was 6: the panels that ask together share one request (a panel drawn more than
      // 5 s after the others, on a busy machine, may ask once more).
      expect(roundReads).toBeLessThan(6);
      const readsBeforeOpening = roundReads;

      // The form proposes a deadline still ahead (never 30/11 once it has passed).
      const proposed = suggestedRound(period, Date.now()).deadline;
      expect(proposed >= dayFromToday(0)).toBe(true);
      expect(await deadlineField.inputValue()).toBe(formatIsoDate(proposed));

      // A past deadline is refused beside the field, and nothing is opened.
      await deadlineField.fill(formatIsoDate(dayFromToday(-7)));
      await deadlineField.blur();
      const past = panel.getByTestId('round-deadline-past');
      await waitForText(past, `Hạn nộp đã qua: chọn hôm nay (${formatIsoDate(dayFromToday(0))}) hoặc một ngày sau.`);
      expect(await deadlineField.getAttribute('aria-invalid')).toBe('true');
      await panel.getByTestId('round-submit').click();
      expect(await listRounds()).toEqual([]);
      expect(await row(staff, late.id).getByTestId('union-deadline').innerText()).toBe('');

      // Ten days ahead: the round opens, and the table's deadline column follows without a reload.
      await deadlineField.fill(formatIsoDate(dayFromToday(10)));
      await deadlineField.blur();
      expect(await past.count()).toBe(0);
      await panel.getByTestId('round-submit').click();
      await panel.getByTestId('staff-round').waitFor();
      await waitForText(row(staff, late.id).getByTestId('union-deadline'), 'Còn 10 ngày');
      await waitForText(row(staff, silent.id).getByTestId('union-deadline'), 'Còn 10 ngày');
      const round = (await listRounds())[0]!;
      expect(round.deadline).toBe(dayFromToday(10));
      // The three panels read the changed rounds again together: one request.
      expect(roundReads - readsBeforeOpening).toBe(1);

      // The officer's phone enrols and pulls the round.
      await phone.goto(server.url);
      await waitForServiceWorkerControl(phone);
      await enrolThroughScreen(phone, { serverUrl: server.url, code });
      await phone.goto(`${server.url}/#/`);
      await phone.getByTestId('send-now').click();
      const due = phone.locator(`[data-testid="due-round"][data-period="${year}-yearly"]`);
      await waitForText(due.getByTestId('round-deadline'), `Hạn nộp ${formatIsoDate(dayFromToday(10))} (còn 10 ngày)`);

      // "Đổi hạn nộp": a past day is refused beside the field; twenty days ahead moves it in the panel and the table.
      const newDeadline = panel.getByTestId('round-new-deadline');
      await newDeadline.fill(formatIsoDate(dayFromToday(-1)));
      await newDeadline.blur();
      await waitForText(panel.getByTestId('round-new-deadline-message'), `Hạn nộp đã qua: chọn hôm nay (${formatIsoDate(dayFromToday(0))}) hoặc một ngày sau.`);
      expect(await panel.getByTestId('round-change-deadline').isDisabled()).toBe(true);
      await newDeadline.fill(formatIsoDate(dayFromToday(20)));
      await newDeadline.blur();
      await panel.getByTestId('round-change-deadline').click();
      await waitForText(panel.getByTestId('round-new-deadline-message'), `Đã đổi hạn nộp thành ${formatIsoDate(dayFromToday(20))}.`);
      await waitForText(row(staff, late.id).getByTestId('union-deadline'), 'Còn 20 ngày');
      expect((await listRounds())[0]!.deadline).toBe(dayFromToday(20));
      // The phone reads it with its next pull.
      await phone.getByTestId('send-now').click();
      await waitForText(due.getByTestId('round-deadline'), `Hạn nộp ${formatIsoDate(dayFromToday(20))} (còn 20 ngày)`);

      // The round is closed with its deadline a week past (recorded as the issue saw it: due 7 days ago),
      // then reopened from the panel for one CĐCS until 13 days from now.
      await panel.getByTestId('round-close').click();
      await panel.getByTestId('round-close-confirm').click();
      await panel.locator('[data-testid="staff-round"][data-closed="true"]').waitFor();
      await staffCall(reviewer, 'POST', `/api/staff/rounds/${round.id}/deadline`, { deadline: dayFromToday(-7), allowPastDeadline: true });
      await panel.getByTestId('round-reopen-union').selectOption(late.id);
      await panel.getByTestId('round-reopen-deadline').fill(formatIsoDate(dayFromToday(13)));
      await panel.getByTestId('round-reopen-deadline').blur();
      await panel.getByTestId('round-reopen').click();

      // The table follows: the reopened CĐCS by its own date, the other still past the round's.
      await waitForText(row(staff, late.id).getByTestId('union-deadline'), `Mở lại đến ${formatIsoDate(dayFromToday(13))} · Còn 13 ngày`);
      await waitForText(row(staff, silent.id).getByTestId('union-deadline'), 'Quá hạn 7 ngày');

      // The phone says the round was reopened for its union, until when, and counts the days to that date.
      await phone.getByTestId('send-now').click();
      await waitForText(due.getByTestId('round-reopened'), `Công đoàn cấp trên đã mở lại kỳ báo cáo cho công đoàn mình đến ${formatIsoDate(dayFromToday(13))}.`);
      expect(await due.getByTestId('round-deadline').innerText()).toBe(`Hạn nộp ${formatIsoDate(dayFromToday(13))} (còn 13 ngày)`);

      expect(staffCsp).toEqual([]);
      expect(phoneCsp).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
