/**
 * The period table of a form round follows the form's chosen columns (issue 22, domain/forms/tableColumns.ts),
 * in Chromium on the production build served by the real server (SQLite): a province's form chooses
 * four rows (a sum, a ratio, a weighted mean, a count of yes), a round asks for it, two of three CĐCS of
 * a commune union send it; the commune's node screen shows those rows as sortable headers (as printed,
 * with their units), each CĐCS's figures in vi-VN and the totals row added up by each row's roll-up,
 * and the charts draw the same columns by CĐCS, the form's reports received per day and its roll-up
 * across the years. When the commune opens its own Plan 94 round for the same
 * period, the screen asks which form to show, and the table and the charts follow the choice.
 * Nothing is written to the console.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { vietnamDate } from '../../src/domain/calendar';
import type { FormDefinition } from '../../src/domain/forms/definition';
import type { ReportDocument } from '../../src/domain/report';
import { rollupTestForm, storeTestForm } from '../server/formRollupFixtures';
import { PAST_ROUND, pushStored, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { watchConsoleErrors, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { staffRequest, useStaffSession } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const YEAR = PAST_ROUND.period.year;
const CHOSEN = ['TONG_LD', 'TY_LE_DV', 'LUONG_TB', 'CHI_TIEU_8'];

function formWithColumns(): FormDefinition {
  const form = rollupTestForm('bang-cot-thu', 8);
  for (const section of form.sections) if (section.kind === 'rows') for (const row of section.rows) if (CHOSEN.includes(row.code)) row.tableColumn = true;
  return form;
}

let commune: string;
let unions: { a1: string; a2: string; a3: string };

beforeAll(async () => {
  const form = formWithColumns();
  await storeTestForm(server.store, form, server.root.id);
  const province = await server.staffSession({ role: 'reviewer' });
  await staffRequest(server.url, province.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, { ...PAST_ROUND, form: { id: form.id, version: form.version } });
  commune = (await server.createNode({ name: 'Công đoàn phường An Tịnh' })).id;
  const a1 = await server.createUnion('CĐCS Công ty May An Tịnh', commune);
  const a2 = await server.createUnion('CĐCS Công ty Giày An Hòa', commune);
  const a3 = await server.createUnion('CĐCS Trường Tiểu học An Tịnh', commune);
  unions = { a1: a1.id, a2: a2.id, a3: a3.id };
  const report = (values: ReportDocument['values']) => readyReport({ period: { year: YEAR, kind: 'yearly' }, form: { id: form.id, version: form.version }, values });
  await pushStored(server, await server.enrolDevice({ unionId: a1.id }), report({ TONG_LD: 120, DOAN_VIEN: 90, LUONG_TB: 7_500_000, CHI_TIEU_8: true }));
  await pushStored(server, await server.enrolDevice({ unionId: a2.id }), report({ TONG_LD: 80, DOAN_VIEN: 70, LUONG_TB: 6_000_000, CHI_TIEU_8: false }));
});

it("shows the form's chosen columns, each CĐCS's figures and the totals by roll-up, and sorts by a chosen column", async () => {
  const reviewer = await server.staffSession({ nodeId: commune, role: 'reviewer' });
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    const errors = watchConsoleErrors(page);
    await useStaffSession(page, reviewer.headers);
    await page.goto(`${server.url}/#/staff/node/${commune}`);
    await page.getByTestId('staff-year').selectOption(String(YEAR));
    const table = page.locator(`[data-testid="overview-table"][data-period="${YEAR}-yearly"]`);
    // The round's form is known once its rounds are read: then the table is the form's.
    await table.getByTestId('sort-row-TONG_LD').waitFor();

    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers.map((text) => text.trim())).toEqual([
      'Công đoàn cơ sở ▲',
      'Mã',
      '1. Tổng số lao động (người)',
      '3. Tỷ lệ đoàn viên trên lao động (%)',
      '4. Tiền lương bình quân (đồng)',
      '8. Có tổ chức hoạt động 8 không (CĐCS)',
      'Tình trạng báo cáo',
      'Gửi lần cuối',
      'Hạn nộp',
    ]);
    const row = (unionId: string) => table.locator(`[data-testid="union-row"][data-union-id="${unionId}"] [data-testid="union-column"]`).allInnerTexts();
    expect(await row(unions.a1)).toEqual(['120', '75,0 %', '7.500.000', 'Có']);
    expect(await row(unions.a2)).toEqual(['80', '87,5 %', '6.000.000', 'Không']);
    expect(await row(unions.a3)).toEqual(['', '', '', '']);
    // Σ workers; Σ members ÷ Σ workers; the wage weighted by the workers; the CĐCS answering yes.
    expect(await table.locator('[data-testid="staff-total"] [data-testid="total-column"]').allInnerTexts()).toEqual(['200', '80,0 %', '6.900.000', '1']);

    const order = () => table.getByTestId('union-row').evaluateAll((rows) => rows.map((each) => each.getAttribute('data-union-id')));
    expect(await order()).toEqual([unions.a2, unions.a1, unions.a3]);
    const rateHeader = table.locator('th', { has: page.getByTestId('sort-row-TY_LE_DV') });
    await page.getByTestId('sort-row-TY_LE_DV').click();
    await table.locator('th[aria-sort="ascending"]', { has: page.getByTestId('sort-row-TY_LE_DV') }).waitFor();
    await page.waitForFunction(([first]) => document.querySelector('[data-testid="union-row"]')?.getAttribute('data-union-id') === first, [unions.a1]);
    expect(await order()).toEqual([unions.a1, unions.a2, unions.a3]);
    await page.getByTestId('sort-row-TY_LE_DV').click();
    await table.locator('th[aria-sort="descending"]', { has: page.getByTestId('sort-row-TY_LE_DV') }).waitFor();
    await page.waitForFunction(([first]) => document.querySelector('[data-testid="union-row"]')?.getAttribute('data-union-id') === first, [unions.a2]);
    expect(await order()).toEqual([unions.a2, unions.a1, unions.a3]);
    expect(await rateHeader.getAttribute('aria-sort')).toBe('descending');

    // The charts follow the form: a chart per chosen column, its figures as the table's, sorted by the figure.
    const chart = (code: string) => page.locator(`[data-testid="chart-form-column"][data-code="${code}"]`);
    await chart('CHI_TIEU_8').getByTestId('chart-form-column-summary').waitFor();
    expect(await page.getByTestId('chart-form-column').evaluateAll((figures) => figures.map((figure) => figure.getAttribute('data-code')))).toEqual(CHOSEN);
    expect(await chart('TONG_LD').getByTestId('chart-form-column-summary').innerText()).toBe('2 CĐCS đã báo cáo; tổng hợp: 200.');
    expect(await chart('TY_LE_DV').getByTestId('chart-form-column-summary').innerText()).toBe('2 CĐCS đã báo cáo; tổng hợp: 80,0 %.');
    await chart('TY_LE_DV').locator('summary').click();
    expect(await chart('TY_LE_DV').getByTestId('chart-form-column-line').allInnerTexts()).toEqual(['CĐCS Công ty Giày An Hòa\t87,5 %', 'CĐCS Công ty May An Tịnh\t75,0 %']);
    await chart('TONG_LD').getByTestId('chart-form-column-canvas').locator('canvas').waitFor();
    expect(await page.getByTestId('chart-rates').count()).toBe(0);
    // The receipts are the form's reports (no Plan 94 report came in), the years the form's roll-up at the commune.
    expect(await page.getByTestId('chart-daily-summary').innerText()).toMatch(/^Đã nhận 2 báo cáo; nhiều nhất ngày \d{2}\/\d{2}\/\d{4} \(2 báo cáo\)\./);
    // The round was opened today for a deadline long past: the note names each day as it is, not swapped.
    const [deadlineYear, deadlineMonth, deadlineDay] = PAST_ROUND.deadline.split('-');
    expect(await page.getByTestId('chart-daily-summary').innerText()).toMatch(
      new RegExp(`Kỳ báo cáo mở ngày ${vietnamDate(new Date()).split('-').reverse().join('/')}, hạn nộp ${deadlineDay}/${deadlineMonth}/${deadlineYear}\\.$`),
    );
    const years = page.getByTestId('chart-form-years');
    await years.getByTestId('chart-form-years-canvas').locator('canvas').waitFor();
    expect(await years.locator('figcaption').innerText()).toBe('1. Tổng số lao động (người) qua các năm');
    expect(await years.getByTestId('chart-form-years-summary').innerText()).toBe(
      `Tổng số lao động năm ${YEAR}: 200. Chưa có báo cáo năm ${[YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1].join(', ')}.`,
    );
    await years.locator('summary').click();
    expect(await years.getByTestId('chart-form-years-line').allInnerTexts()).toEqual([
      ...[YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1].map((year) => `${year}\t0\t—\t—\t—\t—`),
      `${YEAR}\t2\t200\t80,0 %\t6.900.000\t1`,
    ]);
    expect(await page.getByTestId('chart-years').count()).toBe(0);

    // Plan 94's CSV and workbook would list other figures: the form's spreadsheet is its roll-up's.
    expect(await page.getByTestId('download-csv').count()).toBe(0);
    await page.getByTestId('table-form-rollup').click();
    await page.locator('[data-testid="form-rollup"][data-loaded="true"]').waitFor();
    expect(page.url()).toContain(`/forms/bang-cot-thu/rollup/${YEAR}/yearly`);

    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  } finally {
    await context.close();
  }
});

it('asks which form to show when the period has rounds of two forms, and the table and charts follow the choice', async () => {
  const communeReviewer = await server.staffSession({ nodeId: commune, role: 'reviewer' });
  // The commune's own round of the same period asks for Plan 94: the nearest round, so the first choice.
  await staffRequest(server.url, communeReviewer.headers, 'POST', `/api/staff/nodes/${commune}/rounds`, { ...PAST_ROUND, title: 'Báo cáo năm của phường' });
  await pushStored(server, await server.enrolDevice({ unionId: unions.a3 }), readyReport({ period: { year: YEAR, kind: 'yearly' } }));
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    const errors = watchConsoleErrors(page);
    await useStaffSession(page, communeReviewer.headers);
    await page.goto(`${server.url}/#/staff/node/${commune}`);
    await page.getByTestId('staff-year').selectOption(String(YEAR));
    const choice = page.getByTestId('table-form');
    await choice.waitFor();
    expect(await choice.locator('option').allInnerTexts()).toEqual(['Báo cáo năm của phường', PAST_ROUND.title]);
    const table = (form: string) => page.locator(`[data-testid="overview-table"][data-period="${YEAR}-yearly"][data-form="${form}"][aria-busy="false"]`);
    // Plan 94 first: its fixed columns, the one CĐCS that sent Plan 94's report.
    await table('ke-hoach-94').getByTestId('sort-workers').waitFor();
    await page.getByTestId('chart-rates').waitFor();
    expect(await page.getByTestId('chart-daily-summary').innerText()).toMatch(/^Đã nhận 1 báo cáo;/);
    expect(await page.getByTestId('download-csv').count()).toBe(1);

    // Sorted by a column of Plan 94's, then the form chosen: the form's columns, sorted by name again.
    await page.getByTestId('sort-workers').click();
    await table('ke-hoach-94').locator('th[aria-sort="ascending"]', { has: page.getByTestId('sort-workers') }).waitFor();
    await choice.selectOption('bang-cot-thu');
    await table('bang-cot-thu').getByTestId('sort-row-TONG_LD').waitFor();
    expect(await table('bang-cot-thu').locator('th[aria-sort="ascending"]').innerText()).toBe('Công đoàn cơ sở ▲');
    expect(await table('bang-cot-thu').locator('[data-testid="staff-total"] [data-testid="total-column"]').allInnerTexts()).toEqual(['200', '80,0 %', '6.900.000', '1']);
    await page.locator('[data-testid="chart-form-column"][data-code="TONG_LD"]').getByTestId('chart-form-column-summary').waitFor();
    expect(await page.getByTestId('chart-rates').count()).toBe(0);
    // The receipts follow the choice: the form's two reports, not Plan 94's one.
    expect(await page.getByTestId('chart-daily-summary').innerText()).toMatch(/^Đã nhận 2 báo cáo;/);
    await page.getByTestId('chart-form-years-summary').waitFor();

    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  } finally {
    await context.close();
  }
});

it("draws a form's rate chart and years from its own reports when the form shows the membership block's columns", async () => {
  // A province form with the membership block and one row of its own, no column chosen: the table shows the heart columns.
  const form: FormDefinition = {
    id: 'khoi-doan-vien',
    version: 1,
    title: 'Báo cáo đoàn viên giữa kỳ',
    status: 'published',
    sections: [
      { kind: 'block', title: 'Đoàn viên và lao động', block: 'membership' },
      {
        kind: 'rows',
        title: 'Hoạt động',
        rows: [{ code: 'SO_HOI_NGHI', label: 'Số hội nghị người lao động', kind: 'count', unit: 'cuộc', required: false, rollUp: { kind: 'sum' }, rules: [] }],
      },
    ],
  };
  await storeTestForm(server.store, form, server.root.id);
  const ward = (await server.createNode({ name: 'Công đoàn phường Hòa Thành' })).id;
  const province = await server.staffSession({ role: 'reviewer' });
  await staffRequest(server.url, province.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, {
    ...PAST_ROUND,
    period: { year: YEAR, kind: 'interim' },
    title: 'Báo cáo sơ kết giữa nhiệm kỳ',
    form: { id: form.id, version: form.version },
  });
  const sent = async (name: string, workers: number, members: number) => {
    const union = await server.createUnion(name, ward);
    const report = readyReport({ period: { year: YEAR, kind: 'interim' }, form: { id: form.id, version: form.version }, values: { SO_HOI_NGHI: 1 } });
    report.membership.workers = workers;
    report.membership.members = members;
    await pushStored(server, await server.enrolDevice({ unionId: union.id }), report);
  };
  await sent('CĐCS Công ty Dệt Hòa Thành', 200, 150);
  await sent('CĐCS Công ty Gỗ Hòa Thành', 100, 95);
  // A Plan 94 report of the ward's for the year: not the form's, so in none of its charts.
  await pushStored(server, await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Trường Mầm non Hòa Thành', ward)).id }), readyReport({ period: { year: YEAR, kind: 'yearly' } }));

  const reviewer = await server.staffSession({ nodeId: ward, role: 'reviewer' });
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    const errors = watchConsoleErrors(page);
    await useStaffSession(page, reviewer.headers);
    await page.goto(`${server.url}/#/staff/node/${ward}`);
    await page.getByTestId('staff-year').selectOption(String(YEAR));
    await page.getByTestId('staff-kind').selectOption('interim');
    await page.locator(`[data-testid="overview-table"][data-period="${YEAR}-interim"][data-form="${form.id}"][aria-busy="false"]`).getByTestId('sort-workers').waitFor();

    // The rate chart is the form's: its two CĐCS (75 % under the target, 95 % above), not the Plan 94 report.
    const rates = page.getByTestId('chart-rates');
    await rates.getByTestId('chart-rates-canvas').locator('canvas').waitFor();
    expect(await rates.getByTestId('chart-rates-summary').innerText()).toBe('2 CĐCS đã báo cáo tỷ lệ; 1 CĐCS dưới 80 %. Dưới chỉ tiêu: CĐCS Công ty Dệt Hòa Thành (75,0 %).');
    expect(await page.getByTestId('chart-daily-summary').innerText()).toMatch(/^Đã nhận 2 báo cáo;/);
    // The years: each half-year's table totals of the form, 245 of 300.
    const years = page.getByTestId('chart-years');
    await years.getByTestId('chart-years-canvas').locator('canvas').waitFor();
    expect(await years.getByTestId('chart-years-summary').innerText()).toBe(`Tỷ lệ tập hợp năm ${YEAR}: 81,7 %. Chưa có báo cáo năm ${[YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1].join(', ')}.`);
    expect(await page.getByTestId('chart-form-column').count()).toBe(0);

    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  } finally {
    await context.close();
  }
});
