/**
 * "Tải bảng Excel": the period overview as an .xlsx workbook the upper-level union passes upward.
 * Three sheets: the summary, one line per CĐCS (the CSV's own columns, src/app/staff/csv.ts), and
 * the dialogue sessions per CĐCS. Numbers are stored as numbers, rates as fractions with a percentage
 * format (Excel in Vietnamese shows `84,8%`), codes as text so `007` stays `007`; the header row is
 * frozen and every column has a width. The writer (write-excel-file, with fflate) is loaded only by
 * `downloadWorkbook`, through a dynamic import, when the staff member asks for the file.
 *
 * The by-kind figures are the server's `report.dialogueSessionsByKind` (counts of `document.dialogues`
 * by `kind`); the summary sheet adds them over the CĐCS that reported, as it adds the sessions.
 */
import type { PeriodOverview } from '../../../domain/staff';
import { DIALOGUE_KINDS, type DialogueKind } from '../../../domain/report';
import { overviewTable, type CsvLabels, type OverviewCell } from '../csv';
import { hasNotReported, overviewTotals } from '../overview';
import type { Cell, Row, Sheet } from 'write-excel-file/universal';

/** Excel's built-in look of 84.8 %: one decimal; a Vietnamese Excel writes the comma. */
export const RATE_FORMAT = '0.0%';
export const COUNT_FORMAT = '#,##0';

export interface WorkbookLabels {
  sheets: { summary: string; unions: string; dialogues: string };
  summaryHeader: [string, string];
  summary: {
    period: string;
    unions: string;
    reported: string;
    notReported: string;
    accepted: string;
    returned: string;
    workers: string;
    members: string;
    rate: string;
    meetingTarget: string;
    belowTarget: string;
    dialogues: string;
  };
  dialogueHeader: { code: string; name: string; total: string };
  dialogueKinds: Record<DialogueKind, string>;
  union: CsvLabels;
}

/**
 * The Vietnamese sheet and row names; the unions sheet takes the dashboard's own column labels and the
 * dialogue kinds the app's (`t.dialogueKinds`).
 */
export function workbookLabels(union: CsvLabels, dialogueKinds: Record<DialogueKind, string>): WorkbookLabels {
  return {
    sheets: { summary: 'Tổng hợp', unions: 'Các CĐCS', dialogues: 'Đối thoại' },
    summaryHeader: ['Chỉ tiêu', 'Số liệu'],
    summary: {
      period: 'Kỳ báo cáo',
      unions: 'Số công đoàn cơ sở',
      reported: 'Đã báo cáo',
      notReported: 'Chưa báo cáo',
      accepted: 'Đã chấp nhận',
      returned: 'Bị trả lại',
      workers: 'Tổng số CNVCLĐ',
      members: 'Tổng số đoàn viên',
      rate: 'Tỷ lệ tập hợp (đoàn viên ÷ CNVCLĐ)',
      meetingTarget: 'Số CĐCS đạt chỉ tiêu 80 %',
      belowTarget: 'Số CĐCS dưới 80 %',
      dialogues: 'Tổng số cuộc tiếp xúc, đối thoại',
    },
    dialogueHeader: { code: 'Mã', name: 'Công đoàn cơ sở', total: 'Tổng số cuộc' },
    dialogueKinds,
    union,
  };
}

const bold = { fontWeight: 'bold' as const };
const header = (labels: string[]): Row => labels.map((value) => ({ value, type: String, ...bold, wrap: true }));

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

const widths = (...values: number[]): { width: number }[] => values.map((width) => ({ width }));

/** The three sheets, as data: pure, so tests read the same workbook the browser writes. */
export function workbookSheets(overview: PeriodOverview, periodLabel: string, labels: WorkbookLabels): Sheet<never>[] {
  const totals = overviewTotals(overview.unions);
  const table = overviewTable(overview.unions, totals, labels.union);
  const s = overview.summary;
  const l = labels.summary;
  const belowTarget = overview.unions.filter((union) => union.report && !(union.standing === 'missing' || union.standing === 'draft') && union.report.meetsTarget === false).length;
  const number = (value: number): Cell => ({ value, type: Number, format: COUNT_FORMAT });

  const reported = overview.unions.filter((union) => union.report && !hasNotReported(union));
  const kindTotals = DIALOGUE_KINDS.map((kind) => reported.reduce((sum, union) => sum + union.report!.dialogueSessionsByKind[kind], 0));
  const summaryRows: Row[] = [
    header([...labels.summaryHeader]),
    [l.period, periodLabel],
    [l.unions, number(s.unions)],
    [l.reported, number(s.reported)],
    [l.notReported, number(s.notReported)],
    [l.accepted, number(s.accepted)],
    [l.returned, number(s.returned)],
    [l.workers, number(s.workers)],
    [l.members, number(s.members)],
    [l.rate, s.unionizationRate == null ? null : { value: s.unionizationRate, type: Number, format: RATE_FORMAT }],
    [l.meetingTarget, number(s.meetingTarget)],
    [l.belowTarget, number(belowTarget)],
    [l.dialogues, number(totals.dialogues)],
    ...DIALOGUE_KINDS.map((kind, index): Row => [`  ${labels.dialogueKinds[kind]}`, number(kindTotals[index]!)]),
  ].map((row) => row.map((cell) => (typeof cell === 'string' ? { value: cell, type: String } : cell)));

  const unionRows: Row[] = [header(table.header), ...table.rows.map((row) => row.map((cell) => cellOf(cell, false))), table.totals.map((cell) => cellOf(cell, true))];

  const d = labels.dialogueHeader;
  const dialogueRows: Row[] = [
    header([d.code, d.name, d.total, ...DIALOGUE_KINDS.map((kind) => labels.dialogueKinds[kind])]),
    ...overview.unions
      .filter((union) => union.report)
      .map((union): Row => [
        { value: union.code ?? '', type: String },
        { value: union.name, type: String },
        number(union.report!.dialogueSessions),
        ...DIALOGUE_KINDS.map((kind) => number(union.report!.dialogueSessionsByKind[kind])),
      ]),
  ];

  return [
    { data: summaryRows, sheet: labels.sheets.summary, columns: widths(40, 24), stickyRowsCount: 1 },
    { data: unionRows, sheet: labels.sheets.unions, columns: widths(42, 12, 14, 14, 14, 12, 18, 16), stickyRowsCount: 1 },
    { data: dialogueRows, sheet: labels.sheets.dialogues, columns: widths(12, 42, 14, 20, 20, 22, 20, 12), stickyRowsCount: 1 },
  ];
}

/** `bao-cao-cdcs-2025-yearly.xlsx`, like the CSV's name. */
export function workbookFileName(year: number, kind: string): string {
  return `bao-cao-cdcs-${year}-${kind}.xlsx`;
}

/** The workbook as a Blob; the writer is fetched on first use only. */
export async function buildWorkbook(overview: PeriodOverview, periodLabel: string, labels: WorkbookLabels): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  return writeXlsxFile(workbookSheets(overview, periodLabel, labels)).toBlob();
}

/** Builds the workbook and hands it to the browser as a download. */
export async function downloadWorkbook(overview: PeriodOverview, periodLabel: string, labels: WorkbookLabels): Promise<void> {
  const blob = await buildWorkbook(overview, periodLabel, labels);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = workbookFileName(overview.period.year, overview.period.kind);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
