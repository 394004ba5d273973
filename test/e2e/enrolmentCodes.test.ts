/**
 * Issue 21's enrolment codes in Chromium, on the production build served by the real server (SQLite).
 * A commune's reviewer follows "Cấp mã đăng ký" from the node page to the CĐCS's code card, which
 * lists the codes still valid; issues one for 2 phones and 3 days; sees it listed in full (issued
 * here), who issued it, when, and its expiry in Vietnam time; after a reload only its last two
 * characters; withdraws it after the question; and a phone that then tries the code is told in
 * Vietnamese that the superior withdrew it. A viewer reads the list without the form or the buttons.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/app/i18n/format';
import { startTestServer, type TestServer } from '../server/helpers';
import { expectNoSeriousAxeViolations, newPhoneContext } from './support/accessibility';
import { waitForAttributes, waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { fillEnrolment, pressCheckCode } from './support/officerApp';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const signIn = (page: Page, username: string, password: string) => signInStaff(page, server.url, { username, password });

const DAY_MS = 86_400_000;

describe("a CĐCS's enrolment codes on its staff page", () => {
  it('issues a code for 2 phones and 3 days, lists it, withdraws it, and a phone is then told it was withdrawn', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
    const union = await server.createUnion('CĐCS Công ty Dệt Long Hoa', commune.id);
    // A code issued earlier from the command line: listed by its last characters only.
    const earlier = await server.issueCode(union.id);
    const reviewer = await server.staffSession({ nodeId: commune.id, role: 'reviewer' });
    let withdrawn = '';

    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const csp = watchCspViolations(page);
      await signIn(page, reviewer.username, reviewer.password);
      await page.goto(`${server.url}/#/staff/node/${commune.id}`);
      // "Cấp mã đăng ký" issues nothing by itself: it opens the union's code card, its first field ready.
      await page.locator(`[data-testid="staff-union"][data-union-id="${union.id}"] [data-testid="issue-code"]`).click();
      await page.getByTestId('union-code').first().waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'code-phones');
      expect((await server.store.listValidEnrolmentCodes(union.id, new Date().toISOString())).map((code) => code.id)).toEqual([earlier.id]);
      const earlierRow = page.locator(`[data-testid="union-code"][data-code-id="${earlier.id}"]`);
      expect(await earlierRow.getByTestId('union-code-value').innerText()).toBe(`••••-••${earlier.code.slice(-2)}`);
      expect(await earlierRow.getByTestId('union-code-issued-by').innerText()).toBe('Quản trị hệ thống');

      // Out of bounds: said in Vietnamese, and nothing is issued.
      await page.getByLabel('Số máy được đăng ký').fill('25');
      await page.getByTestId('code-issue').click();
      await waitForText(page.locator('#code-phones-error'), 'Nhập số máy từ 1 đến 20.');
      expect(await server.store.listValidEnrolmentCodes(union.id, new Date().toISOString())).toHaveLength(1);

      await page.getByLabel('Số máy được đăng ký').fill('2');
      await page.getByLabel('Hiệu lực (số ngày)').fill('3');
      await page.getByTestId('code-issue').click();
      const code = await page.getByTestId('enrolment-card-code').innerText();
      withdrawn = code;
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      const issued = (await server.store.listValidEnrolmentCodes(union.id, new Date().toISOString())).find((entry) => entry.id !== earlier.id)!;
      expect(issued).toMatchObject({ maxUses: 2, uses: 0, codeHint: code.slice(-2), issuedBy: { id: reviewer.id, username: reviewer.username } });
      expect(Date.parse(issued.expiresAt) - Date.parse(issued.createdAt)).toBe(3 * DAY_MS);
      const expires = formatDateTime(issued.expiresAt);
      expect(expires).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      await waitForText(page.getByTestId('code-message'), `Đã cấp mã cho 2 máy, hết hạn ${expires}. Mã chỉ hiện đầy đủ một lần: hãy in phiếu hoặc ghi lại ngay.`);
      expect(await page.getByTestId('enrolment-card-expiry').innerText()).toBe(`Hết hạn: ${expires} (giờ Việt Nam) · Dùng cho tối đa 2 máy`);

      // Listed first, in full (issued on this page), with who, when, the expiry in Vietnam time and the uses left.
      await waitForAttributes(page, '[data-testid="union-code"]', 'data-code-id', [issued.id, earlier.id]);
      const row = page.locator(`[data-testid="union-code"][data-code-id="${issued.id}"]`);
      expect(await row.getAttribute('data-shown')).toBe('full');
      expect(await row.getByTestId('union-code-value').innerText()).toBe(code);
      expect(await row.getByTestId('union-code-issued-by').innerText()).toBe(reviewer.username);
      expect(await row.getByTestId('union-code-issued-at').innerText()).toBe(formatDateTime(issued.createdAt));
      expect(await row.getByTestId('union-code-expires').innerText()).toBe(expires);
      expect(await row.getByTestId('union-code-uses').innerText()).toBe('2/2 máy');
      await expectNoSeriousAxeViolations(page, "a CĐCS's code card with a code just issued");

      // Opened again, the page knows the code by its end only, as the server keeps it.
      await page.reload();
      await page.locator(`[data-testid="union-code"][data-code-id="${issued.id}"][data-shown="masked"]`).waitFor();
      const masked = `••••-••${code.slice(-2)}`;
      expect(await row.getByTestId('union-code-value').innerText()).toBe(masked);
      expect(await row.getByTestId('union-code-value').getAttribute('aria-label')).toBe(`Mã kết thúc bằng ${code.slice(-2)}`);

      // Withdrawn after the question that says what follows; it leaves the list, the other code stays.
      await row.getByTestId('code-withdraw').click();
      expect(await row.locator('.confirm-question').innerText()).toBe(
        `Thu hồi mã ${masked} (hết hạn ${expires})? Không máy nào đăng ký được bằng mã này nữa; các máy đã kết nối vẫn dùng bình thường.`,
      );
      await row.getByTestId('code-withdraw-confirm').click();
      await waitForAttributes(page, '[data-testid="union-code"]', 'data-code-id', [earlier.id]);
      await waitForText(page.getByTestId('code-message'), `Đã thu hồi mã ${masked}. Không máy nào đăng ký được bằng mã này nữa.`);
      expect((await server.store.findEnrolmentCode(issued.id))?.revokedAt).not.toBeNull();
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }

    // The phone that was handed the card: the code is refused, and the officer reads why.
    const phone = await newPhoneContext(browser);
    try {
      const page = await phone.newPage();
      await page.goto(`${server.url}/#/enrol`);
      await page.locator('input[name="serverUrl"]').waitFor();
      await fillEnrolment(page, { serverUrl: server.url, code: withdrawn });
      await pressCheckCode(page);
      const error = page.locator('[data-testid="enrol-error"][data-failure="withdrawn_code"]');
      await error.waitFor();
      expect(await error.innerText()).toBe('Mã đăng ký này đã bị công đoàn cấp trên thu hồi. Hãy xin công đoàn cấp trên cấp mã mới.');
      expect(await server.store.listDevices(union.id)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('shows a viewer the codes still valid by their end, without the form or the withdraw buttons', async () => {
    const commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
    const union = await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id);
    const issued = await server.issueCode(union.id, { maxUses: 5 });
    const viewer = await server.staffSession({ nodeId: commune.id, role: 'viewer' });
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await signIn(page, viewer.username, viewer.password);
      await page.goto(`${server.url}/#/staff/node/${commune.id}/union/${union.id}`);
      const row = page.locator(`[data-testid="union-code"][data-code-id="${issued.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('union-code-value').innerText()).toBe(`••••-••${issued.code.slice(-2)}`);
      expect(await row.getByTestId('union-code-uses').innerText()).toBe('5/5 máy');
      expect(await row.getByTestId('union-code-expires').innerText()).toBe(formatDateTime(issued.expiresAt));
      expect(await page.getByTestId('enrolment-codes').innerText()).not.toContain(issued.code);
      expect(await page.getByTestId('code-issue-form').count()).toBe(0);
      expect(await page.getByTestId('code-withdraw').count()).toBe(0);
      expect(await page.getByTestId('enrolment-codes').innerText()).toContain('Cán bộ xem xét báo cáo hoặc quản trị mới cấp và thu hồi được mã.');
    } finally {
      await context.close();
    }
  });
});
