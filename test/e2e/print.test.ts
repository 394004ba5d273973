/**
 * The officer's report as an official document, in Chromium on the production build: the print view
 * of a filled report, saved with `page.pdf()` as the browser's "Save as PDF" would, gives A4 pages
 * whose text (read back with poppler's pdftotext) holds the header, every heading, the figures in
 * vi-VN and the signature block in order, with no line outside the page's margins; a report with 40
 * dialogue sessions prints all 40 rows; and the same works offline, font included.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackup } from '../../src/domain/backup';
import { neverSynced } from '../../src/domain/sync';
import { filledReport, fullProfile, reportWithSessions, FILLED_REPORT_ID, MANY_SESSIONS_REPORT_ID } from '../domain/fixtures';
import { waitForServiceWorkerControl, watchCspViolations } from './support/browser';
import { expectClosingWithSignature, expectInOrder } from './support/printedText';
import { folderPerFile, serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fillAndWaitSaved, fieldValue } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

const run = promisify(execFile);

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});
const work = folderPerFile('print');

/** A4 in PostScript points, and the document's margins (print.css) in points. */
const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM };

/** Puts the reports and the profile on the phone the way an officer would: through the backup screen. */
async function importReports(page: Page): Promise<void> {
  const backup = makeBackup(
    [filledReport(), reportWithSessions(40)].map((document) => ({ document, sync: neverSynced() })),
    fullProfile(),
    new Date().toISOString(),
  );
  const file = join(work(), `backup-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(backup));
  await page.goto(`${server.url}/#/backup`);
  await page.getByTestId('backup-import-file').setInputFiles(file);
  await page.getByTestId('plan-new').waitFor();
  await page.getByTestId('backup-import-confirm').click();
  await page.getByTestId('backup-import-result').waitFor();
}

async function openPrintView(page: Page, reportId: string): Promise<void> {
  await page.goto(`${server.url}/#/print/${reportId}`);
  // The report's own document, not the one the previous hash showed, with its fonts loaded.
  await page.locator(`[data-testid="print-screen"][data-report-id="${reportId}"][data-fonts-ready="true"]`).waitFor();
}

interface Pdf {
  path: string;
  pages: { width: number; height: number }[];
  layoutText: string;
  words: { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
  fonts: string;
}

/** "Save as PDF", then read the file back with poppler-utils. */
async function savePdf(page: Page, name: string): Promise<Pdf> {
  const path = join(process.env.PRINT_PDF_DIR ?? work(), `${name}.pdf`);
  await page.pdf({ path, preferCSSPageSize: true, printBackground: false });
  const bbox = (await run('pdftotext', ['-bbox', path, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const pages: Pdf['pages'] = [];
  const words: Pdf['words'] = [];
  for (const match of bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(match[1]), height: Number(match[2]) });
    for (const word of match[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g))
      words.push({
        page: pages.length,
        xMin: Number(word[1]),
        yMin: Number(word[2]),
        xMax: Number(word[3]),
        yMax: Number(word[4]),
        text: word[5]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      });
  }
  const layoutText = (await run('pdftotext', ['-layout', path, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const fonts = (await run('pdffonts', [path])).stdout;
  return { path, pages, layoutText, words, fonts };
}

/** Every word inside its page's printable area; the page numbers alone sit in the top margin. */
function expectNothingCut(pdf: Pdf): void {
  const tolerance = 1.5;
  for (const word of pdf.words) {
    const page = pdf.pages[word.page - 1]!;
    const where = `"${word.text}" on page ${word.page} at ${word.xMin.toFixed(1)},${word.yMin.toFixed(1)}–${word.xMax.toFixed(1)},${word.yMax.toFixed(1)}`;
    expect(word.xMin, where).toBeGreaterThanOrEqual(MARGIN.left - tolerance);
    expect(word.xMax, where).toBeLessThanOrEqual(page.width - MARGIN.right + tolerance);
    expect(word.yMax, where).toBeLessThanOrEqual(page.height - MARGIN.bottom + tolerance);
    if (word.yMin < MARGIN.top - tolerance) expect(word.text, `${where}: only a page number is in the top margin`).toBe(String(word.page));
  }
}

function pageNumbersAtTop(pdf: Pdf): number[] {
  return pdf.words.filter((word) => word.yMax < MARGIN.top && /^\d+$/.test(word.text)).map((word) => Number(word.text));
}

function expectA4(pdf: Pdf): void {
  expect(pdf.pages.length).toBeGreaterThan(0);
  for (const page of pdf.pages) {
    expect(Math.abs(page.width - A4.width)).toBeLessThan(1);
    expect(Math.abs(page.height - A4.height)).toBeLessThan(1);
  }
}

/** What the filled report must print, in reading order. */
const FILLED_REPORT_IN_ORDER = [
  // -layout sets the two header columns side by side, so a name that wraps is read line by line.
  'CÔNG ĐOÀN CÁC KHU CÔNG',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'NGHIỆP TỈNH TÂY NINH',
  'Độc lập - Tự do - Hạnh phúc',
  'CÔNG ĐOÀN CƠ SỞ CÔNG TY',
  'TNHH MAY TÂY NINH',
  'Số: 05/BC-CĐCS',
  'Tây Ninh, ngày 05 tháng 12 năm 2025',
  'BÁO CÁO',
  'Kết quả thực hiện nhiệm vụ công tác công đoàn năm 2025',
  'Kính gửi: Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
  'I. TÌNH HÌNH CHUNG',
  // The address since 1 July 2025; the district the profile kept from an older build is never printed.
  '(xã Cầu Khởi, tỉnh Tây Ninh) là 1.234 người',
  '1.053 người',
  '612 người',
  '85,3 %',
  'đạt chỉ tiêu',
  'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
  '1. Công tác tuyên truyền, quán triệt',
  '2.350 lượt người',
  '2. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  '3. Công tác cán bộ',
  'kết nạp mới 87 đoàn viên',
  '4. Giới thiệu đoàn viên ưu tú cho Đảng',
  '5. Công tác kiểm tra, giám sát',
  '6. Cải cách hành chính, ứng dụng công nghệ thông tin',
  '7. Công tác dân vận',
  '1.150',
  '1.210',
  'III. KIẾN NGHỊ, ĐỀ XUẤT',
  'Trên đây là báo cáo',
  'Nơi nhận:',
  'TM. BAN CHẤP HÀNH',
  '- Như trên;',
  'CHỦ TỊCH',
  '- Lưu: VT.',
  'Nguyễn Thị Hồng Nhung',
];

describe('the report printed as an official document (NĐ 30/2020)', () => {
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'vi-VN' });
    page = await context.newPage();
    cspViolations = watchCspViolations(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('keeps the print view and its font out of the first load', async () => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(server.url);
    await page.getByTestId('create-report').waitFor();
    await waitForServiceWorkerControl(page);
    expect(requested.filter((path) => /\.woff2$|PrintScreen/.test(path))).toEqual([]);
  });

  it('prints a filled report on A4 with the header, every heading, the figures and the signature in order', async () => {
    await importReports(page);
    await openPrintView(page, FILLED_REPORT_ID);
    // A complete profile asks for nothing; the number and date stay editable.
    expect(await page.locator('[data-testid^="print-field-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid'))))
      .toEqual(['print-field-number', 'print-field-date']);
    expect(await page.getByTestId('print-no-issues').isVisible()).toBe(true);

    const pdf = await savePdf(page, 'filled');
    expectA4(pdf);
    expectInOrder(pdf.layoutText, FILLED_REPORT_IN_ORDER);
    expectNothingCut(pdf);
    expectClosingWithSignature(pdf.layoutText, 'Trên đây là báo cáo', 'Nguyễn Thị Hồng Nhung');
    // No district: neither the profile's former one nor "(trước đây: huyện)" beside the dialogue with the People's Committee.
    expect(pdf.layoutText).not.toMatch(/huyện/i);
    expect(pdf.layoutText).not.toContain('Dương Minh Châu');
    // The table's cell wraps, and -layout reads its columns side by side: the row's own text says it.
    expect(await page.getByTestId('dialogue-table-row').nth(1).innerText()).toContain('Đối thoại với UBND địa phương');
    // Nothing of the screen's controls is printed.
    expect(pdf.layoutText).not.toContain('In / Lưu PDF');
    expect(pdf.layoutText).not.toContain('Số văn bản');
    // Page numbers from page 2, centred at the top.
    expect(pageNumbersAtTop(pdf)).toEqual(pdf.pages.slice(1).map((_, index) => index + 2));
    for (const word of pdf.words.filter((w) => w.yMax < MARGIN.top)) {
      const centre = (word.xMin + word.xMax) / 2;
      const textCentre = (MARGIN.left + A4.width - MARGIN.right) / 2;
      expect(Math.abs(centre - textCentre)).toBeLessThan(3);
    }
    // The document's own font, Tinos, is embedded in every face used.
    expect(pdf.fonts).toMatch(/Tinos-Regular/);
    expect(pdf.fonts).toMatch(/Tinos-Bold\b/);
    expect(pdf.fonts).toMatch(/Tinos-Italic/);
    expect(pdf.fonts).toMatch(/Tinos-BoldItalic/);
    expect(cspViolations).toEqual([]);
  });

  it('prints all 40 dialogue sessions of a long report, the table running over pages', async () => {
    await openPrintView(page, MANY_SESSIONS_REPORT_ID);
    expect(await page.getByTestId('dialogue-table-row').count()).toBe(40);
    const pdf = await savePdf(page, 'sessions-40');
    expectA4(pdf);
    expect(pdf.pages.length).toBeGreaterThan(2);
    // Each row starts a line with its order number and date; every session's leader is there once.
    const rowNumbers = [...pdf.layoutText.matchAll(/^\s*(\d+)\s+\d{2}\/\d{2}\/2024\s/gm)].map((match) => Number(match[1]));
    expect(rowNumbers).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    const flat = pdf.layoutText.replace(/\s+/g, ' ');
    for (let n = 1; n <= 40; n++) expect(flat.split(`Chủ trì ${n} `).length, `session ${n}`).toBe(2);
    expectInOrder(pdf.layoutText, ['Số: 12/BC-CĐCS', 'ngày 02 tháng 12 năm 2024', '40 cuộc tiếp xúc', 'Cộng 2.380 200 120', 'III. KIẾN NGHỊ, ĐỀ XUẤT', 'Nguyễn Thị Hồng Nhung']);
    expectNothingCut(pdf);
    expectClosingWithSignature(pdf.layoutText, 'Trên đây là báo cáo', 'Nguyễn Thị Hồng Nhung');
  });

  it('prints the same offline, with the font from the service worker’s cache', async () => {
    await context.setOffline(true);
    try {
      const before = server.requests.length;
      await page.reload();
      await openPrintView(page, FILLED_REPORT_ID);
      const pdf = await savePdf(page, 'offline');
      expectA4(pdf);
      expectInOrder(pdf.layoutText, FILLED_REPORT_IN_ORDER);
      expectNothingCut(pdf);
      expect(pdf.fonts).toMatch(/Tinos-Regular/);
      expect(server.requests.slice(before)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  });

  it('asks on screen for the header and signature details still missing, and prints what the officer gave', async () => {
    const phone = await browser.newContext({ locale: 'vi-VN' });
    try {
      const officer = await phone.newPage();
      await officer.goto(server.url);
      const reportId = await createReport(officer, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(officer, { 'membership.workers': '200', 'membership.members': '150' });
      await openPrintView(officer, reportId);

      // Nothing guessed: the blanks print as blanks, and the screen asks for each missing detail.
      expect(await officer.getByTestId('doc-number').innerText()).toMatch(/^Số:\s+\/BC$/);
      for (const field of ['superiorName', 'unionName', 'shortName', 'placeName', 'signerName', 'signerTitle'])
        await officer.getByTestId(`print-field-${field}`).waitFor();
      expect(await officer.getByTestId('print-error').count()).toBe(0);
      expect(await officer.getByTestId('print-issues').count()).toBe(0);

      await officer.getByTestId('print-field-number').fill('7');
      await officer.getByTestId('print-field-date').fill('2025-02-03');
      await officer.getByTestId('print-field-superiorName').fill('Công đoàn phường Ninh Thạnh');
      await officer.getByTestId('print-field-unionName').fill('Công đoàn cơ sở Trường Tiểu học A');
      await officer.getByTestId('print-field-shortName').fill('CĐTHA');
      await officer.getByTestId('print-field-placeName').fill('Tây Ninh');
      await officer.getByTestId('print-field-signerName').fill('Trần Văn Bình');
      await officer.getByTestId('print-field-signerTitle').fill('Phó Chủ tịch');
      await officer.getByTestId('print-details-save').click();
      await officer.locator('[data-testid="doc-number"]', { hasText: 'Số: 07/BC-CĐTHA' }).waitFor();

      // Once given, they are no longer asked for; the number and date stay editable.
      expect(await officer.locator('[data-testid^="print-field-"]').count()).toBe(2);
      expect(await officer.getByTestId('doc-date').innerText()).toBe('Tây Ninh, ngày 03 tháng 02 năm 2025');
      const signature = await officer.getByTestId('doc-signature').innerText();
      expect(signature.split('\n').map((line) => line.trim()).filter(Boolean)).toEqual([
        'TM. BAN CHẤP HÀNH',
        'KT. CHỦ TỊCH',
        'PHÓ CHỦ TỊCH',
        'Trần Văn Bình',
      ]);
      const pdf = await savePdf(officer, 'asked');
      expectInOrder(pdf.layoutText, ['CÔNG ĐOÀN PHƯỜNG NINH', 'Số: 07/BC-CĐTHA', 'ngày 03 tháng 02 năm 2025', 'Kính gửi: Công đoàn phường Ninh Thạnh', '150 người', '75,0 %', 'Trần Văn Bình']);
      expectNothingCut(pdf);

      // The profile kept them for the next report.
      await officer.goto(`${server.url}/#/profile`);
      expect(await fieldValue(officer, 'profile.placeName')).toBe('Tây Ninh');
      expect(await fieldValue(officer, 'profile.signerTitle')).toBe('Phó Chủ tịch');
    } finally {
      await phone.close();
    }
  });
});
