/**
 * The period table of a node with many CĐCS directly under it (issue 22), in Chromium on the production
 * build: the first page of 50 comes from the server with "Hiển thị 1–50 trong 120 CĐCS", the next and
 * previous pages follow, sorting and a search typed without diacritics go to the server, and the totals
 * row counts every line the search keeps, not the page.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForAttributes, waitForText, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { submitStaffSignIn } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

describe('the paged period table', () => {
  it('pages 120 CĐCS of an industrial-park union from the server, sorts and searches there', async () => {
    const park = await server.createNode({ name: 'Công đoàn các Khu công nghiệp', kind: 'upper_industrial_park' });
    const at = new Date().toISOString();
    const ids: string[] = [];
    await server.store.write(async (tx) => {
      for (let i = 1; i <= 120; i++) {
        const id = randomUUID();
        ids.push(id);
        await tx.insertUnion({ id, name: `CĐCS Đơn vị ${String(i).padStart(3, '0')}`, code: `KCN-${i}`, superiorId: park.id, createdAt: at });
      }
    });
    const staff = await server.staffSession({ nodeId: park.id, role: 'viewer' });
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
    try {
      const page = await context.newPage();
      const consoleErrors = watchConsoleErrors(page);
      await submitStaffSignIn(page, server.url, { username: staff.username, password: staff.password });
      const shown = page.getByTestId('table-shown');
      await waitForText(shown, 'Hiển thị 1–50 trong 120 CĐCS');
      expect(await page.getByTestId('union-row').count()).toBe(50);
      expect(await page.locator('[data-testid="union-row"] th').first().innerText()).toBe('CĐCS Đơn vị 001');

      await page.getByTestId('table-next').click();
      await waitForText(shown, 'Hiển thị 51–100 trong 120 CĐCS');
      expect(await page.locator('[data-testid="union-row"] th').first().innerText()).toBe('CĐCS Đơn vị 051');
      await page.getByTestId('table-next').click();
      await waitForText(shown, 'Hiển thị 101–120 trong 120 CĐCS');
      expect(await page.getByTestId('table-next').isDisabled()).toBe(true);
      await page.getByTestId('table-previous').click();
      await waitForText(shown, 'Hiển thị 51–100 trong 120 CĐCS');

      // A sort goes back to the first page, in the server's order.
      await page.getByTestId('sort-name').click();
      await waitForText(shown, 'Hiển thị 1–50 trong 120 CĐCS');
      await page.locator('th[aria-sort="descending"] [data-testid="sort-name"]').waitFor();
      await waitForText(page.locator('[data-testid="union-row"] th').first(), 'CĐCS Đơn vị 120');

      // Typed without diacritics; one request once typing pauses.
      await page.getByTestId('table-search').fill('don vi 007');
      await waitForText(shown, 'Hiển thị 1–1 trong 1 CĐCS');
      await waitForAttributes(page, '[data-testid="union-row"]', 'data-union-id', [ids[6] as string]);
      expect(await page.getByTestId('staff-total').innerText()).toContain('Tổng cộng (chỉ các CĐCS theo bộ lọc)');
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
