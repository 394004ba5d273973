/**
 * Issue 22 end to end, in Chromium on the production build served by the real server (SQLite): the
 * province's admin uploads a form written as a spreadsheet in this test and publishes it, opens a round
 * of this year naming it; an officer's phone (360 px) enrolled for a CĐCS of the province pulls the
 * round and its form, fills the report offline (a rule's message beside its field, then fixed), marks it
 * ready and sends it once back online; the admin reads its rows by label and returns it, the phone fixes
 * two rows and sends again, the admin sees the change by the row's label and accepts it; the province's
 * roll-up of the form adds it to a second CĐCS's report (sent by a device through the API), on the
 * screen and in the downloaded .xlsx, in the form's order; the phone prints the form's table. Nothing
 * is written to any page's console, and no Content-Security-Policy refusal.
 */
import readXlsxFile from 'read-excel-file/node';
import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatIsoDate } from '../../src/app/i18n/format';
import { vietnamDate } from '../../src/domain/calendar';
import { formRows } from '../../src/domain/forms/definition';
import { formFromSheets } from '../../src/domain/forms/spreadsheet';
import { pushStored, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { exampleForm, xlsxOf } from '../server/formWorkbooks';
import { newPhoneContext } from './support/accessibility';
import { openControlledPage, waitForText, watchConsoleErrors, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fieldValue, fillAndWaitSaved, reportIdOf } from './support/officerApp';
import { signInStaff } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORM_ID = 'bao-cao-nam-tinh';
const TITLE = 'Báo cáo công tác công đoàn năm của tỉnh Thử Nghiệm';

/** docs/forms.md's example, under this test's code and a title of its own. */
function provinceForm() {
  return exampleForm({
    code: FORM_ID,
    change: (sheets) => {
      sheets.cai_dat[1]![sheets.cai_dat[0]!.indexOf('ten_bieu_mau')] = TITLE;
    },
  });
}

it('uploads and publishes a spreadsheet form, opens a round on it, fills it offline on a phone, sends, is returned and resends, is accepted, rolls it up, exports and prints it', async () => {
  const sheets = provinceForm();
  const read = formFromSheets(sheets);
  if (!read.ok) throw new Error('the example form does not read');
  const definition = read.definition;
  // This year's report, due in ten days (Vietnam's calendar, as the app counts).
  const year = Math.min(Number(vietnamDate(Date.now()).slice(0, 4)), 2035);
  const deadline = vietnamDate(Date.now() + 10 * 86_400_000);
  const roundTitle = `Báo cáo công tác công đoàn năm ${year}`;

  const admin = await server.staffSession();
  const { code } = await server.createUnionWithCode({ name: 'CĐCS Công ty May Thử Nghiệm' });
  // A second CĐCS, under a commune union, whose device sends its report through the API.
  const commune = await server.createNode({ name: 'Công đoàn xã Bến Củi' });
  const other = await server.createUnion('CĐCS Công ty Mía đường Bến Củi', commune.id);
  const otherDevice = await server.enrolDevice({ unionId: other.id });

  const desk = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const phone = await newPhoneContext(browser);
  try {
    const staffPage = await desk.newPage();
    const staffCsp = watchCspViolations(staffPage);
    const staffErrors = watchConsoleErrors(staffPage);

    // (1) Upload the spreadsheet form and publish it, on the forms screen.
    await signInStaff(staffPage, server.url, admin);
    await staffPage.getByTestId('node-forms-link').click();
    await staffPage.getByTestId('form-file').setInputFiles({ name: 'bao-cao-nam.xlsx', mimeType: XLSX, buffer: await xlsxOf(sheets) });
    await staffPage.getByTestId('form-upload-submit').click();
    const line = staffPage.locator(`[data-testid="form-line"][data-code="${FORM_ID}"]`);
    await line.and(staffPage.locator('[data-status="draft"]')).waitFor();
    await staffPage.getByTestId('form-publish').click();
    await staffPage.getByTestId('form-publish-confirm').click();
    await line.and(staffPage.locator('[data-status="published"]')).waitFor();
    expect(await staffPage.getByTestId('forms-notice').innerText()).toBe(`Đã ban hành “${TITLE}”, phiên bản 1.`);

    // (2) A round of this year naming the form, on the rounds panel of the province's screen.
    await staffPage.goto(`${server.url}/#/staff/node/${server.root.id}`);
    await staffPage.getByTestId('staff-year').selectOption(String(year));
    const panel = staffPage.getByTestId('rounds-panel');
    const choice = panel.getByTestId('round-form-choice');
    // The published form joins the built-in ones once the node's forms are read.
    await choice.locator('option', { hasText: TITLE }).waitFor({ state: 'attached' });
    await choice.selectOption(`${FORM_ID}@1`);
    await panel.getByTestId('round-title').fill(roundTitle);
    await panel.getByTestId('round-plan').fill('Hướng dẫn của LĐLĐ tỉnh Thử Nghiệm');
    await panel.getByTestId('round-from').fill(`01/12/${year - 1}`);
    await panel.getByTestId('round-to').fill(`30/11/${year}`);
    await panel.getByTestId('round-deadline').fill(formatIsoDate(deadline));
    await panel.getByTestId('round-submit').click();
    const round = panel.locator('[data-testid="staff-round"]', { has: staffPage.locator(`[data-testid="round-form"][data-form-id="${FORM_ID}"]`) });
    await round.waitFor();
    expect(await round.getByTestId('round-form').innerText()).toContain(`Mẫu: ${TITLE}`);

    // (3) The phone enrols, pulls the round and its form, then fills the report offline.
    const { page, cspViolations: phoneCsp } = await openControlledPage(phone, server.url);
    const phoneErrors = watchConsoleErrors(page);
    // Two pulls follow the enrolment: the sync engine's first cycle and the one the list makes when it
    // opens (once the browser is idle). The phone goes offline only after both, since one cut short
    // would leave Chromium's own line on the console.
    let pulls = 0;
    const bothPulls = new Promise<void>((resolve) => {
      phone.on('requestfinished', (request) => {
        if (request.method() === 'GET' && request.url().startsWith(`${server.url}/api/reports`) && ++pulls === 2) resolve();
      });
    });
    await enrolThroughScreen(page, { serverUrl: server.url, code });
    await page.goto(`${server.url}/#/`);
    const due = page.locator(`[data-testid="due-round"][data-form="${FORM_ID}"][data-period="${year}-yearly"]`);
    await waitForText(due.getByTestId('due-round-form'), `Mẫu báo cáo: ${TITLE}`);

    await bothPulls;
    await page.locator('[data-testid="sync-panel"][data-state="idle"]').waitFor();
    await phone.setOffline(true);
    await due.getByTestId('due-round-create').click();
    await page.getByTestId('form-report-editor').waitFor();
    expect(await page.getByTestId('form-title').innerText()).toBe(TITLE);
    const reportId = reportIdOf(page.url());
    /** The report's card on the phone's list once the superior's reply has come (“Kiểm tra phản hồi”). */
    const phoneCardAt = async (id: string, stage: string) => {
      await page.getByTestId('nav-reports').click();
      await page.getByTestId('check-replies').click();
      const card = page.locator(`[data-testid="report-item"][data-report-id="${id}"]`);
      await card.locator(`[data-testid="report-standing"][data-stage="${stage}"]`).waitFor();
      return card;
    };

    // The membership block, then the form's own rows.
    await fillAndWaitSaved(page, { 'membership.workers': '1200', 'membership.members': '1000' });
    await page.getByTestId('section-section-1').click();
    await fillAndWaitSaved(page, { 'values.TONG_LD': '1200', 'values.LD_NU': '1500' });
    await waitForText(page.getByTestId('issue-values.LD_NU'), '“– Trong đó: nữ” không được lớn hơn “Tổng số lao động” (1.200).');
    expect(await page.getByTestId('field-values.LD_NU').getAttribute('aria-invalid')).toBe('true');
    await fillAndWaitSaved(page, { 'values.LD_NU': '650', 'values.LD_KY_HDLD': '1000' });
    await page.getByTestId('issue-values.LD_NU').waitFor({ state: 'detached' });
    await fillAndWaitSaved(page, { 'values.LUONG_BQ': '7500000', 'values.LUONG_SO_NGUOI': '1000' });
    expect(await fieldValue(page, 'values.TONG_LD')).toBe('1.200');
    expect(await fieldValue(page, 'values.LUONG_BQ')).toBe('7.500.000');
    // The ratio row is worked out on the phone from its two rows.
    expect(await page.getByTestId('field-values.TY_LE_HDLD').innerText()).toBe('83,3 %');
    await page.getByTestId('section-section-2').click();
    await page.getByTestId('field-values.CO_TULDTT-yes').check();
    await fillAndWaitSaved(page, { 'values.NGAY_KY_TULDTT': `15/03/${year}`, 'values.SO_CUOC_THUONG_LUONG': '2' });

    // Ready: the last step says nothing stops it, and the one primary action marks it.
    await page.getByTestId('section-review').click();
    await page.locator('.notice-ok').waitFor();
    await page.getByTestId('primary-action').click();
    await page.locator('.editor-head [data-testid="report-standing"][data-locked="true"]').waitFor();

    // Back online, the report goes; the card says the superior has it.
    await phone.setOffline(false);
    await page.locator('.editor-head [data-testid="report-standing"][data-stage="sent"]').waitFor();

    // (4) The review: the form's rows by label with their values; accepted.
    await staffPage.goto(`${server.url}/#/staff/report/${reportId}`);
    const values = staffPage.getByTestId('report-form-values');
    await values.waitFor();
    expect(await values.getAttribute('data-form-id')).toBe(FORM_ID);
    const reviewRow = (rowCode: string) => values.locator(`[data-testid="report-form-row"][data-code="${rowCode}"]`);
    expect(await reviewRow('TONG_LD').innerText()).toContain('Tổng số lao động');
    expect(await reviewRow('TONG_LD').getByTestId('report-form-value').innerText()).toBe('1.200');
    expect(await reviewRow('LD_NU').getByTestId('report-form-value').innerText()).toBe('650');
    expect(await reviewRow('CO_TULDTT').getByTestId('report-form-value').innerText()).toBe('Có');

    // Returned with a comment; the phone fixes the rows it names and sends again.
    await staffPage.getByLabel('Nhận xét').fill('Đề nghị bổ sung số kiến nghị qua thương lượng.');
    await staffPage.getByTestId('review-return').click();
    await staffPage.locator('[data-testid="review-decision"][data-status="returned"]').waitFor();
    const returnedCard = await phoneCardAt(reportId, 'returned');
    const fix = returnedCard.getByTestId('primary-action');
    expect(await fix.innerText()).toBe('Sửa và gửi lại');
    await fix.click();
    await page.locator('.editor-head [data-testid="report-standing"][data-stage="fixing"]').waitFor();
    await page.getByTestId('section-section-2').click();
    await fillAndWaitSaved(page, { 'values.KIEN_NGHI_NEU': '5', 'values.KIEN_NGHI_DAT': '4' });
    await page.getByTestId('primary-action').click();
    await page.locator('.editor-head [data-testid="report-standing"][data-stage="resent"]').waitFor();

    // The reviewer sees what changed since the return, by the rows' labels, and accepts.
    await staffPage.reload();
    const diff = staffPage.getByTestId('revision-diff');
    await diff.waitFor();
    // The rows' labels come with the form's definition, its own request: until then a row has no label.
    await values.waitFor();
    await waitForText(diff.locator('[data-testid="diff-line"][data-path="values.KIEN_NGHI_NEU"] th'), '10. Số kiến nghị nêu ra');
    expect(await diff.locator('[data-testid="diff-line"][data-path="values.KIEN_NGHI_NEU"]').innerText()).toBe('10. Số kiến nghị nêu ra\t—\t5');
    expect(await reviewRow('KIEN_NGHI_DAT').getByTestId('report-form-value').innerText()).toBe('4');
    await staffPage.getByTestId('review-accept').click();
    await staffPage.locator('[data-testid="review-decision"][data-status="accepted"]').waitFor();
    await phoneCardAt(reportId, 'accepted');

    // (5) A second CĐCS's report of the same form, as its device sends it; then the province's roll-up.
    await pushStored(
      server,
      otherDevice,
      readyReport({
        period: { year, kind: 'yearly' },
        form: { id: FORM_ID, version: 1 },
        values: { TONG_LD: 300, LD_NU: 100, LD_KY_HDLD: 200, LUONG_BQ: 6_000_000, LUONG_SO_NGUOI: 250, CO_TULDTT: false, SO_CUOC_THUONG_LUONG: 1 },
      }),
    );
    await staffPage.goto(`${server.url}/#/staff/node/${server.root.id}`);
    await staffPage.getByTestId('staff-year').selectOption(String(year));
    await round.getByTestId('round-rollup-link').click();
    const rollup = staffPage.locator('[data-testid="form-rollup"][data-loaded="true"]');
    await rollup.waitFor();
    expect(await rollup.getByTestId('form-rollup-column').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-node-id')))).toEqual([
      server.root.id,
      commune.id,
    ]);
    expect(await rollup.getByTestId('form-rollup-reach').allInnerTexts()).toEqual(['2/2 CĐCS', '1/1 CĐCS']);
    const codes = formRows(definition).map((row) => row.code);
    expect(await rollup.getByTestId('form-rollup-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')))).toEqual(codes);
    const cells = (rowCode: string) => rollup.locator(`[data-testid="form-rollup-row"][data-code="${rowCode}"] [data-testid="form-rollup-cell"]`).allInnerTexts();
    expect(await cells('TONG_LD')).toEqual(['1.500', '300']);
    expect(await cells('LD_NU')).toEqual(['750', '100']);
    expect(await cells('SO_CUOC_THUONG_LUONG')).toEqual(['3', '1']);
    expect(await cells('TY_LE_HDLD')).toEqual(['80,0 %', '66,7 %']);
    // Weighted by the people counted: (7 500 000 × 1 000 + 6 000 000 × 250) ÷ 1 250.
    expect(await cells('LUONG_BQ')).toEqual(['7.200.000', '6.000.000']);
    // How many CĐCS said yes.
    expect(await cells('CO_TULDTT')).toEqual(['1', '0']);

    // (6) The roll-up as a spreadsheet: the rows in the form's order, with the province's totals.
    const [download] = await Promise.all([staffPage.waitForEvent('download'), rollup.getByTestId('form-rollup-download').click()]);
    expect(download.suggestedFilename()).toBe(`tong-hop-${FORM_ID}-${year}-yearly.xlsx`);
    const workbook = (await readXlsxFile((await download.path())!)) as { sheet: string; data: unknown[][] }[];
    const table = workbook[0]!.data.filter((row) => typeof row[1] === 'string' && codes.includes(row[1]));
    expect(table.map((row) => row[1])).toEqual(codes);
    const totals = (rowCode: string) => table.find((row) => row[1] === rowCode)!.slice(4);
    expect(totals('TONG_LD')).toEqual([1500, 300]);
    expect(totals('LD_NU')).toEqual([750, 100]);
    expect(totals('SO_CUOC_THUONG_LUONG')).toEqual([3, 1]);
    expect(totals('TY_LE_HDLD')).toEqual([0.8, 200 / 300]);
    expect(totals('LUONG_BQ')).toEqual([7_200_000, 6_000_000]);
    expect(totals('CO_TULDTT')).toEqual([1, 0]);

    // (7) The phone prints the report: the form's table, row by row in its order.
    await page.goto(`${server.url}/#/print/${reportId}`);
    await page.locator(`[data-testid="print-screen"][data-report-id="${reportId}"]`).waitFor();
    const printed = page.getByTestId('form-table');
    await printed.waitFor();
    const printedRows = await printed.getByTestId('form-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const figureRows = formRows(definition).filter((row) => row.kind !== 'shortText' && row.kind !== 'longText');
    expect(printedRows.map((row) => row[1])).toEqual(figureRows.map((row) => row.label));
    expect(printedRows[0]).toEqual(['1', 'Tổng số lao động', 'người', '1.200']);
    expect(printedRows.find((row) => row[1] === 'Tiền lương bình quân tháng của 1 người lao động')?.[3]).toBe('7.500.000');
    expect(printedRows.find((row) => row[1] === 'Đã ký thỏa ước lao động tập thể?')?.[3]).toBe('Có');
    expect(printedRows.find((row) => row[1] === 'Ngày ký thỏa ước lao động tập thể')?.[3]).toBe(`15/03/${year}`);

    expect(staffErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    expect(staffCsp).toEqual([]);
    expect(phoneCsp).toEqual([]);
  } finally {
    await phone.close();
    await desk.close();
  }
});
