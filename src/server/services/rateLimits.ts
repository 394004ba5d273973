/**
 * Rate limits as rules, apart from HTTP (../http/attemptLimits.ts and ../http/pushLimits.ts hook them
 * into the routes).
 *
 * Limits on guessing (enrolment codes, passwords) count failures only. Each attempt takes a slot
 * in its key's window before it runs and gives it back when its answer has left: a failure stays
 * counted until the window ends, a success frees its slot at once. When failures plus attempts in
 * flight fill the limit, a new attempt waits for a slot instead of being refused, so fifteen phones
 * enrolling through one Wi-Fi address at the same moment all get in, while at most `limit` wrong
 * guesses per window are ever evaluated, however many arrive together.
 *
 * The counts live behind `AttemptStore`: in memory for one process (SQLite), or in the database for
 * several processes on one PostgreSQL (`DatabaseAttemptStore`, docs/decisions/0004-hardening-behind-a-proxy.md);
 * the waiting below re-checks on a timer, so a slot freed by another process is found.
 *
 * Pushes per device count every push (`countPush`, in the database when several processes share it).
 */
import { randomUUID } from 'node:crypto';
import { countInWindow, endAttemptSlot, takeAttemptSlot } from '../store/attemptWindows';
import type { Store } from '../store/store';

export interface AttemptRule {
  /** Failed attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export type Reservation = { kind: 'taken'; slot: string } | { kind: 'busy' } | { kind: 'exhausted'; retryAfterMs: number };

/** Both operations are atomic per key (one process: plain code; a database: the window row's lock). */
export interface AttemptStore {
  /** Takes a slot when failures + attempts in flight < limit in the key's current window. */
  reserve(key: string, rule: AttemptRule, now: number): Promise<Reservation>;
  /** Gives the slot back; a failure is counted in the window current at that moment. */
  release(key: string, slot: string, failed: boolean, rule: AttemptRule, now: number): Promise<void>;
}

/** Slots in the database (src/server/store/attemptWindows.ts): every process on it counts the same guesses. */
export class DatabaseAttemptStore implements AttemptStore {
  constructor(private readonly store: Pick<Store, 'db' | 'kind'>) {}

  async reserve(key: string, rule: AttemptRule, now: number): Promise<Reservation> {
    const slot = randomUUID();
    const outcome = await takeAttemptSlot(this.store, { key, slotId: slot, limit: rule.limit, windowMs: rule.windowMs, now });
    if (outcome.kind === 'exhausted') return { kind: 'exhausted', retryAfterMs: outcome.windowEndsAt.getTime() - now };
    return outcome.kind === 'taken' ? { kind: 'taken', slot } : outcome;
  }

  async release(key: string, slot: string, failed: boolean, rule: AttemptRule, now: number): Promise<void> {
    await endAttemptSlot(this.store, { key, slotId: slot, failed, windowMs: rule.windowMs, now });
  }
}

interface Window {
  start: number;
  failures: number;
  inFlight: number;
}

export class MemoryAttemptStore implements AttemptStore {
  private readonly windows = new Map<string, Window>();

  async reserve(key: string, rule: AttemptRule, now: number): Promise<Reservation> {
    const window = this.current(key, rule, now);
    if (window.failures >= rule.limit) return { kind: 'exhausted', retryAfterMs: window.start + rule.windowMs - now };
    if (window.failures + window.inFlight >= rule.limit) return { kind: 'busy' };
    window.inFlight++;
    return { kind: 'taken', slot: '' };
  }

  async release(key: string, _slot: string, failed: boolean, rule: AttemptRule, now: number): Promise<void> {
    const window = this.current(key, rule, now);
    window.inFlight = Math.max(0, window.inFlight - 1);
    if (failed) window.failures++;
  }

  private current(key: string, rule: AttemptRule, now: number): Window {
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size > 10_000) this.prune(rule, now);
      window = { start: now, failures: 0, inFlight: 0 };
      this.windows.set(key, window);
    } else if (now - window.start >= rule.windowMs) {
      // A new window forgets failures, not the attempts still running.
      window.start = now;
      window.failures = 0;
    }
    return window;
  }

  private prune(rule: AttemptRule, now: number): void {
    for (const [key, window] of this.windows) if (window.inFlight === 0 && now - window.start >= rule.windowMs) this.windows.delete(key);
  }
}

/** How many attempts may wait for a slot on one key; past that, the answer is 429 at once. */
const MAX_WAITING_PER_KEY = 200;
/** A waiter looks again this often, for slots freed where it cannot hear (another process). */
const RECHECK_MS = 250;

export interface Attempt {
  /** Gives the slot back; call once, when the answer has left (or the connection closed). */
  end(failed: boolean): Promise<void>;
}

export class AttemptLimiter {
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    readonly rule: AttemptRule,
    private readonly store: AttemptStore,
    private readonly now: () => number,
  ) {}

  /** Resolves with a slot, or with the seconds to wait when the key's failures used up the window. */
  async begin(key: string): Promise<Attempt | { retryAfterSeconds: number }> {
    for (;;) {
      const reservation = await this.store.reserve(key, this.rule, this.now());
      if (reservation.kind === 'taken') return this.attempt(key, reservation.slot);
      if (reservation.kind === 'exhausted') return { retryAfterSeconds: Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)) };
      const waiters = this.waiting.get(key) ?? new Set<() => void>();
      if (waiters.size >= MAX_WAITING_PER_KEY) return { retryAfterSeconds: 1 };
      this.waiting.set(key, waiters);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          if (waiters.size === 0 && this.waiting.get(key) === waiters) this.waiting.delete(key);
          resolve();
        };
        const timer = setTimeout(wake, RECHECK_MS);
        timer.unref();
        waiters.add(wake);
      });
    }
  }

  private attempt(key: string, slot: string): Attempt {
    let ended = false;
    return {
      end: async (failed) => {
        if (ended) return;
        ended = true;
        await this.store.release(key, slot, failed, this.rule, this.now());
        for (const wake of [...(this.waiting.get(key) ?? [])]) wake();
      },
    };
  }
}

export interface PushRule {
  /** Pushes per window per device. */
  limit: number;
  windowMs: number;
}

/**
 * Counts one push of `key` in its fixed window of `windowMs`, in the database (every process on it counts
 * the same pushes): how many the window holds now, and the milliseconds until it ends.
 */
export async function countPush(store: Pick<Store, 'db' | 'kind'>, key: string, windowMs: number, now: number): Promise<{ counted: number; msLeft: number }> {
  const { counted, windowEndsAt } = await countInWindow(store, key, windowMs, now);
  return { counted, msLeft: Math.max(0, windowEndsAt.getTime() - now) };
}
