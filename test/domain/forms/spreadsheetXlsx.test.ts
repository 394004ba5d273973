/**
 * A form through a real .xlsx file: written with write-excel-file (the exports' writer) and read with
 * read-excel-file (its pair, the reader the app and the server are to use for uploads), then parsed.
 * The domain never sees the file: only the sheets of cell values the reader gives.
 */
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import type { FormDefinition } from '../../../src/domain/forms/definition';
import { formFromSheets, formToSheets, problemText, type FormSheets, type SheetCell } from '../../../src/domain/forms/spreadsheet';
import { exampleSheets } from './fixtures';

async function throughXlsx(sheets: Record<string, SheetCell[][]>): Promise<FormSheets> {
  const file = await writeXlsxFile(
    Object.entries(sheets).map(([sheet, rows]) => ({ sheet, data: rows.map((row) => row.map((value) => (value == null ? null : { value }))) })),
  ).toBuffer();
  const read = (await readXlsxFile(file)) as { sheet: string; data: SheetCell[][] }[];
  return Object.fromEntries(read.map(({ sheet, data }) => [sheet, data]));
}

function definitionOf(sheets: FormSheets): FormDefinition {
  const result = formFromSheets(sheets);
  if (!result.ok) throw new Error(result.problems.map(problemText).join('\n'));
  return result.definition;
}

describe('a form in a real .xlsx file', () => {
  it.each([MAU_1_HDCD_FORM, PLAN94_FORM])('downloads and uploads again as the same form: $id', async (form) => {
    expect(definitionOf(await throughXlsx(formToSheets(form)))).toStrictEqual({ ...form, status: 'draft' });
  });

  it('reads the documented example written by a spreadsheet program', async () => {
    expect(definitionOf(await throughXlsx(exampleSheets()))).toStrictEqual(definitionOf(exampleSheets()));
  });

  it('names a mistake by the row and column the spreadsheet program shows', async () => {
    const sheets = exampleSheets();
    sheets.chi_tieu[6]![sheets.chi_tieu[0]!.indexOf('kieu')] = 'so_luong';
    const result = formFromSheets(await throughXlsx(sheets));
    expect(result.ok ? [] : result.problems.map(problemText)).toEqual([
      "Trang 'chi_tieu', dòng 7, cột 'kieu': “so_luong” không phải là một kiểu; dùng một trong: so, tien, co_khong, ngay, chu, van_ban, khoi_doan_vien, khoi_doi_thoai.",
    ]);
  });
});
