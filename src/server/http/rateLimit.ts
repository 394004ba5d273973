/**
 * A fixed-window counter per address, in memory: enough to stop guessing enrolment codes and
 * passwords on one district server (a restart forgets it, which costs an attacker nothing he could not
 * get by waiting a window).
 */
export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; returns null when allowed, else the seconds until the window ends. */
  hit(key: string): number | null {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.rule.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.rule.limit) return null;
    return Math.max(1, Math.ceil((window.start + this.rule.windowMs - now) / 1000));
  }

  /**
   * Gives back an attempt that succeeded: only failures should use up the window, or a district's
   * training session, where every phone enrols through one Wi-Fi address, would lock itself out.
   * Counting first and refunding after (rather than counting failures after) keeps concurrent
   * guesses from slipping past the limit.
   */
  refund(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.rule.windowMs) this.windows.delete(key);
  }
}
