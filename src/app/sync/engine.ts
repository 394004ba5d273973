/**
 * The sync engine: pushes the newest snapshot of every queued report, then pulls what changed on
 * the server. No React, no UI: features read its status and call `sendNow()`.
 *
 * One cycle, under a lock shared by the origin's tabs:
 * 1. push each due outbox entry (`PUT /api/reports/:id`, If-Match + Idempotency-Key);
 *    200/201 → in sync; 412 → three-way merge and push again, or a conflict for the officer;
 *    409/422/403/413 → the report is set aside with the reason; 401 → stop ("enrol again");
 *    408/429/5xx/no answer → stop and retry later with backoff (honouring Retry-After);
 * 2. pull `GET /api/reports?since=<cursor>` page by page and apply each change locally, with the
 *    union's reporting rounds (a reopened round queues its set-aside report again).
 *
 * Every dependency comes in as a parameter (storage, fetch, clock, randomness, timers, lock) so the
 * same engine runs in the browser and, in tests, in Node against a real server.
 */
import { mergeReports } from '../../domain/merge';
import type { ApiError, ServerReport, UnansweredPush } from '../../domain/sync';
import type { SyncConnection, SyncStorage } from '../db/syncRepository';
import { DEFAULT_REQUEST_TIMEOUT_MS, browserTimers, getChanges, putReport, type HttpDeps, type Timers } from './api';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import { inProcessLock, type SyncLock } from './lock';

/**
 * - `idle`: the last cycle finished and everything it could send is on the server
 * - `syncing`: a cycle is running
 * - `offline`: no connection to the server (will retry, and on `online`)
 * - `error`: the server answered with a temporary failure (will retry)
 * - `unauthorized`: the device token was refused (revoked): the officer must enrol again
 * - `unenrolled`: this device never enrolled; reports stay on the phone
 */
export type SyncEngineState = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized' | 'unenrolled';

export interface SyncStatus {
  state: SyncEngineState;
  /** ISO time of the last cycle that finished pushing and pulling. */
  lastSyncAt: string | null;
  /** Epoch milliseconds of the next automatic retry after a failure. */
  retryAt: number | null;
}

export type SyncTrigger = 'start' | 'online' | 'visible' | 'timer' | 'localChange' | 'backgroundSync' | 'sendNow';

export interface SyncRunResult {
  outcome: 'synced' | 'offline' | 'error' | 'unauthorized' | 'unenrolled';
  /** PUT requests sent. */
  pushRequests: number;
  /** Pushes the server accepted. */
  pushed: number;
  /** Server reports applied by the pull (not counting ones already known). */
  pulled: number;
  conflicts: number;
  refused: number;
  retryAt: number | null;
}

export interface SyncEngineDeps {
  storage: SyncStorage;
  fetch: typeof fetch;
  now?: () => number;
  /** [0, 1), for backoff jitter. */
  random?: () => number;
  timers?: Timers;
  lock?: SyncLock;
  /** `navigator.onLine`: when false, a cycle sends nothing and waits for `online`. */
  isOnline?: () => boolean;
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Pull this often while all is well, to see the superior's decisions. */
  periodicMs?: number;
  /** Wait this long after an edit before pushing, so a burst of typing makes one push. */
  localChangeDelayMs?: number;
  /** Reports per pull page (the server's default is 100). */
  pullPageSize?: number;
}

export interface SyncEngine {
  /** One cycle now (joins the running one, then runs again, if a cycle is in flight). */
  syncOnce(): Promise<SyncRunResult>;
  /** The "Gửi ngay" button: forget the backoff and sync now. */
  sendNow(): Promise<SyncRunResult>;
  /**
   * Only the pull ("Kiểm tra phản hồi", the list opened, Periodic Background Sync): the superior's
   * decisions arrive without waiting for the timer. Runs after a cycle in flight; leaves the backoff
   * and the push schedule alone.
   */
  pullOnce(): Promise<SyncRunResult>;
  /** Something happened that may let a sync succeed; the engine decides when to run. */
  requestSync(trigger: SyncTrigger): void;
  /** Start the timers (periodic pull, retries). Tests drive `syncOnce()` without starting. */
  start(): void;
  stop(): void;
  getStatus(): SyncStatus;
  /** The cycle in flight (started by a trigger or a timer), or null when none runs. */
  inFlight(): Promise<SyncRunResult> | null;
  subscribe(listener: (status: SyncStatus) => void): () => void;
}

// Each replay of an unanswered push takes a round too.
const MAX_ROUNDS_PER_REPORT = 8;
const MAX_PULL_PAGES = 50;

type Stop =
  | { kind: 'network' }
  | { kind: 'server'; retryAfterMs: number | null }
  | { kind: 'unauthorized' };

function isServerReport(value: unknown): value is ServerReport {
  const report = value as Partial<ServerReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    typeof report.revision === 'string' &&
    typeof report.document === 'object' &&
    report.document !== null
  );
}

function currentFromDetails(error: ApiError): ServerReport | null {
  const current = (error.details as { current?: unknown } | undefined)?.current;
  return isServerReport(current) ? current : null;
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const storage = deps.storage;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const timers = deps.timers ?? browserTimers;
  const lock = deps.lock ?? inProcessLock();
  const isOnline = deps.isOnline ?? (() => true);
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const periodicMs = deps.periodicMs ?? 5 * 60_000;
  const localChangeDelayMs = deps.localChangeDelayMs ?? 3_000;
  const http: HttpDeps = {
    fetch: deps.fetch,
    now,
    timers,
    timeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };

  let status: SyncStatus = { state: 'idle', lastSyncAt: null, retryAt: null };
  const listeners = new Set<(status: SyncStatus) => void>();
  let consecutiveFailures = 0;
  let running: Promise<SyncRunResult> | null = null;
  let runAgain = false;
  let started = false;
  let timer: unknown = null;
  let timerAt = Infinity;
  function setStatus(next: Partial<SyncStatus>): void {
    const merged = { ...status, ...next };
    if (merged.state === status.state && merged.lastSyncAt === status.lastSyncAt && merged.retryAt === status.retryAt) {
      return;
    }
    status = merged;
    for (const listener of listeners) listener(status);
  }

  function emptyResult(outcome: SyncRunResult['outcome']): SyncRunResult {
    return { outcome, pushRequests: 0, pushed: 0, pulled: 0, conflicts: 0, refused: 0, retryAt: null };
  }

  /**
   * A push whose answer was lost, sent again as it was (same body, If-Match and Idempotency-Key) now
   * that a newer edit waits: the server answers with the revision it became, or applies it now, or
   * refuses it. Either way the device then knows its base by revision, so its own earlier edits are
   * never mistaken for the other phone's (no needless conflict question).
   */
  async function replayUnanswered(
    connection: SyncConnection,
    reportId: string,
    push: UnansweredPush,
    serverRevision: string | null,
    result: SyncRunResult,
  ): Promise<Stop | null> {
    if (push.serverRevision !== serverRevision) {
      // Sent on a revision the device has moved past: the server refused it or the device learnt its fate.
      await storage.settleUnanswered(reportId, push.idempotencyKey, null);
      return null;
    }
    const answer = await putReport(http, { ...connection, ...push });
    result.pushRequests++;
    if (answer.kind === 'network') return { kind: 'network' };
    if (answer.kind === 'error') {
      if (answer.status === 401) return { kind: 'unauthorized' };
      if (isTransientStatus(answer.status)) return { kind: 'server', retryAfterMs: answer.retryAfterMs };
    }
    await storage.settleUnanswered(reportId, push.idempotencyKey, answer.kind === 'ok' ? answer.body.report : null);
    return null;
  }

  /** Pushes one report until it is in sync, set aside, in conflict, or the cycle must stop. */
  async function pushReport(connection: SyncConnection, reportId: string, result: SyncRunResult): Promise<Stop | null> {
    for (let round = 0; round < MAX_ROUNDS_PER_REPORT; round++) {
      const candidate = await storage.pushCandidate(reportId);
      if (!candidate || candidate.sync.conflict || candidate.entry.nextAttemptAt > now()) return null;
      const { entry, document, sync } = candidate;
      const earlier = (sync.unanswered ?? []).find((push) => push.idempotencyKey !== entry.idempotencyKey);
      if (earlier) {
        const stop = await replayUnanswered(connection, reportId, earlier, sync.serverRevision, result);
        if (stop) return stop;
        continue;
      }
      const answer = await putReport(http, {
        serverUrl: connection.serverUrl,
        deviceToken: connection.deviceToken,
        document,
        serverRevision: sync.serverRevision,
        idempotencyKey: entry.idempotencyKey,
      });
      result.pushRequests++;
      if (answer.kind === 'network') {
        await storage.rememberUnanswered(reportId, {
          idempotencyKey: entry.idempotencyKey,
          document,
          serverRevision: sync.serverRevision,
        });
        return { kind: 'network' };
      }
      if (answer.kind === 'ok') {
        await storage.completePush(reportId, entry.idempotencyKey, answer.body.report);
        result.pushed++;
        return null;
      }
      const { status: httpStatus, error } = answer;
      if (httpStatus === 401) return { kind: 'unauthorized' };
      if (isTransientStatus(httpStatus)) return { kind: 'server', retryAfterMs: answer.retryAfterMs };
      if (httpStatus === 412) {
        const current = currentFromDetails(error);
        if (!current) {
          await storage.setRefusal(reportId, entry.idempotencyKey, error);
          result.refused++;
          return null;
        }
        const { merged, conflicts } = mergeReports(sync.base, document, current.document);
        if (conflicts.length > 0) {
          await storage.setConflict(reportId, current);
          result.conflicts++;
          return null;
        }
        // Saved: push the merge on the new revision. Not saved: an edit came meanwhile; merge it next round.
        await storage.saveMerge(reportId, entry.idempotencyKey, merged, current);
        continue;
      }
      if (httpStatus === 404 && sync.serverRevision != null) {
        // The server lost this report (restored from an older backup?): it is still ours, create it again.
        await storage.forgetServerRevision(reportId);
        continue;
      }
      if (error.error === 'idempotency_key_reused') {
        await storage.renewIdempotencyKey(reportId, entry.idempotencyKey);
        continue;
      }
      // 400, 403, 409, 413, 415, 422: sending it again unchanged would be refused again.
      await storage.setRefusal(reportId, entry.idempotencyKey, error);
      result.refused++;
      return null;
    }
    return null;
  }

  async function pushAll(connection: SyncConnection, result: SyncRunResult): Promise<Stop | null> {
    const entries = await storage.dueOutbox(now());
    for (const entry of entries) {
      const stop = await pushReport(connection, entry.reportId, result);
      if (stop) return stop;
    }
    return null;
  }

  /** Returns whether local edits were merged with server changes (or a reopened round re-queued a report) and wait for another push. */
  async function pull(connection: SyncConnection, result: SyncRunResult): Promise<Stop | { merged: boolean }> {
    let cursor = await storage.syncCursor();
    let merged = false;
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const answer = await getChanges(http, connection.serverUrl, connection.deviceToken, cursor, deps.pullPageSize);
      if (answer.kind === 'network') return { kind: 'network' };
      if (answer.kind === 'error') {
        if (answer.status === 401) return { kind: 'unauthorized' };
        return { kind: 'server', retryAfterMs: answer.retryAfterMs };
      }
      for (const report of answer.body.reports) {
        const outcome = await storage.applyServerReport(report);
        if (outcome === 'unchanged') continue;
        result.pulled++;
        if (outcome === 'merged') merged = true;
        if (outcome === 'conflict') result.conflicts++;
      }
      // The forms before the rounds that name them, so a round on screen always has its form.
      if (answer.body.forms) await storage.saveForms?.(answer.body.forms);
      // Before the cursor moves on: a reopened round queues its set-aside report for the push below.
      if (answer.body.rounds && (await storage.saveRounds(answer.body.rounds))) merged = true;
      cursor = answer.body.cursor;
      await storage.saveSyncProgress(cursor, new Date(now()).toISOString());
      // Every page names the union's superior now: a move or a rename reaches the officer's screens.
      if (answer.body.superior !== undefined) await storage.saveSuperior?.(answer.body.superior);
      if (!answer.body.hasMore) break;
    }
    return { merged };
  }

  async function cycle(): Promise<SyncRunResult> {
    const connection = await storage.connection();
    if (!connection) {
      setStatus({ state: 'unenrolled', retryAt: null });
      return emptyResult('unenrolled');
    }
    const result = emptyResult('synced');
    let stop: Stop | null = null;
    if (!isOnline()) {
      stop = { kind: 'network' };
    } else {
      setStatus({ state: 'syncing' });
      stop = await pushAll(connection, result);
      if (!stop) {
        const pulled = await pull(connection, result);
        if ('kind' in pulled) stop = pulled;
        else if (pulled.merged) stop = await pushAll(connection, result);
      }
    }
    if (!stop) {
      consecutiveFailures = 0;
      setStatus({ state: 'idle', lastSyncAt: (await storage.lastSyncAt()) ?? status.lastSyncAt, retryAt: null });
      return result;
    }
    if (stop.kind === 'unauthorized') {
      setStatus({ state: 'unauthorized', retryAt: null });
      return { ...result, outcome: 'unauthorized' };
    }
    consecutiveFailures++;
    const retryAfterMs = stop.kind === 'server' ? stop.retryAfterMs : null;
    const retryAt = now() + backoffDelay(consecutiveFailures, random, policy, retryAfterMs);
    const state = stop.kind === 'network' ? 'offline' : 'error';
    setStatus({ state, retryAt });
    return { ...result, outcome: state, retryAt };
  }

  async function pullCycle(): Promise<SyncRunResult> {
    const connection = await storage.connection();
    if (!connection) return emptyResult('unenrolled');
    if (!isOnline()) return emptyResult('offline');
    const result = emptyResult('synced');
    const pulled = await pull(connection, result);
    if ('kind' in pulled) {
      if (pulled.kind === 'unauthorized') setStatus({ state: 'unauthorized', retryAt: null });
      return { ...result, outcome: pulled.kind === 'network' ? 'offline' : pulled.kind === 'unauthorized' ? 'unauthorized' : 'error' };
    }
    setStatus({ lastSyncAt: (await storage.lastSyncAt()) ?? status.lastSyncAt });
    // Local edits were merged with the server's: they wait for a push on the new revision.
    if (pulled.merged) scheduleAt(now());
    return result;
  }

  async function guardedCycle(): Promise<SyncRunResult> {
    try {
      return await lock(cycle);
    } catch {
      // The database failed (closed for an upgrade, disk full): nothing was lost, try again later.
      consecutiveFailures++;
      const retryAt = now() + backoffDelay(consecutiveFailures, random, policy);
      setStatus({ state: 'error', retryAt });
      return { ...emptyResult('error'), retryAt };
    }
  }

  function run(): Promise<SyncRunResult> {
    if (running) {
      runAgain = true;
      return running;
    }
    running = (async () => {
      let result: SyncRunResult;
      do {
        runAgain = false;
        result = await guardedCycle();
      } while (runAgain && result.outcome === 'synced');
      running = null;
      scheduleAfter(result);
      return result;
    })();
    return running;
  }

  function clearTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    timerAt = Infinity;
  }

  /** Keeps the sooner of the timer already set and `at`. */
  function scheduleAt(at: number): void {
    if (!started || (timer !== null && timerAt <= at)) return;
    clearTimer();
    timerAt = at;
    timer = timers.setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      void run();
    }, Math.max(0, at - now()));
  }

  function scheduleAfter(result: SyncRunResult): void {
    if (!started) return;
    clearTimer();
    if (result.outcome === 'synced') scheduleAt(now() + periodicMs);
    else if (result.retryAt != null) scheduleAt(result.retryAt);
  }

  return {
    syncOnce: run,
    sendNow() {
      consecutiveFailures = 0;
      setStatus({ retryAt: null });
      return run();
    },
    pullOnce() {
      // Under the lock, so after a cycle in flight (which may have pulled before the decision was made).
      return lock(pullCycle).catch(() => emptyResult('error'));
    },
    requestSync(trigger) {
      // The connection is back (the browser says so, or its Background Sync woke the worker), or the
      // officer asked: the backoff was waiting for exactly this.
      if (trigger === 'sendNow' || trigger === 'online' || trigger === 'backgroundSync') {
        consecutiveFailures = 0;
        setStatus({ retryAt: null });
        void run();
        return;
      }
      const earliest = Math.max(now() + (trigger === 'localChange' ? localChangeDelayMs : 0), status.retryAt ?? 0);
      scheduleAt(earliest);
    },
    start() {
      if (started) return;
      started = true;
      // A cycle runs at once; saying so avoids a moment of "in sync" before anything was checked.
      setStatus({ state: 'syncing' });
      void storage.lastSyncAt().then(
        (lastSyncAt) => setStatus({ lastSyncAt: status.lastSyncAt ?? lastSyncAt }),
        () => undefined,
      );
      scheduleAt(now());
    },
    stop() {
      started = false;
      clearTimer();
    },
    getStatus: () => status,
    inFlight: () => running,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
