/**
 * A province's admin authors a report form as a spreadsheet, in Chromium on the production build
 * served by the real server (SQLite): the first upload has one mistake, named in the problems table by
 * sheet, row and column; the mended one is kept as a draft and previewed as the officer's phone shows
 * it (a 360 px frame, the phone's field for a row, a broken rule said beside the field as figures are
 * typed); publishing asks first; the
 * published form downloads as the .xlsx that reads back as the same form. Nothing is written to the
 * console but the browser's own line for the expected 422 of the first upload.
 */
import readXlsxFile from 'read-excel-file/node';
import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { formFromSheets, type SheetCell } from '../../src/domain/forms/spreadsheet';
import { startTestServer, type TestServer } from '../server/helpers';
import { exampleForm, setRowCell, xlsxOf } from '../server/formWorkbooks';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

it('uploads a form with a mistake, sees it named, uploads the mended one, previews, publishes and downloads it', async () => {
  const admin = await server.staffSession();
  const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    await signInStaff(page, server.url, admin);
    await page.getByTestId('node-forms-link').click();
    await page.locator('[data-testid="form-line"][data-code="mau-1-hdcd"]').waitFor();

    const file = page.getByTestId('form-file');
    const wrong = await xlsxOf(exampleForm({ change: (sheets) => setRowCell(sheets, 7, 'kieu', 'so_luong') }));
    await file.setInputFiles({ name: 'bao-cao-nam.xlsx', mimeType: XLSX, buffer: wrong });
    await page.getByTestId('form-upload-submit').click();
    const problem = page.getByTestId('form-problem');
    await problem.waitFor();
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('td').allInnerTexts()).toEqual([
      'chi_tieu',
      '7',
      'kieu',
      '“so_luong” không phải là một kiểu; dùng một trong: so, tien, co_khong, ngay, chu, van_ban, khoi_doan_vien, khoi_doi_thoai.',
    ]);
    expect(await page.getByTestId('form-problems').locator('thead th').allInnerTexts()).toEqual(['Trang', 'Dòng', 'Cột', 'Vấn đề']);

    const sheets = exampleForm();
    await file.setInputFiles({ name: 'bao-cao-nam.xlsx', mimeType: XLSX, buffer: await xlsxOf(sheets) });
    await page.getByTestId('form-upload-submit').click();
    await page.locator('[data-testid="form-line"][data-code="bao-cao-nam-tinh"][data-status="draft"]').waitFor();
    expect(await page.getByTestId('form-problems').count()).toBe(0);
    const preview = page.getByTestId('form-preview');
    await preview.waitFor();
    const expected = formFromSheets(sheets);
    if (!expected.ok) throw new Error('the example does not read');
    const codes = expected.definition.sections.flatMap((section) => (section.kind === 'rows' ? section.rows.map((row) => row.code) : []));
    expect(await preview.getByTestId('form-preview-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')))).toEqual(codes);
    expect(await preview.getByTestId('form-preview-section').count()).toBe(expected.definition.sections.length);
    // The rows' table (codes, roll-up, rules: what the phone does not show) opens under the phone.
    await preview.getByTestId('form-preview-rows').locator('summary').click();
    expect(await preview.locator('[data-code="TY_LE_HDLD"] td').allInnerTexts()).toContain('Tỷ lệ Σ LD_KY_HDLD ÷ Σ TONG_LD (tự tính)');

    // Above all, the draft as the officer's phone will show it: a 360 px frame, the sections as steps,
    // the phone's own field for a row, and the rules speaking beside the field as figures are typed.
    const phone = preview.getByTestId('phone-frame');
    expect(await preview.getByTestId('phone-preview-note').innerText()).toBe('Xem trước: số liệu nhập ở đây không được lưu.');
    expect(await phone.evaluate((frame) => frame.clientWidth)).toBe(360);
    expect(await phone.locator('.section-chips .chip').count()).toBe(expected.definition.sections.length + 1);
    expect(await phone.getByTestId('unionization-rate').innerText()).toBe('—');
    await phone.getByTestId('section-section-1').click();
    const total = phone.getByTestId('field-values.TONG_LD');
    expect(await phone.locator('label[for="f-values-TONG_LD"]').innerText()).toBe('1. Tổng số lao động (người) (bắt buộc)');
    expect(await total.getAttribute('inputmode')).toBe('numeric');
    await total.fill('1000');
    const women = phone.getByTestId('field-values.LD_NU');
    await women.fill('1200');
    await women.blur();
    const beside = phone.getByTestId('issue-values.LD_NU');
    await beside.waitFor();
    expect(await beside.innerText()).toBe('“– Trong đó: nữ” không được lớn hơn “Tổng số lao động” (1.000).');
    expect(await women.getAttribute('aria-invalid')).toBe('true');
    // vi-VN numbers as on the phone: the figure is tidied when the field is left.
    expect(await total.inputValue()).toBe('1.000');
    expect(await phone.getByTestId('section-section-1').getAttribute('class')).toContain('chip-error');

    await expectNoSeriousAxeViolations(page, 'the forms screen with a draft previewed');

    await page.getByTestId('form-publish').click();
    await page.getByTestId('form-publish-confirm').click();
    await page.locator('[data-testid="form-line"][data-code="bao-cao-nam-tinh"][data-status="published"]').waitFor();
    expect(await page.getByTestId('forms-notice').innerText()).toBe('Đã ban hành “Báo cáo công tác công đoàn năm (ví dụ)”, phiên bản 1.');
    expect(await page.getByTestId('form-publish').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="form-line"][data-code="bao-cao-nam-tinh"]').getByTestId('form-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('bao-cao-nam-tinh-v1.xlsx');
    const read = (await readXlsxFile((await download.path())!)) as { sheet: string; data: SheetCell[][] }[];
    expect(formFromSheets(Object.fromEntries(read.map(({ sheet, data }) => [sheet, data])))).toStrictEqual(expected);

    // The only console line is Chromium's own for the refused first upload.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    expect(csp).toEqual([]);
  } finally {
    await context.close();
  }
});
