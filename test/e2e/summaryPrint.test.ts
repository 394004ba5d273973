/**
 * The superior's summary report printed from a commune union's node screen, in Chromium on the
 * production build served by the real server (SQLite), saved with `page.pdf()` and read back with
 * pdftotext: its letterhead starts from the node's own names (the node issues it, its parent heads it,
 * the province names the place), the closing sentence keeps the recipients and the signature on its
 * page (with four CĐCS the signature used to stand alone on page 2), and no district is named.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OrgNode } from '../../src/domain/organisation';
import { pushHeaders, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { watchCspViolations } from './support/browser';
import { expectClosingWithSignature } from './support/printedText';
import { folderPerFile, serverAndBrowserPerFile } from './support/fileFixture';
import { distDir } from './support/staticServer';

const run = promisify(execFile);

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});
const work = folderPerFile('summary');

/** A commune union with a short name, made by the province's staff as the admin screen would. */
async function communeUnion(): Promise<OrgNode> {
  const province = await server.staffSession();
  const response = await fetch(`${server.url}/api/staff/nodes`, {
    method: 'POST',
    headers: { ...province.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ parentId: server.root.id, kind: 'upper_commune', name: 'Công đoàn phường Ninh Thạnh', shortName: 'CĐ phường Ninh Thạnh' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { node: OrgNode }).node;
}

describe("the superior's summary report printed", () => {
  it('starts from the node’s names, keeps the signature with the closing sentence, and names no district', async () => {
    const ward = await communeUnion();
    // One CĐCS reported (a dialogue with the commune's People's Committee among its sessions), three not yet.
    const reported = await server.createUnion('CĐCS Công ty May Ninh Thạnh', ward.id);
    const device = await server.enrolDevice({ unionId: reported.id });
    const report = readyReport({
      dialogues: [{ id: 'd1', date: '2025-08-12', kind: 'districtCommittee', ledBy: 'Chủ tịch UBND phường', participants: 40, recommendationsRaised: 3, recommendationsResolved: 2, notes: '' }],
    });
    const pushed = await fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) });
    expect(pushed.status).toBe(201);
    for (let i = 1; i <= 3; i++) await server.createUnion(`CĐCS Trường Tiểu học Ninh Thạnh ${i}`, ward.id);

    const staff = await server.staffSession({ nodeId: ward.id, role: 'viewer' });
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      await page.goto(`${server.url}/#/staff`);
      await page.getByLabel('Tên đăng nhập').fill(staff.username);
      await page.getByLabel('Mật khẩu').fill(staff.password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByTestId('staff-year').selectOption('2025');
      await page.locator('[data-testid="overview-table"][data-period="2025-yearly"]').waitFor();
      await page.getByTestId('open-summary').click();

      // The letterhead as the tree names it; what it cannot know is left to fill.
      const field = (key: string) => page.getByTestId(`summary-field-${key}`).inputValue();
      expect(await field('issuerName')).toBe('Công đoàn phường Ninh Thạnh');
      expect(await field('shortName')).toBe('CĐ phường Ninh Thạnh');
      expect(await field('superiorName')).toBe('Liên đoàn Lao động tỉnh Thử Nghiệm');
      expect(await field('placeName')).toBe('Thử Nghiệm');
      expect(await field('number')).toBe('');
      expect(await field('signerName')).toBe('');

      await page.getByTestId('summary-field-shortName').fill('CĐP');
      await page.getByTestId('summary-field-number').fill('08');
      await page.getByTestId('summary-field-date').fill('2025-12-20');
      await page.getByTestId('summary-field-signerName').fill('Nguyễn Thị Lan');
      await page.locator('[data-testid="summary-document"][data-fonts-ready="true"]').waitFor();
      const path = join(work(), 'summary.pdf');
      await page.pdf({ path, preferCSSPageSize: true, printBackground: false });
      const text = (await run('pdftotext', ['-layout', path, '-'])).stdout;

      const flat = text.replace(/\s+/g, ' ');
      for (const piece of [
        'LIÊN ĐOÀN LAO ĐỘNG TỈNH',
        'CÔNG ĐOÀN PHƯỜNG NINH',
        'Số: 08/BC-CĐP',
        'Thử Nghiệm, ngày 20 tháng 12 năm 2025',
        'Kính gửi: Liên đoàn Lao động tỉnh Thử Nghiệm',
        'trong đó: đối thoại với UBND địa phương 1 cuộc.',
        'Trên đây là báo cáo tổng hợp kết quả báo cáo của các công đoàn cơ sở năm 2025 của Công đoàn phường Ninh Thạnh./.',
      ])
        expect(flat).toContain(piece);
      expectClosingWithSignature(text, 'Trên đây là báo cáo tổng hợp', 'Nguyễn Thị Lan');
      expect(text).not.toMatch(/huyện/i);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
