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

export function buildOverviewCsv(unions: readonly UnionOverview[], totals: OverviewTotals, labels: CsvLabels): string {
  const h = labels.headers;
  const rows: (string | number | null)[][] = [[h.name, h.code, h.workers, h.members, h.rate, h.target, h.standing, h.dialogues]];
  for (const union of unions) {
    const { rate, meetsTarget } = rateOf(union);
    rows.push([
      union.name,
      union.code ?? '',
      union.report?.workers ?? null,
      union.report?.members ?? null,
      ratePercent(rate),
      targetLabel(meetsTarget, labels),
      labels.standing[union.standing],
      union.report?.dialogueSessions ?? null,
    ]);
  }
  rows.push([
    labels.totalRow,
    '',
    totals.workers,
    totals.members,
    ratePercent(totals.rate),
    targetLabel(totals.meetsTarget, labels),
    '',
    totals.dialogues,
  ]);
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
