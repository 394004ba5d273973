/**
 * When to try again after a failed sync: exponential backoff with full jitter (a random delay
 * between 0 and the exponential ceiling), so a province's phones coming back online together do not
 * hit the server in step. A server's `Retry-After` is a floor: never ask sooner than it said.
 */
export interface BackoffPolicy {
  /** Ceiling of the first retry. */
  baseMs: number;
  /** Ceiling of every retry ("a few minutes"). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 for the first failure). `random` returns [0, 1). */
export function backoffDelay(
  failures: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs == null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.capMs * 4));
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
