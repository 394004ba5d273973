/**
 * The period table's rules as pure functions: the filters (under 80 %, not reported, returned,
 * accepted), the search, sorting by every column with Vietnamese collation, the deadline standing
 * of each line, and paging. The table component only draws what these return, so 6,000 lines cost
 * one pass to filter and one sort, and the page draws at most a page of rows.
 */
import type { UnionOverview } from '../../../domain/staff';
import { daysUntil } from '../../../domain/period';
import { hasNotReported, isBelowTarget, rateOf } from '../overview';
import { matchesSearch, searchWords } from './search';

export const TABLE_FILTERS = ['all', 'underTarget', 'notReported', 'returned', 'accepted'] as const;
export type TableFilter = (typeof TABLE_FILTERS)[number];

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
 * `sentAt` is the report's last save when it is marked ready (the server's time).
 */
export type DeadlineStanding =
  | { kind: 'sentOnTime' }
  | { kind: 'sentLate'; daysLate: number }
  | { kind: 'due'; daysLeft: number }
  | { kind: 'overdue'; daysOverdue: number };

export function deadlineStandingOf(line: UnionOverview, deadline: string, today: string): DeadlineStanding {
  if (!hasNotReported(line) && line.report) {
    const sentDay = line.report.savedAt.slice(0, 10);
    const late = -daysUntil(deadline, sentDay);
    return late > 0 ? { kind: 'sentLate', daysLate: late } : { kind: 'sentOnTime' };
  }
  const left = daysUntil(deadline, today);
  return left >= 0 ? { kind: 'due', daysLeft: left } : { kind: 'overdue', daysOverdue: -left };
}

export const SORT_COLUMNS = ['name', 'code', 'workers', 'members', 'rate', 'dialogues', 'lastSync', 'standing', 'deadline'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface TableSort {
  column: SortColumn;
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
function sortValue(line: UnionOverview, column: SortColumn, deadline: string | null, today: string): string | number | null {
  switch (column) {
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
    case 'deadline':
      return deadline ? deadlineRank(deadlineStandingOf(line, deadline, today)) : null;
  }
}

export interface TableQuery {
  search: string;
  filter: TableFilter;
  sort: TableSort;
  /** The round's deadline for the period, for the deadline column; null when no round set one. */
  deadline: string | null;
  /** ISO date, for days left. */
  today: string;
}

/** The lines to show, in order: filtered, searched, sorted (ties by name, then id, so the order is stable). */
export function tableLines(lines: readonly UnionOverview[], query: TableQuery): UnionOverview[] {
  const words = searchWords(query.search);
  const kept = lines.filter((line) => passesFilter(line, query.filter) && matchesSearch(words, [line.name, line.code, line.employer]));
  const { column, direction } = query.sort;
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = kept.map((line) => ({ line, value: sortValue(line, column, query.deadline, query.today) }));
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
