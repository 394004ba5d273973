/**
 * The superior's two exports in Chromium, on the production build served by the real server (SQLite):
 * four CĐCS under the province (one above 80 %, one under, one with only a draft, one silent). Province
 * staff click "Tải bảng Excel" on the node screen; the downloaded .xlsx is read back with
 * read-excel-file (sheet names, headers, a line per CĐCS, totals equal to the table's, dialogue sessions
 * by kind). Then "Báo cáo tổng hợp" is saved with `page.pdf()` as "Save as PDF" would, and read back
 * with poppler's pdftotext: the header, the totals, the CĐCS under 80 %, those not reported, and the
 * dialogue sessions by kind, in that order.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import readXlsxFile from 'read-excel-file/node';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatRate } from '../../src/app/i18n/format';
import type { DialogueKind, DialogueSession } from '../../src/domain/report';
import { session } from '../domain/fixtures';
import { pushHeaders, readyReport, sampleReport, startTestServer, type TestServer, unionWithReport } from '../server/helpers';
import { waitForText, watchCspViolations } from './support/browser';
import { expectInOrder } from './support/printedText';
import { folderPerFile, serverAndBrowserPerFile } from './support/fileFixture';
import { submitStaffSignIn } from './support/staffApp';
import { distDir } from './support/staticServer';

const run = promisify(execFile);

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});
const work = folderPerFile('exports');

function sessions(...kinds: DialogueKind[]): DialogueSession[] {
  return kinds.map((kind, index) =>
    session({ id: `d${index + 1}`, date: '2025-06-12', kind, ledBy: 'Chủ tịch CĐCS', participants: 40, recommendationsRaised: 3, recommendationsResolved: 2 }),
  );
}

/** '1.120' → 1120, as the dashboard writes a count. */
const countOf = (text: string) => Number(text.replace(/\./g, ''));

async function signIn(page: Page): Promise<void> {
  const { username, password } = await server.staffSession();
  await submitStaffSignIn(page, server.url, { username, password });
  await page.getByTestId('staff-year').selectOption('2025');
  await page.locator('[data-testid="overview-table"][data-period="2025-yearly"]').waitFor();
}

describe("the superior's exports", () => {
  it('downloads the workbook of the node screen, and prints the summary report with its totals, the CĐCS to chase and the sessions by kind', async () => {
    const strong = readyReport({ dialogues: sessions('workplace', 'workplace') });
    const weak = readyReport({ dialogues: sessions('districtCommittee', 'workersConference') });
    weak.membership.workers = 1000;
    weak.membership.members = 653;
    // A draft's session counts in no total.
    const draft = sampleReport({ dialogues: sessions('other') });
    await unionWithReport(server, strong, { name: 'CĐCS Công ty May Tây Ninh', code: '007' });
    await unionWithReport(server, weak, { name: 'CĐCS Công ty Giày Dương Minh Châu', code: '012' });
    await unionWithReport(server, draft, { name: 'CĐCS Công ty Gỗ Tân Biên', code: '0031' });
    await server.createUnion('CĐCS Trường Mầm non Hoa Sen');

    const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
    try {
      const page = await context.newPage();
      const cspViolations = watchCspViolations(page);
      await signIn(page);
      await page.locator('[data-testid="union-row"]').nth(3).waitFor();
      const total = page.getByTestId('staff-total');
      const totalCells = await total.locator('td').allInnerTexts();

      // ---- the workbook ----
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
      expect(download.suggestedFilename()).toBe('bao-cao-cdcs-2025-yearly.xlsx');
      const sheets = (await readXlsxFile((await download.path())!)) as { sheet: string; data: unknown[][] }[];
      expect(sheets.map((s) => s.sheet)).toEqual(['Tổng hợp', 'Các CĐCS', 'Đối thoại']);
      const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data;

      const unions = sheet('Các CĐCS');
      expect(unions[0]?.slice(0, 8)).toEqual(['Công đoàn cơ sở', 'Mã', 'Công đoàn cấp trên', 'Tình trạng báo cáo', 'Số công nhân, viên chức, lao động', 'Số đoàn viên', 'Tỷ lệ tập hợp', 'Chỉ tiêu 80 %']);
      const sessionsColumn = unions[0]!.indexOf('Số buổi đối thoại');
      // One line per CĐCS, in the table's order, then the totals.
      const tableNames = await page.locator('[data-testid="union-row"] th').allInnerTexts();
      expect(unions.slice(1, -1).map((row) => row[0])).toEqual(tableNames);
      const weakRow = unions.find((row) => row[0] === 'CĐCS Công ty Giày Dương Minh Châu')!;
      expect(weakRow.slice(0, 8)).toEqual(['CĐCS Công ty Giày Dương Minh Châu', '012', server.root.name, 'Đã gửi', 1000, 653, 0.653, 'Chưa đạt']);
      expect(weakRow[sessionsColumn]).toBe(2);
      expect(unions.find((row) => row[0] === 'CĐCS Công ty Gỗ Tân Biên')?.[1]).toBe('0031');
      // The totals row says what the table's does: 1.120 workers, 753 members, 67,2 %, 4 sessions.
      const workbookTotal = unions.at(-1)!;
      expect(workbookTotal[0]).toBe(await total.locator('th').innerText());
      expect(workbookTotal[4]).toBe(countOf(totalCells[1]!));
      expect(workbookTotal[5]).toBe(countOf(totalCells[2]!));
      expect(formatRate(workbookTotal[6] as number)).toBe(totalCells[3]);
      expect(workbookTotal[sessionsColumn]).toBe(countOf(totalCells[6]!));
      expect(workbookTotal.slice(4, 7)).toEqual([1120, 753, 753 / 1120]);

      const summary = new Map(sheet('Tổng hợp').slice(1).map((row) => [String(row[0]).trim(), row[1]]));
      expect(summary.get('Số công đoàn cơ sở')).toBe(4);
      expect(summary.get('Đã báo cáo')).toBe(2);
      expect(summary.get('Chưa báo cáo')).toBe(2);
      expect(summary.get('Số công nhân, viên chức, lao động')).toBe(1120);
      expect(summary.get('Số đoàn viên')).toBe(753);
      expect(summary.get('Số CĐCS dưới 80 %')).toBe(1);
      expect(summary.get('Số buổi đối thoại')).toBe(4);
      expect(summary.get('Số buổi đối thoại: Đối thoại định kỳ tại nơi làm việc')).toBe(2);
      expect(summary.get('Số buổi đối thoại: Hội nghị người lao động')).toBe(1);
      expect(summary.get('Số buổi đối thoại: Khác')).toBe(0);

      const dialogues = sheet('Đối thoại');
      expect(dialogues[0]?.slice(0, 3)).toEqual(['Mã', 'Công đoàn cơ sở', 'Tổng số cuộc']);
      expect(dialogues.find((row) => row[1] === 'CĐCS Công ty Giày Dương Minh Châu')).toEqual(['012', 'CĐCS Công ty Giày Dương Minh Châu', 2, 0, 1, 0, 1, 0]);

      // ---- the workbook of the filtered table: only the lines the filters keep, and totals that say so ----
      await page.getByTestId('filter-below-target').check();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="union-row"] th')].map((th) => th.textContent).join('|') === 'CĐCS Công ty Giày Dương Minh Châu');
      await waitForText(total.locator('th'), 'Tổng cộng (chỉ các CĐCS theo bộ lọc)');
      const [filteredDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
      const filteredSheets = (await readXlsxFile((await filteredDownload.path())!)) as { sheet: string; data: unknown[][] }[];
      const filteredUnions = filteredSheets.find((s) => s.sheet === 'Các CĐCS')!.data;
      expect(filteredUnions.slice(1).map((row) => [row[0], row[4], row[5]])).toEqual([
        ['CĐCS Công ty Giày Dương Minh Châu', 1000, 653],
        ['Tổng cộng (chỉ các CĐCS theo bộ lọc)', 1000, 653],
      ]);
      await page.getByTestId('filter-below-target').uncheck();
      await page.locator('[data-testid="union-row"]').nth(3).waitFor();

      // ---- the summary report ----
      await page.getByTestId('open-summary').click();
      await page.getByTestId('summary-field-superiorName').fill('Tổng Liên đoàn Lao động Việt Nam');
      await page.getByTestId('summary-field-issuerName').fill('LĐLĐ tỉnh Tây Ninh');
      await page.getByTestId('summary-field-shortName').fill('LĐLĐ');
      await page.getByTestId('summary-field-number').fill('12');
      await page.getByTestId('summary-field-date').fill('2026-01-05');
      await page.getByTestId('summary-field-placeName').fill('Tây Ninh');
      await page.getByTestId('summary-field-signerName').fill('Nguyễn Thị Lan');
      await page.locator('[data-testid="summary-document"][data-fonts-ready="true"]').waitFor();
      const path = join(work(), 'summary.pdf');
      await page.pdf({ path, preferCSSPageSize: true, printBackground: false });
      const text = (await run('pdftotext', ['-layout', path, '-'])).stdout;
      expectInOrder(text, [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 12/BC-LĐLĐ',
        'Tây Ninh, ngày 05 tháng 01 năm 2026',
        'BÁO CÁO',
        'Tổng hợp kết quả báo cáo của các công đoàn cơ sở năm 2025',
        'Kính gửi: Tổng Liên đoàn Lao động Việt Nam',
        'Tổng số công đoàn cơ sở trực thuộc: 4; đã gửi báo cáo: 2; chưa báo cáo: 2.',
        'Các công đoàn cơ sở chưa báo cáo:',
        'CĐCS Công ty Gỗ Tân Biên',
        'CĐCS Trường Mầm non Hoa Sen',
        'là 1.120 người; tổng số đoàn viên là 753 người. Tỷ lệ tập hợp chung là 67,2 %, chưa đạt',
        'Các công đoàn cơ sở có tỷ lệ tập hợp dưới 80 %: CĐCS Công ty Giày Dương Minh Châu (65,3 %).',
        'Các công đoàn cơ sở đã tổ chức 4 cuộc tiếp xúc, đối thoại, trong đó: đối thoại định kỳ tại nơi làm việc 2 cuộc; đối thoại với UBND địa phương 1 cuộc; hội nghị người lao động 1 cuộc.',
        // The table, a line per CĐCS in the dashboard's order (a long name wraps inside its cell).
        '1 012 CĐCS',
        '1.000 653 65,3 % 2 Chưa đạt',
        '2 0031 CĐCS',
        'Chưa',
        '3 007 CĐCS',
        '120 100 83,3 % 2',
        '4 CĐCS',
        'Chưa',
        'Nơi nhận:',
        'Nguyễn Thị Lan',
      ].map((piece) => piece.replace(/\s+/g, ' ')));
      // No header word broken across lines; the draft's session counted nowhere; the dashboard's controls are not printed.
      expect(text).toMatch(/(^|\s)CNVCLĐ(\s|$)/m);
      expect(text).not.toMatch(/khác \d+ cuộc/);
      expect(text).not.toContain('Tải bảng Excel');
      expect(text).not.toContain('In / Lưu PDF');
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("lists at the province the CĐCS of the communes below it, with their superior, every figure and the dialogue total, in both files", async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
    const union = await server.createUnion('CĐCS Công ty Điện tử Trảng Bàng', commune.id);
    const device = await server.enrolDevice({ unionId: union.id });
    const report = readyReport({ dialogues: sessions('workplace', 'districtCommittee', 'workersConference') });
    report.membership.femaleMembers = 41;
    report.membership.newMembers = 17;
    report.dissemination = { sessions: 6, attendance: 230 };
    report.partyDevelopment = { introduced: 4, admitted: 2 };
    report.inspection = { inspections: 3, supervisions: 5, antiCorruptionSessions: 2, complaintsReceived: 9, complaintsResolved: 8 };
    report.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2025-03-15' };
    const response = await fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) });
    expect(response.status).toBe(201);

    const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
    try {
      const page = await context.newPage();
      await signIn(page);
      // The province's own table lists only the CĐCS directly under it; the files list its whole subtree.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
      const sheets = (await readXlsxFile((await xlsx.path())!)) as { sheet: string; data: unknown[][] }[];
      const unions = sheets.find((each) => each.sheet === 'Các CĐCS')!.data as unknown[][];
      const header = unions[0] as string[];
      const row = unions.find((each) => each[0] === 'CĐCS Công ty Điện tử Trảng Bàng')!;
      const at = (label: string) => row[header.indexOf(label)];
      expect(at('Công đoàn cấp trên')).toBe('Công đoàn phường An Tịnh');
      expect(at('Số buổi đối thoại')).toBe(3);
      expect(at('Trong đó: đoàn viên nữ')).toBe(41);
      expect(at('Đoàn viên kết nạp mới trong kỳ')).toBe(17);
      expect(at('Số lượt người tham dự')).toBe(230);
      expect(at('Số được kết nạp Đảng')).toBe(2);
      expect(at('Số đơn đã giải quyết')).toBe(8);
      expect(at('Đã tổ chức hội nghị người lao động?')).toBe('Có');
      // The totals count the commune's CĐCS too: 4 + 3 sessions.
      expect(unions.at(-1)![header.indexOf('Số buổi đối thoại')]).toBe(7);
      const summary = new Map(sheets.find((each) => each.sheet === 'Tổng hợp')!.data.slice(1).map((each) => [String(each[0]), each[1]]));
      expect(summary.get('Số buổi đối thoại')).toBe(7);
      expect(summary.get('Số công đoàn cơ sở')).toBe(5);

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      const text = await readFile((await csv.path())!, 'utf8');
      const line = text.split('\r\n').find((each) => each.startsWith('CĐCS Công ty Điện tử Trảng Bàng,'))!;
      expect(line).toContain(',Công đoàn phường An Tịnh,Đã gửi,');
      const csvHeader = text.split('\r\n')[0]!;
      expect(csvHeader).toContain('"Số buổi tuyên truyền, quán triệt"');
      expect(line.split(',')).toEqual(expect.arrayContaining(['41', '17', '230', 'Có']));
    } finally {
      await context.close();
    }
  });
});
