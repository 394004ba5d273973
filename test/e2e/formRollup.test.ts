/**
 * A province reviewer works with a form other than Plan 94 (issue 22), in Chromium on the production
 * build served by the real server (SQLite): opens a round on Mẫu 1-HĐCĐ and one on Plan 94 for the same
 * period and sees each named by its form, goes
 * from the round to the form's roll-up (the province's total, a column per commune union, how many CĐCS
 * reported in each, the spreadsheet), and reads one CĐCS's report as the form's rows, with the change of
 * its second send named by the row's label. Nothing is written to the console.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../src/domain/forms/builtin/mau1HDCD';
import type { ReportDocument } from '../../src/domain/report';
import type { NodeRound } from '../../src/domain/round';
import { pushStored, readyReport, startTestServer, type EnrolledDevice, type TestServer } from '../server/helpers';
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

const YEAR = 2025;
const MAU_1 = { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version };

interface Scene {
  communeA: string;
  communeB: string;
  /** Commune A's first CĐCS: its report, its device and the revision to push the next send on. */
  reportA1: ReportDocument;
  deviceA1: EnrolledDevice;
  revisionA1: string;
}
let scene: Scene;

function mau1Report(values: ReportDocument['values']): ReportDocument {
  return readyReport({ period: { year: YEAR, kind: 'yearly' }, form: MAU_1, values });
}

beforeAll(async () => {
  // The province → two commune unions (their names sort An Tịnh first) → CĐCS, and one CĐCS straight under the province.
  const communeA = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
  const communeB = await server.createNode({ name: 'Công đoàn xã Bến Củi' });
  const a1 = await server.createUnion('CĐCS Công ty May An Tịnh', communeA.id);
  const a2 = await server.createUnion('CĐCS Công ty Giày An Hòa', communeA.id);
  // The third CĐCS of commune A sends nothing: 2 of 3 reported there.
  await server.createUnion('CĐCS Trường Tiểu học An Tịnh', communeA.id);
  const b1 = await server.createUnion('CĐCS Công ty Mía đường Bến Củi', communeB.id);
  const p1 = await server.createUnion('CĐCS Bệnh viện Đa khoa tỉnh', server.root.id);

  const deviceA1 = await server.enrolDevice({ unionId: a1.id });
  const reportA1 = mau1Report({ TONG_LD: 120, LD_NU: 45, LUONG_BINH_QUAN: 7_500_000, LUONG_SO_NGUOI: 100 });
  const revisionA1 = await pushStored(server, deviceA1, reportA1);
  await pushStored(server, await server.enrolDevice({ unionId: a2.id }), mau1Report({ TONG_LD: 80, LD_NU: 30, LUONG_BINH_QUAN: 6_000_000, LUONG_SO_NGUOI: 50 }));
  await pushStored(server, await server.enrolDevice({ unionId: b1.id }), mau1Report({ TONG_LD: 300, LD_NU: 200 }));
  await pushStored(server, await server.enrolDevice({ unionId: p1.id }), mau1Report({ TONG_LD: 50 }));
  scene = { communeA: communeA.id, communeB: communeB.id, reportA1, deviceA1, revisionA1 };
});

it('opens a round on Mẫu 1-HĐCĐ, reads its roll-up by commune union and downloads it, then reads a CĐCS’s report by the form', async () => {
  const reviewer = await server.staffSession({ role: 'reviewer' });
  const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const csp = watchCspViolations(page);
    const errors = watchConsoleErrors(page);
    await useStaffSession(page, reviewer.headers);
    await page.goto(`${server.url}/#/staff/node/${server.root.id}`);
    await page.getByTestId('staff-year').selectOption(String(YEAR));
    await page.locator(`[data-testid="overview-table"][data-period="${YEAR}-yearly"]`).waitFor();

    // The round names its form: the choice offers the built-in ones, Plan 94 first.
    const panel = page.getByTestId('rounds-panel');
    const choice = panel.getByTestId('round-form-choice');
    await choice.locator('option', { hasText: MAU_1_HDCD_FORM.title }).waitFor({ state: 'attached' });
    expect(await choice.locator('option').allInnerTexts()).toEqual(expect.arrayContaining([MAU_1_HDCD_FORM.title]));
    expect(await choice.inputValue()).toBe('ke-hoach-94@1');
    await choice.selectOption('mau-1-hdcd@1');
    await panel.getByTestId('round-title').fill('Báo cáo hoạt động công đoàn cơ sở năm 2025');
    await panel.getByTestId('round-submit').click();
    await panel.getByTestId('staff-round').waitFor();
    const round = panel.locator('[data-testid="staff-round"]', { has: page.locator(`[data-testid="round-form"][data-form-id="${MAU_1.id}"]`) });
    expect(await round.getByTestId('round-form').innerText()).toContain(`Mẫu: ${MAU_1_HDCD_FORM.title}`);
    // A second round of the period, on Plan 94 (the form left to choose): both show, each with its form.
    await panel.getByTestId('round-open-another').locator('summary').click();
    expect(await panel.getByTestId('round-form-choice').locator('option').allInnerTexts()).not.toContain(MAU_1_HDCD_FORM.title);
    await panel.getByTestId('round-title').fill('Báo cáo năm 2025 theo Kế hoạch 94');
    await panel.getByTestId('round-submit').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="staff-round"]').length === 2);
    const forms = await panel.getByTestId('round-form').allInnerTexts();
    expect(forms).toHaveLength(2);
    expect(forms).toEqual(expect.arrayContaining([expect.stringContaining(`Mẫu: ${MAU_1_HDCD_FORM.title}`), expect.stringContaining('Mẫu: Kế hoạch 94/KH-LĐLĐ')]));
    const { rounds } = await staffRequest<{ rounds: NodeRound[] }>(server.url, reviewer.headers, 'GET', `/api/staff/nodes/${server.root.id}/rounds`);
    expect(rounds.map((r) => r.form?.id ?? 'ke-hoach-94').sort()).toEqual(['ke-hoach-94', MAU_1.id]);

    // From the round to its form's roll-up for the period.
    await round.getByTestId('round-rollup-link').click();
    const rollup = page.locator('[data-testid="form-rollup"][data-loaded="true"]');
    await rollup.waitFor();
    expect(page.url()).toContain(`/forms/${MAU_1.id}/rollup/${YEAR}/yearly`);
    expect(await rollup.getByTestId('form-rollup-column').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-node-id')))).toEqual([
      server.root.id,
      scene.communeA,
      scene.communeB,
    ]);
    expect(await rollup.getByTestId('form-rollup-reach').allInnerTexts()).toEqual(['4/5 CĐCS', '2/3 CĐCS', '1/1 CĐCS']);
    const cells = (code: string) => rollup.locator(`[data-testid="form-rollup-row"][data-code="${code}"] [data-testid="form-rollup-cell"]`).allInnerTexts();
    expect(await cells('TONG_LD')).toEqual(['550', '200', '300']);
    expect(await cells('LD_NU')).toEqual(['275', '75', '200']);
    // Weighted by the people counted: (7 500 000 × 100 + 6 000 000 × 50) ÷ 150; commune B gave none.
    expect(await cells('LUONG_BINH_QUAN')).toEqual(['7.000.000', '7.000.000', '—']);
    expect(await rollup.getByTestId('form-rollup-heading').count()).toBe(MAU_1_HDCD_FORM.sections.length);
    expect(await rollup.getByTestId('form-rollup-row').count()).toBe(MAU_1_HDCD_FORM.sections.flatMap((s) => (s.kind === 'rows' ? s.rows : [])).length);

    const [download] = await Promise.all([page.waitForEvent('download'), rollup.getByRole('link', { name: 'Tải bảng tổng hợp (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe(`tong-hop-${MAU_1.id}-${YEAR}-yearly.xlsx`);
    const file = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    // An .xlsx is a zip archive.
    expect(Buffer.concat(chunks).subarray(0, 2).toString('latin1')).toBe('PK');

    // A second send of A1's report: the review shows its rows, and the change named by the row's label.
    const second = structuredClone(scene.reportA1);
    second.values = { ...second.values, TONG_LD: 125 };
    second.valueNotes = { TONG_LD: 'Tuyển thêm 5 người' };
    second.updatedAt = new Date().toISOString();
    await pushStored(server, scene.deviceA1, second, scene.revisionA1);
    await page.goto(`${server.url}/#/staff/report/${scene.reportA1.id}`);
    const values = page.getByTestId('report-form-values');
    await values.waitFor();
    expect(await values.getAttribute('data-form-id')).toBe(MAU_1.id);
    const value = (code: string) => values.locator(`[data-testid="report-form-row"][data-code="${code}"] [data-testid="report-form-value"]`).innerText();
    expect(await value('TONG_LD')).toBe('125');
    expect(await value('LUONG_BINH_QUAN')).toBe('7.500.000');
    expect(await value('NO_LUONG')).toBe('—');
    expect(await values.locator('[data-testid="report-form-row"][data-code="TONG_LD"]').innerText()).toContain('Giải trình: Tuyển thêm 5 người');
    const diff = page.getByTestId('revision-diff');
    await diff.waitFor();
    expect(await diff.locator('[data-testid="diff-line"][data-path="values.TONG_LD"]').innerText()).toBe('1. Tổng số lao động\t120\t125');
    expect(await diff.locator('[data-testid="diff-line"][data-path="valueNotes.TONG_LD"] th').innerText()).toBe('1. Tổng số lao động — giải trình');

    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  } finally {
    await context.close();
  }
});
