/**
 * "Tải bảng CSV": the period overview as a CSV file the district passes upward (LĐLĐ tỉnh). Excel
 * opens a UTF-8 file as Vietnamese only when it starts with a byte-order mark, so the text starts
 * with U+FEFF. Fields are quoted as RFC 4180 says; lines end with CRLF; numbers are written plainly
 * (`1234`, rates `85.3`) so a spreadsheet reads them as numbers in any locale.
 */
import type { OverviewTotals } from './overview';
import { rateOf } from './overview';
import type { StaffMessages } from './messages';
import type { UnionOverview } from '../../domain/staff';

export const CSV_BOM = '\uFEFF';

export interface CsvLabels {
  headers: {
    name: string;
    code: string;
    workers: string;
    members: string;
    rate: string;
    target: string;
    standing: string;
    dialogues: string;
  };
  met: string;
  notMet: string;
  standing: Record<UnionOverview['standing'], string>;
  totalRow: string;
}

/** One field, quoted when it holds a comma, a quote, a line break, or starts with a formula sign. */
export function csvField(value: string | number | null): string {
  if (value == null) return '';
  let text = String(value);
  // A name starting with = + - @ would run as a formula in Excel: prefix an apostrophe (OWASP advice).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A rate 0.8531 as `85.3` (percent, one decimal, rounded as the target is judged). */
function ratePercent(rate: number | null): string {
  return rate == null ? '' : (Math.round(rate * 1000) / 10).toFixed(1);
}

function targetLabel(meets: boolean | null, labels: CsvLabels): string {
  return meets == null ? '' : meets ? labels.met : labels.notMet;
}

/**
 * A cell of the overview table, typed so that each file writes it its own way: the CSV plainly, the
 * workbook (src/app/staff/export) as text, a number, or a percentage. `code` is text that keeps its leading zeros.
 */
export type OverviewCell =
  | { kind: 'text'; value: string }
  | { kind: 'code'; value: string }
  | { kind: 'count'; value: number | null }
  | { kind: 'rate'; value: number | null };

export interface OverviewTable {
  header: string[];
  rows: OverviewCell[][];
  totals: OverviewCell[];
}

const text = (value: string): OverviewCell => ({ kind: 'text', value });
const count = (value: number | null): OverviewCell => ({ kind: 'count', value });

/** The overview's columns, one row per union and the totals row: the CSV and the workbook both write this. */
export function overviewTable(unions: readonly UnionOverview[], totals: OverviewTotals, labels: CsvLabels): OverviewTable {
  const h = labels.headers;
  const rows = unions.map((union): OverviewCell[] => {
    const { rate, meetsTarget } = rateOf(union);
    return [
      text(union.name),
      { kind: 'code', value: union.code ?? '' },
      count(union.report?.workers ?? null),
      count(union.report?.members ?? null),
      { kind: 'rate', value: rate },
      text(targetLabel(meetsTarget, labels)),
      text(labels.standing[union.standing]),
      count(union.report?.dialogueSessions ?? null),
    ];
  });
  return {
    header: [h.name, h.code, h.workers, h.members, h.rate, h.target, h.standing, h.dialogues],
    rows,
    totals: [
      text(labels.totalRow),
      { kind: 'code', value: '' },
      count(totals.workers),
      count(totals.members),
      { kind: 'rate', value: totals.rate },
      text(targetLabel(totals.meetsTarget, labels)),
      text(''),
      count(totals.dialogues),
    ],
  };
}

function csvCell(cell: OverviewCell): string | number | null {
  return cell.kind === 'rate' ? ratePercent(cell.value) : cell.value;
}

export function buildOverviewCsv(unions: readonly UnionOverview[], totals: OverviewTotals, labels: CsvLabels): string {
  const table = overviewTable(unions, totals, labels);
  const rows: (string | number | null)[][] = [table.header, ...[...table.rows, table.totals].map((row) => row.map(csvCell))];
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name that says which period it holds: `bao-cao-cdcs-2025-yearly.csv`. */
export function csvFileName(year: number, kind: string): string {
  return `bao-cao-cdcs-${year}-${kind}.csv`;
}

/** The CSV's words in the dashboard's language. */
export function csvLabels(m: StaffMessages): CsvLabels {
  return { headers: m.columns, met: m.met, notMet: m.notMet, standing: m.standing, totalRow: m.overview.total };
}
