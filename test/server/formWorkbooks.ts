/**
 * Spreadsheets of forms as a province writes them, for the server's form tests: sheets of cells (the
 * documented example of docs/forms.md, changed by a test) written to a real .xlsx with write-excel-file.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { SheetCell } from '../../src/domain/forms/spreadsheet';
import { exampleSheets } from '../domain/forms/fixtures';

export type FormSheetsToWrite = Record<string, SheetCell[][]>;

export async function xlsxOf(sheets: FormSheetsToWrite): Promise<Buffer> {
  return writeXlsxFile(
    Object.entries(sheets).map(([sheet, rows]) => ({ sheet, data: rows.map((row) => row.map((value) => (value == null ? null : { value }))) })),
  ).toBuffer();
}

/** docs/forms.md's example under another code and version, with `change` applied to its sheets. */
export function exampleForm(options: { code?: string; version?: number; change?: (sheets: ReturnType<typeof exampleSheets>) => void } = {}) {
  const sheets = exampleSheets();
  const settings = sheets.cai_dat;
  const column = (name: string) => settings[0]!.indexOf(name);
  settings[1]![column('ma_bieu_mau')] = options.code ?? 'bao-cao-nam-tinh';
  settings[1]![column('phien_ban')] = options.version ?? 1;
  options.change?.(sheets);
  return sheets;
}

/** Sets the cell of the rows sheet at the spreadsheet's row number (1 is the header) and a column's name. */
export function setRowCell(sheets: ReturnType<typeof exampleSheets>, line: number, column: string, value: SheetCell): void {
  sheets.chi_tieu[line - 1]![sheets.chi_tieu[0]!.indexOf(column)] = value;
}
