/**
 * Issue 22 on the officer's phone, in Chromium at 360 px on the production build: a round asking for
 * Mẫu 1-HĐCĐ has reached the phone (written into its database as the change feed leaves it); offline,
 * the officer creates that round's report, fills its rows, sees the rule "female not above the total"
 * beside the field, fixes it, finds every figure after a reload, marks it ready and prints the form's
 * table. No console error on the way.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openControlledPage, PHONE, waitForText, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { fieldValue, fillAndWaitSaved, MAU_1_ROUND, seedRounds } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});


describe('a Mẫu 1-HĐCĐ report filled offline on the phone', () => {
  it('creates the round’s report, checks its rows, keeps every figure, marks it ready and prints its table', async () => {
    const context = await browser.newContext(PHONE);
    try {
      const { page, cspViolations } = await openControlledPage(context, server.url);
      const errors = watchConsoleErrors(page);
      await page.getByTestId('create-report').waitFor();
      await seedRounds(page, [MAU_1_ROUND]);

      await context.setOffline(true);
      await page.reload();
      const due = page.locator('[data-testid="due-round"][data-form="mau-1-hdcd"]');
      await waitForText(due.getByTestId('due-round-form'), 'Mẫu báo cáo: Mẫu 1-HĐCĐ — Báo cáo hoạt động công đoàn cơ sở');
      await due.getByTestId('due-round-create').click();
      await page.getByTestId('form-report-editor').waitFor();
      expect(await page.getByTestId('form-title').innerText()).toBe('Mẫu 1-HĐCĐ — Báo cáo hoạt động công đoàn cơ sở');

      // Step 1: the total and its female part, the latter above the former.
      await fillAndWaitSaved(page, { 'values.TONG_LD': '1200', 'values.LD_NU': '1500' });
      await waitForText(page.getByTestId('issue-values.LD_NU'), '“– Trong đó: nữ” không được lớn hơn “Tổng số lao động” (1.200).');
      expect(await page.getByTestId('field-values.LD_NU').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('field-values.TONG_LD').getAttribute('inputmode')).toBe('numeric');
      expect(await fieldValue(page, 'values.TONG_LD')).toBe('1.200');
      await fillAndWaitSaved(page, { 'values.LD_NU': '650' });
      await page.getByTestId('issue-values.LD_NU').waitFor({ state: 'detached' });

      // Step 3: money in đồng, in vi-VN form.
      await page.getByTestId('section-section-2').click();
      await fillAndWaitSaved(page, { 'values.LUONG_BINH_QUAN': '7500000', 'values.LUONG_SO_NGUOI': '1100' });
      expect(await fieldValue(page, 'values.LUONG_BINH_QUAN')).toBe('7.500.000');

      await page.reload();
      await page.getByTestId('form-report-editor').waitFor();
      expect(await fieldValue(page, 'values.LUONG_BINH_QUAN')).toBe('7.500.000');
      expect(await fieldValue(page, 'values.LUONG_SO_NGUOI')).toBe('1.100');
      await page.getByTestId('section-section-0').click();
      expect(await fieldValue(page, 'values.TONG_LD')).toBe('1.200');
      expect(await fieldValue(page, 'values.LD_NU')).toBe('650');

      // The last step says nothing stops it; the one primary action marks it ready.
      await page.getByTestId('section-review').click();
      await page.locator('.notice-ok').waitFor();
      const primary = page.getByTestId('primary-action');
      await primary.click();
      await page.locator('[data-testid="report-standing"][data-locked="true"]').waitFor();

      const reportId = decodeURIComponent(/#\/report\/([^/]+)/.exec(page.url())![1]!);
      await page.goto(`${server.url}/#/print/${reportId}`);
      await page.locator(`[data-testid="print-screen"][data-report-id="${reportId}"]`).waitFor();
      const table = page.getByTestId('form-table');
      await table.waitFor();
      expect(await table.locator('thead th').allInnerTexts()).toEqual(['STT', 'Nội dung', 'Đơn vị', 'Số liệu']);
      expect(await table.getByTestId('form-table-heading').first().innerText()).toBe('I. Tình hình lao động – 1. Lao động');
      const rows = await table.getByTestId('form-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows[0]).toEqual(['1', 'Tổng số lao động', 'người', '1.200']);
      expect(rows[1]).toEqual(['2', '– Trong đó: nữ', 'người', '650']);
      expect(rows.find((row) => row[1] === 'Tiền lương bình quân tháng của 1 người lao động')?.[3]).toBe('7.500.000');
      expect(await page.getByTestId('print-no-issues').isVisible()).toBe(true);

      expect(errors).toEqual([]);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
