/** Plan 94, item II.7: keep the unionization rate (members ÷ workers) at 80 % or above. */
export const UNIONIZATION_TARGET = 0.8;

/** Above this relative change of the member count from the previous period, ask for an explanation. */
export const MEMBER_CHANGE_WARNING_RATIO = 0.2;

/**
 * Members ÷ workers, or null when there is no meaningful rate (no workers counted yet, or
 * counts missing). Never NaN or Infinity.
 */
export function unionizationRate(members: number | null | undefined, workers: number | null | undefined): number | null {
  if (members == null || workers == null) return null;
  if (!Number.isFinite(members) || !Number.isFinite(workers) || workers <= 0 || members < 0) return null;
  return members / workers;
}

/** "Đạt" (true) / "Chưa đạt" (false), or null when there is no rate. */
export function meetsUnionizationTarget(rate: number | null): boolean | null {
  if (rate == null) return null;
  // Compare on the rounded per-mille shown to the user, so "80,0 %" never reads "Chưa đạt".
  return Math.round(rate * 1000) >= UNIONIZATION_TARGET * 1000;
}

/** Relative change of the member count, or null when there is nothing to compare. */
export function memberChangeRatio(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null || previous <= 0) return null;
  return (current - previous) / previous;
}
