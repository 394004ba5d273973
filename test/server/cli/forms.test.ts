/**
 * `admin import-form` and `admin export-form` as a province's script runs them: a spreadsheet with a
 * mistake is refused with every problem named in Vietnamese by sheet, row and column (exit status 1,
 * nothing kept); the mended one is kept and published; the published form is written back to a file
 * that reads as the same form.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import type { FormVersion } from '../../../src/domain/forms/catalogue';
import { formFromSheets, type SheetCell } from '../../../src/domain/forms/spreadsheet';
import { exampleForm, setRowCell, xlsxOf } from '../formWorkbooks';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-cli-forms-'));

function admin(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
}

describe('admin import-form and export-form', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names every problem of a spreadsheet, keeps and publishes the mended one, and writes it back as the same form', async () => {
    await admin('create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh', '--code', 'TN');
    const wrong = join(dataDir, 'sai.xlsx');
    writeFileSync(wrong, await xlsxOf(exampleForm({ change: (sheets) => setRowCell(sheets, 7, 'kieu', 'so_luong') })));
    const refused = await admin('import-form', wrong, '--node', 'TN').then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stdout).toBe('');
    expect(refused?.stderr.split('\n').slice(1)).toEqual([
      'Tệp biểu mẫu có 1 lỗi; chưa lưu gì:',
      "  Trang 'chi_tieu', dòng 7, cột 'kieu': “so_luong” không phải là một kiểu; dùng một trong: so, tien, co_khong, ngay, chu, van_ban, khoi_doan_vien, khoi_doi_thoai.",
      '',
    ]);

    const right = join(dataDir, 'dung.xlsx');
    writeFileSync(right, await xlsxOf(exampleForm()));
    const stored = await admin('import-form', right, '--node', 'TN', '--publish', '--json');
    const form = JSON.parse(stored.stdout) as FormVersion;
    expect(form.form).toMatchObject({ code: 'bao-cao-nam-tinh', version: 1, status: 'published', createdBy: 'admin', publishedBy: 'admin' });

    const out = join(dataDir, 'tai-ve.xlsx');
    const exported = await admin('export-form', 'bao-cao-nam-tinh', '1', '--to', out);
    expect(exported.stdout).toBe(`Đã ghi biểu mẫu bao-cao-nam-tinh phiên bản 1 vào "${out}".\n`);
    const sheets = (await readXlsxFile(out)) as { sheet: string; data: SheetCell[][] }[];
    expect(formFromSheets(Object.fromEntries(sheets.map(({ sheet, data }) => [sheet, data])))).toStrictEqual({
      ok: true,
      definition: { ...form.definition, status: 'draft' },
    });
    // Each tsx child takes seconds on a busy machine; the limit only bounds a hang.
  }, 120_000);
});
