/**
 * What the staff charts draw, as pure functions (unit-tested): each CĐCS's rate against the 80 %
 * target, sorted, the ones under it marked; reports received per day across the round (or the
 * period); the node's rate and members across the years, with a gap where no report came in. The
 * chart component only hands these to uPlot and writes the same figures as a sentence and a table for
 * those who would rather read (or print).
 */
import type { TableColumn } from '../../../domain/forms/tableColumns';
import { UNIONIZATION_TARGET } from '../../../domain/indicators';
import { formatCount } from '../../i18n/format';
import { daysUntil, FIRST_REPORT_YEAR, periodDateRange, type DateRange, type ReportPeriod } from '../../../domain/period';
import type { OverviewSummary, UnionOverview } from '../../../domain/staff';
import { hasNotReported, rateOf } from '../overview';

export interface RateBar {
  id: string;
  name: string;
  rate: number;
  underTarget: boolean;
}

/** The CĐCS that reported a rate, lowest first: the ones to help stand at the start. */
export function rateBars(lines: readonly UnionOverview[]): RateBar[] {
  const bars: RateBar[] = [];
  for (const line of lines) {
    if (hasNotReported(line)) continue;
    const { rate, meetsTarget } = rateOf(line);
    if (rate == null) continue;
    bars.push({ id: line.id, name: line.name, rate, underTarget: meetsTarget === false });
  }
  return bars.sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'vi'));
}

/**
 * The days the receipts chart spans: from the day the round was opened to its deadline, or, without a
 * round, the period's own dates. `dayOf` turns an instant into the staff member's calendar day.
 */
export function receiptSpan(period: ReportPeriod, round: { openedAt: string; deadline: string } | null, dayOf: (instant: string) => string): DateRange {
  if (!round) return periodDateRange(period);
  const opened = dayOf(round.openedAt);
  // A round may be opened after its deadline has passed (to collect late reports): the axis still runs forward.
  return opened <= round.deadline ? { from: opened, to: round.deadline } : { from: round.deadline, to: opened };
}

export interface DailyCount {
  /** ISO date, in the staff member's calendar. */
  day: string;
  /** Reports whose last save fell on this day; null on a day still to come. */
  received: number | null;
  /** Received up to and including this day; null on a day still to come. */
  total: number | null;
}

/**
 * Reports sent (ready, accepted or returned) per calendar day of their last save, one entry a day
 * across `span`, widened to every day a report came in (a late or early report is drawn, not dropped).
 * Days after today (and after the last receipt) are null: nothing is known of them yet, which is not 0.
 * None received: no entry at all.
 */
export function receivedPerDay(
  lines: readonly UnionOverview[],
  { span, today, dayOf }: { span: DateRange; today: string; dayOf: (instant: string) => string },
): DailyCount[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (hasNotReported(line) || !line.report) continue;
    const day = dayOf(line.report.savedAt);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const days = [...counts.keys()].sort();
  if (days.length === 0) return [];
  const first = days[0]! < span.from ? days[0]! : span.from;
  const lastReceived = days.at(-1)!;
  const last = lastReceived > span.to ? lastReceived : span.to;
  const known = lastReceived > today ? lastReceived : today;
  const series: DailyCount[] = [];
  let total = 0;
  for (let i = 0, length = daysUntil(last, first); i <= length; i++) {
    const day = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (day > known) {
      series.push({ day, received: null, total: null });
      continue;
    }
    const received = counts.get(day) ?? 0;
    total += received;
    series.push({ day, received, total });
  }
  return series;
}

/** An ISO day's local midnight in seconds, as uPlot places time (its default `ms: 1e-3`). */
export function daySeconds(day: string): number {
  return new Date(`${day}T00:00:00`).getTime() / 1000;
}

/**
 * The time axis's labels: the day as `07/12` (or the month, `monthName(12)`, when the ticks are a
 * month or more apart), with the year under the first tick and under the first tick of each new year.
 */
export function timeTickLabels(ticks: readonly Date[], monthly: boolean, monthName: (month: number) => string): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  let year: number | null = null;
  return ticks.map((date) => {
    const label = monthly ? monthName(date.getMonth() + 1) : `${pad(date.getDate())}/${pad(date.getMonth() + 1)}`;
    const shown = date.getFullYear() === year ? label : `${label}\n${date.getFullYear()}`;
    year = date.getFullYear();
    return shown;
  });
}

export interface YearPoint {
  year: number;
  /** Null for a year no CĐCS reported (a gap in the chart, not a fall to 0). */
  rate: number | null;
  members: number | null;
  workers: number | null;
  reported: number;
}

export function yearSeries(summaries: readonly { year: number; summary: OverviewSummary }[]): YearPoint[] {
  return [...summaries]
    .sort((a, b) => a.year - b.year)
    .map(({ year, summary }) =>
      summary.reported === 0
        ? { year, rate: null, members: null, workers: null, reported: 0 }
        : { year, rate: summary.unionizationRate, members: summary.members, workers: summary.workers, reported: summary.reported },
    );
}

export const TARGET = UNIONIZATION_TARGET;

/**
 * A form round's bars for one chosen column: the lines that gave a figure, highest first (ties by name),
 * as the server's sort by the column orders them; a line without the figure has no bar.
 */
export function columnBars<Line extends { name: string; values: Record<string, number | null> }>(lines: readonly Line[], code: string): Line[] {
  return lines.filter((line) => line.values[code] != null).sort((a, b) => b.values[code]! - a.values[code]! || a.name.localeCompare(b.name, 'vi'));
}

/** A year of a form round's trend: how many CĐCS its figures count, and each chosen column's roll-up at the node. */
export interface FormYearPoint {
  year: number;
  reported: number;
  /** One per column, in the columns' order; null where no CĐCS gave what the row needs that year. */
  values: (number | null)[];
}

/**
 * The years of a form's trend, from each year's roll-up at the node (its `columns[0]` is the node, whole):
 * a year no report of the form counted in is a gap, never a fall to 0.
 */
export function formYearPoints(
  codes: readonly string[],
  rollups: readonly { year: number; rollup: { columns: { reported: number }[]; rows: { code: string; values: { value: number | null }[] }[] } | null }[],
): FormYearPoint[] {
  return [...rollups]
    .sort((a, b) => a.year - b.year)
    .map(({ year, rollup }) => {
      const reported = rollup?.columns[0]?.reported ?? 0;
      const byCode = new Map(rollup?.rows.map((row) => [row.code, row.values[0]?.value ?? null]));
      return { year, reported, values: codes.map((code) => (reported === 0 ? null : (byCode.get(code) ?? null))) };
    });
}

/** A year of a form whose table shows the heart columns (the membership block): the period table's totals over its lines. */
export function heartYearPoint(year: number, totals: { reported: number; workers: number; members: number; unionizationRate: number | null }): YearPoint {
  return totals.reported === 0
    ? { year, rate: null, members: null, workers: null, reported: 0 }
    : { year, rate: totals.unionizationRate, members: totals.members, workers: totals.workers, reported: totals.reported };
}

/** The five years up to `year` that a years chart spans, as far back as reports go. */
export function lastFiveYears(year: number): number[] {
  return Array.from({ length: 5 }, (_, i) => year - 4 + i).filter((each) => each >= FIRST_REPORT_YEAR);
}

/** A form column's figure on a chart's scale: a ratio as a percent (0.8 → 80), the rest as given. */
export function columnScaled(column: Pick<TableColumn, 'rollUp'>, value: number | null): number | null {
  return value == null ? null : column.rollUp.kind === 'ratio' ? Math.round(value * 1000) / 10 : value;
}

/** A form column's axis tick: `80 %` for a ratio, vi-VN figures otherwise. */
export function columnTick(column: Pick<TableColumn, 'rollUp'>, tick: number): string {
  return column.rollUp.kind === 'ratio' ? `${formatCount(tick)} %` : formatCount(tick);
}
