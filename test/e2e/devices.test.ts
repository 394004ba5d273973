/**
 * A CĐCS's devices and codes, and a report's history of decisions, in Chromium on the production build
 * served by the real server (SQLite). A reviewer of the province revokes a phone after the question
 * that says it will send nothing more (and the phone's token is refused from then on), withdraws an
 * enrolment code (which then enrols nothing), and on a report returned and then accepted reads both
 * decisions with who made them and when.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/app/i18n/format';
import type { StaffReportView } from '../../src/domain/staff';
import type { ServerReport } from '../../src/domain/sync';
import { pushHeaders, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { waitForAttributes, waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const signIn = (page: Page, username: string, password: string) => signInStaff(page, server.url, { username, password });

describe('devices and enrolment codes on the union page', () => {
  it('revokes a device after a confirmation that says what follows, and withdraws a code', async () => {
    const union = await server.createUnion('CĐCS Công ty May Tây Ninh');
    const kept = await server.enrolDevice({ unionId: union.id, deviceName: 'Điện thoại chị Lan' });
    const lost = await server.enrolDevice({ unionId: union.id, deviceName: 'Điện thoại anh Minh' });
    const issued = await server.issueCode(union.id, { maxUses: 2 });
    const { username, password } = await server.staffSession({ role: 'reviewer' });

    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      await signIn(page, username, password);
      await page.goto(`${server.url}/#/staff/node/${server.root.id}/union/${union.id}`);
      const lostRow = page.locator(`[data-testid="union-device"][data-device-id="${lost.deviceId}"]`);
      await lostRow.waitFor();
      expect(await lostRow.innerText()).toContain('Điện thoại anh Minh');

      // The first tap asks, and says what follows; cancelling changes nothing.
      await lostRow.getByTestId('device-revoke').click();
      const question = lostRow.locator('.confirm-question');
      expect(await question.innerText()).toContain('Máy này sẽ không gửi được báo cáo nữa');
      await expectNoSeriousAxeViolations(page, "a CĐCS's devices and codes with the revoke question open");
      await lostRow.getByTestId('device-revoke-cancel').click();
      expect((await server.store.findDevice(lost.deviceId))?.revokedAt).toBeNull();

      await lostRow.getByTestId('device-revoke').click();
      await lostRow.getByTestId('device-revoke-confirm').click();
      await page.locator(`[data-testid="union-device"][data-device-id="${lost.deviceId}"][data-revoked="true"]`).waitFor();
      await waitForText(page.getByTestId('device-message'), 'Đã thu hồi máy “Điện thoại anh Minh”. Máy này không còn gửi được báo cáo.');
      expect(await lostRow.getByTestId('device-state').innerText()).toMatch(/^Đã thu hồi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      // The revoked phone's token is refused; the other phone still syncs.
      expect((await fetch(`${server.url}/api/reports`, { headers: lost.headers })).status).toBe(401);
      expect((await fetch(`${server.url}/api/reports`, { headers: kept.headers })).status).toBe(200);
      expect(await page.locator(`[data-testid="union-device"][data-device-id="${kept.deviceId}"]`).getAttribute('data-revoked')).toBe('false');

      // The code: its end, expiry and uses left, never the code itself; withdrawn, it enrols nothing.
      // The two devices' codes (3 uses each, 1 used) are still valid too; ours is the one for 2 devices.
      const valid = await server.store.listValidEnrolmentCodes(union.id, new Date().toISOString());
      expect(valid.map((code) => code.maxUses).sort()).toEqual([2, 3, 3]);
      const ours = valid.find((code) => code.maxUses === 2)!;
      await waitForAttributes(page, '[data-testid="union-code"]', 'data-code-id', valid.map((code) => code.id));
      const codeRow = page.locator(`[data-testid="union-code"][data-code-id="${ours.id}"]`);
      expect(await codeRow.innerText()).toContain('2/2 máy');
      expect(await codeRow.getByTestId('union-code-value').innerText()).toBe(`••••-••${issued.code.slice(-2)}`);
      expect(await page.getByTestId('union-codes').innerText()).not.toContain(issued.code);
      await codeRow.getByTestId('code-withdraw').click();
      expect(await codeRow.locator('.confirm-question').innerText()).toContain('Không máy nào đăng ký được bằng mã này nữa');
      await codeRow.getByTestId('code-withdraw-confirm').click();
      await waitForAttributes(page, '[data-testid="union-code"]', 'data-code-id', valid.filter((code) => code !== ours).map((code) => code.id));
      await waitForText(page.getByTestId('code-message'), `Đã thu hồi mã ••••-••${issued.code.slice(-2)}. Không máy nào đăng ký được bằng mã này nữa.`);
      const enrol = await fetch(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: issued.code, deviceName: 'Máy lạ' }),
      });
      expect(enrol.status).toBe(410);

      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the decisions in a report’s history', () => {
  it('lists a return and then an acceptance, each with who decided and when', async () => {
    const union = await server.createUnion('CĐCS Trường Mầm non Hoa Sen');
    const device = await server.enrolDevice({ unionId: union.id });
    const document = readyReport();
    const first = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(document) });
    expect(first.status).toBe(201);
    const sent = ((await first.json()) as { report: ServerReport }).report;
    const { username, password } = await server.staffSession({ role: 'reviewer' });

    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await signIn(page, username, password);
      await page.goto(`${server.url}/#/staff/report/${document.id}`);
      const history = page.getByTestId('decision-history');
      await waitForText(history.locator('.empty'), 'Chưa có quyết định nào về báo cáo này.');

      const comment = 'Đề nghị bổ sung số đoàn viên mới.';
      await page.getByLabel('Nhận xét').fill(comment);
      await page.getByTestId('review-return').click();
      await waitForAttributes(page, '[data-testid="decision-row"]', 'data-status', ['returned']);

      // The union sends a corrected revision; the reviewer opens the report again and accepts it.
      const resend = await fetch(`${server.url}/api/reports/${document.id}`, {
        method: 'PUT',
        headers: pushHeaders(device, { revision: sent.revision }),
        body: JSON.stringify({ ...document, membership: { ...document.membership, members: 110 } }),
      });
      expect(resend.status).toBe(200);
      const resent = ((await resend.json()) as { report: ServerReport }).report;
      await page.reload();
      await page.getByTestId('review-accept').click();
      await waitForAttributes(page, '[data-testid="decision-row"]', 'data-status', ['returned', 'accepted']);

      const held = (await (
        await fetch(`${server.url}/api/staff/reports/${document.id}`, { headers: (await server.staffSession()).headers })
      ).json()) as StaffReportView;
      const rows = page.getByTestId('decision-row');
      const returned = rows.nth(0);
      const accepted = rows.nth(1);
      expect(await returned.getByTestId('decision-status').innerText()).toBe('Trả lại');
      expect(await returned.getByTestId('decision-by').innerText()).toBe(username);
      expect(await returned.getByTestId('decision-revision').innerText()).toBe(`Bản ${sent.revision}`);
      expect(await returned.getByTestId('decision-comment').innerText()).toBe(comment);
      expect(await returned.getByTestId('decision-at').innerText()).toBe(formatDateTime(held.decisions[0]!.decidedAt));
      expect(await accepted.getByTestId('decision-status').innerText()).toBe('Chấp nhận');
      expect(await accepted.getByTestId('decision-by').innerText()).toBe(username);
      expect(await accepted.getByTestId('decision-revision').innerText()).toBe(`Bản ${resent.revision}`);
      expect(await accepted.getByTestId('decision-at').innerText()).toBe(formatDateTime(held.decisions[1]!.decidedAt));
      expect(await accepted.getByTestId('decision-at').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      await expectNoSeriousAxeViolations(page, 'a report with its history of decisions');
    } finally {
      await context.close();
    }
  });
});
