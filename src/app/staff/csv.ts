/**
 * "Tải bảng CSV": the period's CĐCS of the node's whole subtree, as the table's filters keep them, with
 * every figure of their reports, as a CSV file the upper-level union passes upward. Excel opens a UTF-8
 * file as Vietnamese only when it starts with a byte-order mark, so the text starts with U+FEFF. Fields
 * are quoted as RFC 4180 says; lines end with CRLF; numbers are written plainly (`1234`, rates `85.3`)
 * so a spreadsheet reads them as numbers in any locale.
 *
 * The columns (`overviewTable`, which the workbook writes too): the union, its code, the upper-level
 * union it is under, its standing, then the report's figures in the officer form's order and with the
 * form's own labels (membership with the rate, the dialogue sessions by kind, then every other section).
 */
import { DIALOGUE_KINDS, type DialogueKind } from '../../domain/report';
import {
  DIALOGUE_FIGURE_FIELDS,
  MEMBERSHIP_FIGURE_FIELDS,
  SECTION_FIGURE_FIELDS,
  YES_NO_FIGURE_FIELDS,
  type DialogueFigureField,
  type DocumentFigureField,
} from '../../domain/reportFigures';
import type { UnionOverview } from '../../domain/staff';
import type { Messages } from '../i18n';
import type { StaffMessages } from './messages';
import { hasNotReported, overviewTotals, rateOf, type OverviewTotals } from './overview';

export const CSV_BOM = '\uFEFF';

export interface CsvLabels {
  headers: {
    name: string;
    code: string;
    superior: string;
    rate: string;
    target: string;
    standing: string;
    dialogues: string;
  };
  /** The form's labels of the document's figures (`t.fields`). */
  fields: Record<DocumentFigureField, string>;
  /** The form's labels of a dialogue session's figures, summed over the sessions. */
  dialogueFields: Record<DialogueFigureField, string>;
  dialogueKinds: Record<DialogueKind, string>;
  yes: string;
  no: string;
  met: string;
  notMet: string;
  standing: Record<UnionOverview['standing'], string>;
  totalRow: string;
  /** The totals row when the table's filters keep only some CĐCS. */
  filteredTotalRow: string;
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

/**
 * The figures of a line: the server's every figure of the document (`scope=subtree`), else what the
 * line itself carries (workers, members, sessions by kind).
 */
function figuresOf(union: UnionOverview) {
  const report = union.report;
  const figures = report?.figures;
  return {
    field: (path: DocumentFigureField): number | boolean | null =>
      figures ? figures.fields[path] : path === 'membership.workers' ? (report?.workers ?? null) : path === 'membership.members' ? (report?.members ?? null) : null,
    dialogue: (field: DialogueFigureField): number | null => figures?.dialogues[field] ?? null,
    sessions: report?.dialogueSessions ?? null,
    byKind: (kind: DialogueKind): number | null => (report ? report.dialogueSessionsByKind[kind] : null),
  };
}

const isYesNo = (path: DocumentFigureField) => YES_NO_FIGURE_FIELDS.includes(path);

/** A column after the union's own: its header, how a line fills it, and its total over the lines that reported. */
interface FigureColumn {
  header: string;
  cell: (union: UnionOverview) => OverviewCell;
  total: (reported: readonly UnionOverview[], totals: OverviewTotals) => OverviewCell;
}

function sumOf(reported: readonly UnionOverview[], value: (union: UnionOverview) => number | boolean | null): number {
  let sum = 0;
  for (const union of reported) {
    const each = value(union);
    // A yes/no column totals its "Có".
    if (typeof each === 'number') sum += each;
    else if (each === true) sum += 1;
  }
  return sum;
}

function figureColumns(labels: CsvLabels): FigureColumn[] {
  const field = (path: DocumentFigureField): FigureColumn => ({
    header: labels.fields[path],
    cell: (union) => {
      const value = figuresOf(union).field(path);
      return typeof value === 'boolean' ? text(value ? labels.yes : labels.no) : isYesNo(path) ? text('') : count(value);
    },
    total: (reported) => count(sumOf(reported, (union) => figuresOf(union).field(path))),
  });
  const [workers, members, ...restOfMembership] = MEMBERSHIP_FIGURE_FIELDS;
  const counted = (header: string, value: (union: UnionOverview) => number | null): FigureColumn => ({
    header,
    cell: (union) => count(value(union)),
    total: (reported) => count(sumOf(reported, value)),
  });
  return [
    // Workers and members add only over the CĐCS that gave both (overviewTotals), as the rate is judged.
    { ...field(workers), total: (_, totals) => count(totals.workers) },
    { ...field(members), total: (_, totals) => count(totals.members) },
    { header: labels.headers.rate, cell: (union) => ({ kind: 'rate', value: rateOf(union).rate }), total: (_, totals) => ({ kind: 'rate', value: totals.rate }) },
    { header: labels.headers.target, cell: (union) => text(targetLabel(rateOf(union).meetsTarget, labels)), total: (_, totals) => text(targetLabel(totals.meetsTarget, labels)) },
    ...restOfMembership.map(field),
    counted(labels.headers.dialogues, (union) => figuresOf(union).sessions),
    ...DIALOGUE_KINDS.map((kind) => counted(`${labels.headers.dialogues}: ${labels.dialogueKinds[kind]}`, (union) => figuresOf(union).byKind(kind))),
    ...DIALOGUE_FIGURE_FIELDS.map((each) => counted(`${labels.headers.dialogues}: ${labels.dialogueFields[each]}`, (union) => figuresOf(union).dialogue(each))),
    ...SECTION_FIGURE_FIELDS.map(field),
  ];
}

/**
 * The overview's columns, one row per union and the totals row over those rows only: the CSV and the
 * workbook both write this. The totals add the CĐCS that sent their report (a draft is not a figure of
 * the superior yet, as the server's summary counts); a yes/no column totals the "Có"; the rate is the
 * members' sum over the workers' sum. `filtered` says the rows are the filters' choice, and the totals
 * row says so.
 */
export function overviewTable(unions: readonly UnionOverview[], labels: CsvLabels, filtered = false): OverviewTable {
  const columns = figureColumns(labels);
  const reported = unions.filter((union) => union.report && !hasNotReported(union));
  const totals = overviewTotals(unions);
  return {
    header: [labels.headers.name, labels.headers.code, labels.headers.superior, labels.headers.standing, ...columns.map((column) => column.header)],
    rows: unions.map((union): OverviewCell[] => [
      text(union.name),
      { kind: 'code', value: union.code ?? '' },
      text(union.superiorName ?? ''),
      text(labels.standing[union.standing]),
      ...columns.map((column) => column.cell(union)),
    ]),
    totals: [text(filtered ? labels.filteredTotalRow : labels.totalRow), { kind: 'code', value: '' }, text(''), text(''), ...columns.map((column) => column.total(reported, totals))],
  };
}

function csvCell(cell: OverviewCell): string | number | null {
  return cell.kind === 'rate' ? ratePercent(cell.value) : cell.value;
}

export function buildOverviewCsv(unions: readonly UnionOverview[], labels: CsvLabels, filtered = false): string {
  const table = overviewTable(unions, labels, filtered);
  const rows: (string | number | null)[][] = [table.header, ...[...table.rows, table.totals].map((row) => row.map(csvCell))];
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name that says which period it holds: `bao-cao-cdcs-2025-yearly.csv`. */
export function csvFileName(year: number, kind: string): string {
  return `bao-cao-cdcs-${year}-${kind}.csv`;
}

/** The CSV's words in the dashboard's language: the dashboard's columns, and the officer form's labels of each figure. */
export function csvLabels(m: StaffMessages, t: Messages): CsvLabels {
  const fields = Object.fromEntries([...MEMBERSHIP_FIGURE_FIELDS, ...SECTION_FIGURE_FIELDS].map((path) => [path, t.fields[path] ?? path])) as Record<DocumentFigureField, string>;
  return {
    headers: { ...m.columns, superior: m.overview.superior },
    fields,
    dialogueFields: { participants: t.dialogues.participants, recommendationsRaised: t.dialogues.recommendationsRaised, recommendationsResolved: t.dialogues.recommendationsResolved },
    dialogueKinds: t.dialogueKinds,
    yes: t.common.yes,
    no: t.common.no,
    met: m.met,
    notMet: m.notMet,
    standing: m.standing,
    totalRow: m.overview.total,
    filteredTotalRow: m.overview.filteredTotal,
  };
}
