/**
 * axe-core on every staff screen, on the production build served by the real server (SQLite), each
 * checked once what it shows has loaded: the sign-in form (and its error), the province's node page
 * with its roll-up, its period table and the administrator's panel, the summary report drawn over it, a commune union's node page, a
 * CĐCS's page (devices, codes, history), a report with its review form, and the audit log with its
 * filters and entries. No serious or critical
 * rule may fail.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { session } from '../domain/fixtures';
import { pushHeaders, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const held = session({ id: 'd1', date: '2025-06-12', recommendationsRaised: 7, recommendationsResolved: 5 });

async function pushReady(unionId: string, workers: number, members: number): Promise<string> {
  const device = await server.enrolDevice({ unionId });
  const report = readyReport({ dialogues: [held] });
  report.membership.workers = workers;
  report.membership.members = members;
  const response = await fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) });
  expect(response.status).toBe(201);
  return report.id;
}

async function goTo(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.locator(ready).first().waitFor();
}

describe('the staff screens', () => {
  it('have no serious or critical axe rule failing', async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
    const inCommune = await server.createUnion('CĐCS Công ty Dệt Long Hoa', commune.id);
    const direct = await server.createUnion('CĐCS Bệnh viện Đa khoa tỉnh');
    await server.createUnion('CĐCS Trường Mầm non Hoa Sen');
    const weakReport = await pushReady(inCommune.id, 1000, 653);
    await pushReady(direct.id, 120, 100);
    await server.issueCode(inCommune.id);
    const { username, password } = await server.staffSession();

    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await goTo(page, '#/staff', '.staff-sign-in');
      await expectNoSeriousAxeViolations(page, 'the sign-in form');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByTestId('staff-sign-in-error').waitFor();
      await expectNoSeriousAxeViolations(page, 'the sign-in form with its error');

      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByTestId('staff-year').selectOption('2025');
      await page.locator('[data-testid="overview-table"][data-period="2025-yearly"] [data-testid="union-row"]').first().waitFor();
      await page.locator('[data-testid="rollup-row"]').first().waitFor();
      await page.getByTestId('staff-manage').waitFor();
      await expectNoSeriousAxeViolations(page, "the province's node page: roll-up, table and admin panel");
      await page.getByTestId('open-summary').click();
      await page.locator('[data-testid="summary-document"][data-fonts-ready="true"]').waitFor();
      await expectNoSeriousAxeViolations(page, 'the summary report with its letterhead form');
      await page.getByTestId('summary-close').click();
      await page.getByTestId('summary-overlay').waitFor({ state: 'detached' });

      await page.getByTestId('rollup-open').first().click();
      await page.locator(`[data-testid="staff-node"][data-node-id="${commune.id}"]`).waitFor();
      await page.locator('[data-testid="overview-table"] [data-testid="union-row"]').first().waitFor();
      await expectNoSeriousAxeViolations(page, "a commune union's node page");

      await goTo(page, `#/staff/node/${commune.id}/union/${inCommune.id}`, `[data-testid="staff-union"][data-union-id="${inCommune.id}"]`);
      await expectNoSeriousAxeViolations(page, "a CĐCS's page");

      await goTo(page, `#/staff/report/${weakReport}`, `[data-testid="staff-report"][data-report-id="${weakReport}"]`);
      await page.getByTestId('report-section-dialogues').waitFor();
      await expectNoSeriousAxeViolations(page, 'a report with its review form');
      await page.getByTestId('review-return').click();
      await page.getByTestId('review-message').waitFor();
      await expectNoSeriousAxeViolations(page, 'a report whose return lacks a comment');

      await goTo(page, `#/staff/node/${server.root.id}/forms/ke-hoach-94/rollup/2025/yearly`, '[data-testid="form-rollup"][data-loaded="true"]');
      await expectNoSeriousAxeViolations(page, "a form's roll-up at the province");

      await goTo(page, '#/staff/audit', '[data-testid="audit-entry"]');
      await expectNoSeriousAxeViolations(page, 'the audit log with its filters');
    } finally {
      await context.close();
    }
  });
});
