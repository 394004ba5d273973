/**
 * The paged period table (issue 22): `GET /api/staff/nodes/:id/period-table`. A node may have thousands
 * of CĐCS directly under it (an industrial-park union), so the server filters, sorts and counts them in
 * SQL and answers one page; the totals row ("Tổng cộng") is summed over every line the filters keep,
 * not over the page. The aggregates of the node screen (roll-up, charts) stay in the overview.
 */
import type { NodeSummary } from './organisation';
import type { ReportPeriod } from './period';
import type { UnionOverview } from './staff';
import type { TableColumn, RowSort } from './forms/tableColumns';
import type { RowRollUpResult } from './forms/rollup';

/** The columns the table sorts by; ties always by name, then id, so pages never repeat or skip a line. */
export const PERIOD_TABLE_SORTS = ['name', 'code', 'workers', 'members', 'rate', 'dialogues', 'lastSync', 'standing', 'deadline'] as const;
export type PeriodTableSort = (typeof PERIOD_TABLE_SORTS)[number];
/** A fixed column's sort, or a form's chosen column's (`row:CODE`, domain/forms/tableColumns.ts). */
export type PeriodTableSortKey = PeriodTableSort | RowSort;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The standing filter of the table ("Lọc theo tình trạng"). */
export const PERIOD_TABLE_FILTERS = ['all', 'underTarget', 'notReported', 'returned', 'accepted'] as const;
export type PeriodTableFilter = (typeof PERIOD_TABLE_FILTERS)[number];

export const PERIOD_TABLE_DEFAULT_LIMIT = 50;
/** More is refused (400 `limit_too_large`): an export that needs every line pages through them. */
export const PERIOD_TABLE_MAX_LIMIT = 500;

/** What the table asks for besides the node, the period and the page. */
export interface PeriodTableQuery {
  sort: PeriodTableSortKey;
  direction: SortDirection;
  filter: PeriodTableFilter;
  /** The two checkboxes of the node screen ("Dưới 80 %", "Chưa báo cáo"); they combine with `filter` by "and". */
  belowTarget: boolean;
  notReported: boolean;
  /** Words matched without diacritics against name, code and employer (domain/search.ts). */
  search: string;
}

/** The totals row over every line the filters keep: figures of the reports sent (a draft is not one yet). */
export interface PeriodTableTotals {
  unions: number;
  reported: number;
  workers: number;
  members: number;
  unionizationRate: number | null;
  meetsTarget: boolean | null;
  dialogueSessions: number;
}

/** A line of the table: the CĐCS's overview and, for a form's chosen columns, its figures by row code. */
export interface PeriodTableLine extends UnionOverview {
  /**
   * The report's figure of each chosen column (a yes/no as 1 or 0, a ratio worked out from its two
   * rows); null where the report left it empty, or when no counted report is there. Empty without columns.
   */
  values: Record<string, number | null>;
}

export interface PeriodTablePage {
  node: NodeSummary;
  period: ReportPeriod;
  /** The form whose reports the lines show (Plan 94 unless the request named another). */
  form: string;
  /** Lines the filters keep, over every page. */
  total: number;
  /** 0-based position of the page's first line among them ("Hiển thị 51–100 trong 6.000 CĐCS"). */
  offset: number;
  /**
   * The form's chosen columns (domain/forms/tableColumns.ts), in order; empty: the membership block's
   * heart columns (workers, members, rate, dialogue sessions), as Plan 94's table shows them.
   */
  columns: TableColumn[];
  lines: PeriodTableLine[];
  totals: PeriodTableTotals;
  /** Each chosen column's figure over the lines the filters keep, added up by the row's own roll-up (domain/forms/rollup.ts). */
  columnTotals: RowRollUpResult[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
  /** Opaque; null on the first page. */
  previousCursor: string | null;
}
