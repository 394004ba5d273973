/**
 * Reporting periods of Plan 94/KH-LĐLĐ: a yearly report every year from 2021, a 3-year interim
 * review (sơ kết, November 2022; item II.7 again in 2023) and the final review (tổng kết, 2025).
 */
export const PERIOD_KINDS = ['yearly', 'interim', 'final'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const FIRST_REPORT_YEAR = 2021;
/** Far enough ahead that a plan for the next term can reuse the app; far enough to reject typos. */
export const LAST_REPORT_YEAR = 2035;

export interface ReportPeriod {
  year: number;
  kind: PeriodKind;
}

/** ISO dates (YYYY-MM-DD) that a dated activity of this period may fall within. */
export function periodDateRange(period: ReportPeriod): { from: string; to: string } {
  if (period.kind === 'interim') {
    // The interim review covers the years since the plan started (2021) up to its own year.
    return { from: `${FIRST_REPORT_YEAR}-01-01`, to: `${period.year}-12-31` };
  }
  if (period.kind === 'final') {
    return { from: `${FIRST_REPORT_YEAR}-01-01`, to: `${period.year}-12-31` };
  }
  return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
}

export function isDateInPeriod(isoDate: string, period: ReportPeriod): boolean {
  const { from, to } = periodDateRange(period);
  return isoDate >= from && isoDate <= to;
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
 * Default deadline of a period when the district has set none: the plan reviews in November,
 * so reports are due by 30 November of the period's year.
 */
export function defaultDeadline(period: ReportPeriod): string {
  return `${period.year}-11-30`;
}

/** Whole days from `today` to `deadline` (negative when overdue). Both ISO dates. */
export function daysUntil(deadline: string, today: string): number {
  const ms = Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * The period a new report is most likely for: a yearly report covers a calendar year and is written
 * once the year is over, so last year's; if this device already holds that one, the current year's.
 * `today` is an ISO date in the officer's calendar; `existing` are the periods already on the device.
 */
export function duePeriod(today: string, existing: readonly ReportPeriod[]): ReportPeriod {
  const year = Number(today.slice(0, 4));
  const clamp = (y: number) => Math.min(Math.max(y, FIRST_REPORT_YEAR), LAST_REPORT_YEAR);
  const has = (y: number) => existing.some((period) => period.kind === 'yearly' && period.year === y);
  const lastYear = clamp(year - 1);
  if (!has(lastYear)) return { year: lastYear, kind: 'yearly' };
  const thisYear = clamp(year);
  return { year: has(thisYear) ? lastYear : thisYear, kind: 'yearly' };
}
