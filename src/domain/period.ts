/**
 * Reporting periods: a yearly report every year, an interim review (sơ kết) and a final review
 * (tổng kết) of each five-year term. Plan 94/KH-LĐLĐ set them for the 2021–2025 term (interim in
 * November 2022, item II.7 again in 2023; final in 2025); the 2025–2030 term brings its own plans.
 * A superior's reporting round (round.ts) names a period's real dates and deadline; the functions
 * here are what applies when no round has reached the device. Days are Vietnam's (calendar.ts).
 */
import { daysBetween, vietnamDate, type Instant } from './calendar';

export const PERIOD_KINDS = ['yearly', 'interim', 'final'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const FIRST_REPORT_YEAR = 2021;
/** Far enough ahead that a plan for the next term can reuse the app; far enough to reject typos. */
export const LAST_REPORT_YEAR = 2035;

export interface ReportPeriod {
  year: number;
  kind: PeriodKind;
}

/** Inclusive ISO dates (YYYY-MM-DD). */
export interface DateRange {
  from: string;
  to: string;
}

/** Years a term's plans run: 2021–2025 (Plan 94/KH-LĐLĐ), 2026–2030, … */
export const TERM_YEARS = 5;

/** The first activity year of the term a period's year belongs to (2021 for 2021…2025, 2026 for 2026…2030). */
export function termStartYear(year: number): number {
  return FIRST_REPORT_YEAR + Math.floor((year - FIRST_REPORT_YEAR) / TERM_YEARS) * TERM_YEARS;
}

/**
 * The dates a dated activity of this period may fall within when no round says otherwise: the
 * calendar year for a yearly report; from the start of the term up to the review's year for the
 * interim and final reviews.
 */
export function periodDateRange(period: ReportPeriod): DateRange {
  if (period.kind === 'interim' || period.kind === 'final') {
    return { from: `${termStartYear(period.year)}-01-01`, to: `${period.year}-12-31` };
  }
  return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
}

export function isDateInRange(isoDate: string, range: DateRange): boolean {
  return isoDate >= range.from && isoDate <= range.to;
}

export function isDateInPeriod(isoDate: string, period: ReportPeriod): boolean {
  return isDateInRange(isoDate, periodDateRange(period));
}

/** A stable key for "one report per union and period". */
export function periodKey(period: ReportPeriod): string {
  return `${period.year}-${period.kind}`;
}

/** The period that precedes this one, for "start from the previous period's figures" and the 20 % rule. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  return { year: period.year - 1, kind: 'yearly' };
}

/**
 * Default deadline of a period when no superior's round has set one: the plan reviews in
 * November, so reports are due by 30 November of the period's year.
 */
export function defaultDeadline(period: ReportPeriod): string {
  return `${period.year}-11-30`;
}

/** Whole days from `today` to `deadline` (negative when overdue). Both ISO dates. */
export function daysUntil(deadline: string, today: string): number {
  return daysBetween(today, deadline);
}

/** Whole days left to `deadline` at `now`, counted in Vietnam's days (negative when overdue). */
export function daysLeft(deadline: string, now: Instant): number {
  return daysUntil(deadline, vietnamDate(now));
}

/**
 * How many days past `deadline` a report sent at `sentAt` was, in Vietnam's days: 0 when on time. On
 * the day it is sent, the same number as `-daysLeft(deadline, now)` for a report not sent yet, so one
 * deadline reads "Quá hạn N ngày" with one N on every line.
 */
export function daysLate(deadline: string, sentAt: Instant): number {
  return Math.max(0, -daysLeft(deadline, sentAt));
}

/**
 * The rule of today, for when no superior's round has reached the device (round.ts `proposedPeriod`
 * prefers an open round): a yearly report covers a calendar year and is written once the year is
 * over, so last year's; if this device already holds that one, the current year's. Years are
 * Vietnam's at `now`; `existing` are the periods already on the device.
 */
export function duePeriod(now: Instant, existing: readonly ReportPeriod[]): ReportPeriod {
  const year = Number(vietnamDate(now).slice(0, 4));
  const clamp = (y: number) => Math.min(Math.max(y, FIRST_REPORT_YEAR), LAST_REPORT_YEAR);
  const has = (y: number) => existing.some((period) => period.kind === 'yearly' && period.year === y);
  const lastYear = clamp(year - 1);
  if (!has(lastYear)) return { year: lastYear, kind: 'yearly' };
  const thisYear = clamp(year);
  return { year: has(thisYear) ? lastYear : thisYear, kind: 'yearly' };
}
