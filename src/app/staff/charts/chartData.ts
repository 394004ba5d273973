/**
 * What the staff charts draw, as pure functions (unit-tested): each CĐCS's rate against the 80 %
 * target, sorted, the ones under it marked; reports received per day up to the deadline; the
 * node's rate and members across the years. The chart component only hands these to uPlot and
 * writes the same figures as a sentence and a table for those who would rather read (or print).
 */
import { UNIONIZATION_TARGET } from '../../../domain/indicators';
import { daysUntil } from '../../../domain/period';
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

export interface DailyCount {
  /** ISO date. */
  day: string;
  received: number;
  /** Received up to and including this day. */
  total: number;
}

/**
 * Reports sent (ready, accepted or returned) per calendar day (UTC) of their last save, from the
 * first such day to the deadline (or the last day, if later), so gaps show as zero days.
 */
export function receivedPerDay(lines: readonly UnionOverview[], deadline: string | null): DailyCount[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (hasNotReported(line) || !line.report) continue;
    const day = line.report.savedAt.slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const days = [...counts.keys()].sort();
  if (days.length === 0) return [];
  const first = days[0]!;
  const lastReceived = days.at(-1)!;
  const last = deadline && deadline > lastReceived ? deadline : lastReceived;
  const span = Math.min(daysUntil(last, first), 366);
  const series: DailyCount[] = [];
  let total = 0;
  for (let i = 0; i <= span; i++) {
    const day = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const received = counts.get(day) ?? 0;
    total += received;
    series.push({ day, received, total });
  }
  return series;
}

export interface YearPoint {
  year: number;
  rate: number | null;
  members: number;
  workers: number;
  reported: number;
}

export function yearSeries(summaries: readonly { year: number; summary: OverviewSummary }[]): YearPoint[] {
  return [...summaries]
    .sort((a, b) => a.year - b.year)
    .map(({ year, summary }) => ({ year, rate: summary.unionizationRate, members: summary.members, workers: summary.workers, reported: summary.reported }));
}

export const TARGET = UNIONIZATION_TARGET;
