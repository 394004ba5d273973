/**
 * The period overview's table as pure functions: which unions a filter keeps, the node's totals
 * row. Kept apart from React so the rules are unit-tested.
 */
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import type { UnionOverview } from '../../domain/staff';

export interface OverviewFilters {
  /** Only unions whose reported rate is under the 80 % target. */
  belowTarget: boolean;
  /** Only unions that have not reported (no report, or only a draft). */
  notReported: boolean;
}

export const NO_FILTERS: OverviewFilters = { belowTarget: false, notReported: false };

/** No report, or only a draft on the server: the union has not sent its report. */
export function hasNotReported(union: UnionOverview): boolean {
  return union.standing === 'missing' || union.standing === 'draft';
}

/** A rate that exists and misses the target ("Chưa đạt"), judged as `src/domain/indicators.ts` does. */
export function isBelowTarget(union: UnionOverview): boolean {
  return rateOf(union).meetsTarget === false;
}

/** The union's rate and whether it meets the target, recomputed from the counts with the domain's rules. */
export function rateOf(union: UnionOverview): { rate: number | null; meetsTarget: boolean | null } {
  const rate = union.report ? unionizationRate(union.report.members, union.report.workers) : null;
  return { rate, meetsTarget: meetsUnionizationTarget(rate) };
}

/** The filters combine with "and": both on keeps the unions that match both. */
export function filterUnions(unions: readonly UnionOverview[], filters: OverviewFilters): UnionOverview[] {
  return unions.filter(
    (union) => (!filters.belowTarget || isBelowTarget(union)) && (!filters.notReported || hasNotReported(union)),
  );
}

export interface OverviewTotals {
  unions: number;
  workers: number;
  members: number;
  rate: number | null;
  meetsTarget: boolean | null;
  dialogues: number;
}

/**
 * The totals row over the rows shown: workers and members summed over the unions that sent their
 * report (as the server's summary counts them: a draft is not a figure of the node yet), and the
 * node's rate from those sums.
 */
export function overviewTotals(unions: readonly UnionOverview[]): OverviewTotals {
  let workers = 0;
  let members = 0;
  let dialogues = 0;
  for (const union of unions) {
    if (hasNotReported(union) || !union.report) continue;
    if (union.report.workers != null && union.report.members != null) {
      workers += union.report.workers;
      members += union.report.members;
    }
    dialogues += union.report.dialogueSessions;
  }
  const rate = unionizationRate(members, workers);
  return { unions: unions.length, workers, members, rate, meetsTarget: meetsUnionizationTarget(rate), dialogues };
}
