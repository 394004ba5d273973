/**
 * The period table's rules as pure functions: the filters (under 80 %, not reported, returned,
 * accepted), the search, sorting by every column with Vietnamese collation, the deadline standing
 * of each line, and paging. The screen's table asks the server for one page filtered and sorted the
 * same way (domain/periodTable.ts); the exports, which hold every line of a subtree, use these.
 */
import type { UnionOverview } from '../../../domain/staff';
import { PERIOD_TABLE_FILTERS, PERIOD_TABLE_SORTS, type PeriodTableFilter, type PeriodTableSort, type PeriodTableSortKey } from '../../../domain/periodTable';
import type { Instant } from '../../../domain/calendar';
import { daysLate, daysLeft } from '../../../domain/period';
import { unionDeadline, type NodeRound } from '../../../domain/round';
import { hasNotReported, isBelowTarget, rateOf } from '../overview';
import { matchesSearch, searchWords } from './search';

// The server pages the screen's table with the same vocabulary (domain/periodTable.ts); the exports filter and sort here.
export const TABLE_FILTERS = PERIOD_TABLE_FILTERS;
export type TableFilter = PeriodTableFilter;

export function passesFilter(line: UnionOverview, filter: TableFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'underTarget':
      return isBelowTarget(line);
    case 'notReported':
      return hasNotReported(line);
    case 'returned':
      return line.standing === 'returned';
    case 'accepted':
      return line.standing === 'accepted';
  }
}

/**
 * Where a line stands against the deadline: sent in time or late, or not sent yet with days left or overdue.
 * The day a report was sent is its last save when marked ready (the server's time), both days counted
 * in Vietnam (src/domain/calendar.ts): sent today and not sent today are as many days past one deadline.
 */
export type DeadlineStanding =
  | { kind: 'sentOnTime' }
  | { kind: 'sentLate'; daysLate: number }
  | { kind: 'due'; daysLeft: number }
  | { kind: 'overdue'; daysOverdue: number };

export function deadlineStandingOf(line: UnionOverview, deadline: string, now: Instant): DeadlineStanding {
  if (!hasNotReported(line) && line.report) {
    const late = daysLate(deadline, line.report.savedAt);
    return late > 0 ? { kind: 'sentLate', daysLate: late } : { kind: 'sentOnTime' };
  }
  const left = daysLeft(deadline, now);
  return left >= 0 ? { kind: 'due', daysLeft: left } : { kind: 'overdue', daysOverdue: -left };
}

/** What of the period's round the deadline column reads: its deadline and the CĐCS it was reopened for. */
export type RoundDeadlines = Pick<NodeRound, 'deadline' | 'closedAt' | 'reopenings'>;

/**
 * The deadline a line is held to: a CĐCS the closed round was reopened for, its own (`reopened`);
 * every other line, the round's (or `deadline`, without a round). Null: no deadline to show.
 */
export function lineDeadline(line: Pick<UnionOverview, 'id'>, query: Pick<TableQuery, 'deadline' | 'round'>): { deadline: string; reopened: boolean } | null {
  if (query.round) return unionDeadline(query.round, line.id);
  return query.deadline ? { deadline: query.deadline, reopened: false } : null;
}

export const SORT_COLUMNS = PERIOD_TABLE_SORTS;
export type SortColumn = PeriodTableSort;
export interface TableSort {
  /** A fixed column, or a form's chosen column (`row:CODE`), which the server sorts. */
  column: PeriodTableSortKey;
  direction: 'asc' | 'desc';
}

/** Vietnamese order of names: "Ă" after "A", "Đ" after "D", numbers by value ("Số 2" before "Số 10"). */
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Standings in the order of what needs the superior's attention first. */
const STANDING_ORDER = { returned: 0, sent: 1, draft: 2, missing: 3, accepted: 4 } as const;

function deadlineRank(standing: DeadlineStanding): number {
  switch (standing.kind) {
    case 'overdue':
      return -standing.daysOverdue;
    case 'due':
      return standing.daysLeft;
    case 'sentLate':
      return 100_000 + standing.daysLate;
    case 'sentOnTime':
      return 200_000;
  }
}

/** The value a column sorts by; null sorts last in either direction. */
function sortValue(line: UnionOverview, column: PeriodTableSortKey, query: TableQuery): string | number | null {
  // A form's column is the server's (the exports hold Plan 94's figures): the lines keep their name order.
  if (column.startsWith('row:')) return null;
  switch (column as SortColumn) {
    case 'name':
      return line.name;
    case 'code':
      return line.code;
    case 'workers':
      return line.report?.workers ?? null;
    case 'members':
      return line.report?.members ?? null;
    case 'rate':
      return rateOf(line).rate;
    case 'dialogues':
      return line.report?.dialogueSessions ?? null;
    case 'lastSync':
      return line.report?.savedAt ?? null;
    case 'standing':
      return STANDING_ORDER[line.standing];
    case 'deadline': {
      const held = lineDeadline(line, query);
      return held ? deadlineRank(deadlineStandingOf(line, held.deadline, query.now)) : null;
    }
  }
}

export interface TableQuery {
  search: string;
  filter: TableFilter;
  sort: TableSort;
  /** The round's deadline for the period, for the deadline column; null when no round set one. */
  deadline: string | null;
  /** The period's round, when known: a CĐCS it was reopened for is held to its own deadline (over `deadline`). */
  round?: RoundDeadlines | null;
  /** The moment days left are counted at (in Vietnam's days). */
  now: Instant;
}

/** The lines to show, in order: filtered, searched, sorted (ties by name, then id, so the order is stable). */
export function tableLines(lines: readonly UnionOverview[], query: TableQuery): UnionOverview[] {
  const words = searchWords(query.search);
  const kept = lines.filter((line) => passesFilter(line, query.filter) && matchesSearch(words, [line.name, line.code, line.employer]));
  const { column, direction } = query.sort;
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = kept.map((line) => ({ line, value: sortValue(line, column, query) }));
  keyed.sort((a, b) => {
    if (a.value == null || b.value == null) {
      if (a.value != null) return -1;
      if (b.value != null) return 1;
    } else {
      const order = typeof a.value === 'string' && typeof b.value === 'string' ? collator.compare(a.value, b.value) : Number(a.value) - Number(b.value);
      if (order !== 0) return sign * order;
    }
    return collator.compare(a.line.name, b.line.name) || (a.line.id < b.line.id ? -1 : a.line.id > b.line.id ? 1 : 0);
  });
  return keyed.map((entry) => entry.line);
}

export interface Page<T> {
  rows: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown, for "101–200 / 6.000". */
  first: number;
  last: number;
  total: number;
}

export function pageOf<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  const start = current * size;
  const slice = rows.slice(start, start + size);
  return { rows: slice, page: current, pages, first: slice.length ? start + 1 : 0, last: start + slice.length, total: rows.length };
}
