/**
 * "Tải bảng Excel": the period's CĐCS of the node's whole subtree (as the table's filters keep them) as
 * an .xlsx workbook the upper-level union passes upward. Three sheets: the summary (totals over the
 * rows listed, every figure of the report), one line per CĐCS (the CSV's own columns,
 * src/app/staff/csv.ts: its superior and every figure), and the dialogue sessions per CĐCS. Numbers are stored as numbers, rates as fractions with a percentage
 * format (Excel in Vietnamese shows `84,8%`), codes as text so `007` stays `007`; the header row is
 * frozen and every column has a width. The writer (write-excel-file, with fflate) is loaded only by
 * `downloadWorkbook`, through a dynamic import, when the staff member asks for the file.
 *
 * The figures are the server's (`scope=subtree` lines carry each report's every figure); the summary
 * sheet adds them over the listed CĐCS that reported, as the "Tổng cộng" row does.
 */
import type { ReportPeriod } from '../../../domain/period';
import type { UnionOverview } from '../../../domain/staff';
import { DIALOGUE_KINDS, type DialogueKind } from '../../../domain/report';
import { overviewTable, type CsvLabels, type OverviewCell } from '../csv';
import { hasNotReported, rateOf } from '../overview';
import type { Cell, Row, Sheet } from 'write-excel-file/universal';

/** Excel's built-in look of 84.8 %: one decimal; a Vietnamese Excel writes the comma. */
export const RATE_FORMAT = '0.0%';
export const COUNT_FORMAT = '#,##0';

export interface WorkbookLabels {
  sheets: { summary: string; unions: string; dialogues: string };
  summaryHeader: [string, string];
  summary: {
    period: string;
    scope: string;
    unions: string;
    reported: string;
    notReported: string;
    accepted: string;
    returned: string;
    meetingTarget: string;
    belowTarget: string;
  };
  dialogueHeader: { code: string; name: string; total: string };
  dialogueKinds: Record<DialogueKind, string>;
  union: CsvLabels;
}

/**
 * The Vietnamese sheet and row names; the unions sheet takes the CSV's columns (the dashboard's and the
 * officer form's labels) and the dialogue kinds the app's (`t.dialogueKinds`).
 */
export function workbookLabels(union: CsvLabels, dialogueKinds: Record<DialogueKind, string>): WorkbookLabels {
  return {
    sheets: { summary: 'Tổng hợp', unions: 'Các CĐCS', dialogues: 'Đối thoại' },
    summaryHeader: ['Chỉ tiêu', 'Số liệu'],
    summary: {
      period: 'Kỳ báo cáo',
      scope: 'Phạm vi',
      unions: 'Số công đoàn cơ sở',
      reported: 'Đã báo cáo',
      notReported: 'Chưa báo cáo',
      accepted: 'Đã chấp nhận',
      returned: 'Bị trả lại',
      meetingTarget: 'Số CĐCS đạt chỉ tiêu 80 %',
      belowTarget: 'Số CĐCS dưới 80 %',
    },
    dialogueHeader: { code: 'Mã', name: 'Công đoàn cơ sở', total: 'Tổng số cuộc' },
    dialogueKinds,
    union,
  };
}

const bold = { fontWeight: 'bold' as const };
/** A sheet's header row: bold, wrapped (the audit log's workbook uses it too). */
export const header = (labels: string[]): Row => labels.map((value) => ({ value, type: String, ...bold, wrap: true }));

function cellOf(cell: OverviewCell, isTotal: boolean): Cell {
  const style = isTotal ? bold : {};
  switch (cell.kind) {
    case 'text':
    case 'code':
      return { value: cell.value, type: String, ...style };
    case 'count':
      return cell.value == null ? null : { value: cell.value, type: Number, format: COUNT_FORMAT, ...style };
    case 'rate':
      return cell.value == null ? null : { value: cell.value, type: Number, format: RATE_FORMAT, ...style };
  }
}

export const widths = (...values: number[]): { width: number }[] => values.map((width) => ({ width }));

/** What the workbook holds: the period's CĐCS the filters keep, and a sentence saying which those are. */
export interface WorkbookContent {
  unions: readonly UnionOverview[];
  /** True when the table's filters keep only some CĐCS: the totals say so. */
  filtered: boolean;
  /** "Tất cả CĐCS thuộc …" or the filters in words, on the summary sheet. */
  scope: string;
}

/**
 * The three sheets, as data: pure, so tests read the same workbook the browser writes. Every total (the
 * summary sheet and the "Tổng cộng" row) is over `content.unions` only, the rows the workbook lists.
 */
export function workbookSheets(content: WorkbookContent, periodLabel: string, labels: WorkbookLabels): Sheet<never>[] {
  const { unions } = content;
  const table = overviewTable(unions, labels.union, content.filtered);
  const l = labels.summary;
  const reported = unions.filter((union) => union.report && !hasNotReported(union));
  const number = (value: number): Cell => ({ value, type: Number, format: COUNT_FORMAT });
  const rateJudged = reported.map((union) => rateOf(union).meetsTarget);
  const summaryRows: Row[] = [
    header([...labels.summaryHeader]),
    [l.period, periodLabel],
    [l.scope, content.scope],
    [l.unions, number(unions.length)],
    [l.reported, number(reported.length)],
    [l.notReported, number(unions.length - reported.length)],
    [l.accepted, number(unions.filter((union) => union.standing === 'accepted').length)],
    [l.returned, number(unions.filter((union) => union.standing === 'returned').length)],
    [l.meetingTarget, number(rateJudged.filter((meets) => meets === true).length)],
    [l.belowTarget, number(rateJudged.filter((meets) => meets === false).length)],
    // Every figure of the report, totalled as the "Tổng cộng" row totals it.
    ...table.header.slice(FIRST_FIGURE_COLUMN).map((label, index): Row => [label, cellOf(table.totals[FIRST_FIGURE_COLUMN + index]!, false)]),
  ].map((row) => row.map((cell) => (typeof cell === 'string' ? { value: cell, type: String } : cell)));

  const unionRows: Row[] = [header(table.header), ...table.rows.map((row) => row.map((cell) => cellOf(cell, false))), table.totals.map((cell) => cellOf(cell, true))];

  const d = labels.dialogueHeader;
  const dialogueRows: Row[] = [
    header([d.code, d.name, d.total, ...DIALOGUE_KINDS.map((kind) => labels.dialogueKinds[kind])]),
    ...unions
      .filter((union) => union.report)
      .map((union): Row => [
        { value: union.code ?? '', type: String },
        { value: union.name, type: String },
        number(union.report!.dialogueSessions),
        ...DIALOGUE_KINDS.map((kind) => number(union.report!.dialogueSessionsByKind[kind])),
      ]),
  ];

  return [
    { data: summaryRows, sheet: labels.sheets.summary, columns: widths(50, 30), stickyRowsCount: 1 },
    { data: unionRows, sheet: labels.sheets.unions, columns: widths(42, 12, 32, 18, ...table.header.slice(FIRST_FIGURE_COLUMN).map(() => 16)), stickyRowsCount: 1 },
    { data: dialogueRows, sheet: labels.sheets.dialogues, columns: widths(12, 42, 14, 20, 20, 22, 20, 12), stickyRowsCount: 1 },
  ];
}

/** The union's name, code, superior and standing come before its figures. */
const FIRST_FIGURE_COLUMN = 4;

/** `bao-cao-cdcs-2025-yearly.xlsx`, like the CSV's name. */
export function workbookFileName(year: number, kind: string): string {
  return `bao-cao-cdcs-${year}-${kind}.xlsx`;
}

/** The workbook as a Blob; the writer is fetched on first use only. */
export async function buildWorkbook(content: WorkbookContent, periodLabel: string, labels: WorkbookLabels): Promise<Blob> {
  return sheetsToXlsx(workbookSheets(content, periodLabel, labels));
}

/** Builds the workbook and hands it to the browser as a download. */
export async function downloadWorkbook(content: WorkbookContent, period: ReportPeriod, periodLabel: string, labels: WorkbookLabels): Promise<void> {
  saveFile(await buildWorkbook(content, periodLabel, labels), workbookFileName(period.year, period.kind));
}

/** Sheets as an .xlsx Blob; the writer is fetched on first use only. */
export async function sheetsToXlsx(sheets: Sheet<never>[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  return writeXlsxFile(sheets).toBlob();
}

/** Hands a file to the browser as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
