/**
 * The rate-limit windows in the database, on both stores: many guesses taking slots at once never get
 * more than the limit (on PostgreSQL through two stores with pools of their own, as two processes
 * would), failures stay counted and successes do not, a dead process's slots stop counting once no
 * request can still hold them, push counts are exact under concurrency, and the maintenance job
 * forgets what has ended.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseAttemptStore, type Reservation } from '../../../src/server/services/rateLimits';
import { forgetExpired } from '../../../src/server/services/maintenance';
import { countInWindow, SLOT_LIFETIME_MS } from '../../../src/server/store/attemptWindows';
import { announcePostgresSkip, openTestStore, STORE_KINDS, type TestStore } from '../helpers';

announcePostgresSkip();

const RULE = { limit: 5, windowMs: 15 * 60_000 };
const T0 = Date.parse('2026-03-01T08:00:00.000Z');

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`rate-limit windows on ${kind}`, () => {
    /** The first store of a test owns the data; the others only close their pools. */
    const opened: TestStore[] = [];
    afterEach(async () => {
      const [owner, ...others] = opened.splice(0);
      for (const other of others) await other.dispose({ keepData: true });
      await owner?.dispose();
    });

    /**
     * Stores on one database. PostgreSQL: a second store with its own pool, as another process has.
     * SQLite: one (a second handle in the same process would block the event loop on the file lock
     * that the first one's pending group commit holds; the server runs one process on a SQLite file).
     */
    async function stores(): Promise<DatabaseAttemptStore[]> {
      const first = await openTestStore(kind);
      opened.push(first);
      if (kind === 'sqlite') return [new DatabaseAttemptStore(first.store)];
      const second = await openTestStore(kind, { pgSchema: first.pgSchema as string, migrate: false });
      opened.push(second);
      return [new DatabaseAttemptStore(first.store), new DatabaseAttemptStore(second.store)];
    }

    async function reserveTogether(all: DatabaseAttemptStore[], key: string, count: number, now: number): Promise<Reservation[]> {
      return Promise.all(Array.from({ length: count }, (_, i) => (all[i % all.length] as DatabaseAttemptStore).reserve(key, RULE, now)));
    }

    const taken = (reservations: Reservation[]) => reservations.filter((r): r is Extract<Reservation, { kind: 'taken' }> => r.kind === 'taken');

    it('gives no more slots than the limit to forty guesses at once, counts failures, never successes', async () => {
      const all = await stores();
      const key = `enrol:${randomUUID()}`;
      const first = await reserveTogether(all, key, 40, T0);
      expect(taken(first)).toHaveLength(RULE.limit);
      expect(first.filter((r) => r.kind === 'busy')).toHaveLength(40 - RULE.limit);

      // Two fail, three succeed: two stay counted, three slots are free again.
      const [a, b, ...rest] = taken(first);
      await Promise.all([all[0]!.release(key, a!.slot, true, RULE, T0 + 1), all.at(-1)!.release(key, b!.slot, true, RULE, T0 + 1)]);
      await Promise.all(rest.map((r, i) => all[i % all.length]!.release(key, r.slot, false, RULE, T0 + 1)));
      const second = await reserveTogether(all, key, 40, T0 + 2);
      expect(taken(second)).toHaveLength(RULE.limit - 2);

      // Those three fail too: the window is used up, and says until when.
      await Promise.all(taken(second).map((r, i) => all[i % all.length]!.release(key, r.slot, true, RULE, T0 + 3)));
      const exhausted = await reserveTogether(all, key, 10, T0 + 4);
      expect(exhausted).toEqual(Array(10).fill({ kind: 'exhausted', retryAfterMs: RULE.windowMs - 4 }));

      // The next window starts clean.
      expect(taken(await reserveTogether(all, key, 40, T0 + RULE.windowMs))).toHaveLength(RULE.limit);
    });

    it('stops counting the slots of a process that died holding them once no request can still be running', async () => {
      const all = await stores();
      const key = `login:${randomUUID()}`;
      expect(taken(await reserveTogether(all, key, RULE.limit, T0))).toHaveLength(RULE.limit);
      // Never released (the process died). Within a request's lifetime they still hold the key …
      expect((await all[0]!.reserve(key, RULE, T0 + SLOT_LIFETIME_MS - 1)).kind).toBe('busy');
      // … after it, they are ignored: the window (15 minutes) is not over, but guesses run again.
      expect(taken(await reserveTogether(all, key, 20, T0 + SLOT_LIFETIME_MS + 1))).toHaveLength(RULE.limit);
    });

    it('counts fifty pushes at once exactly, each told its own count, and starts a new window after the end', async () => {
      await stores();
      const handles = opened.map((test) => test.store);
      const key = `push:${randomUUID()}`;
      const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => countInWindow(handles[i % handles.length]!, key, 60_000, T0 + i)));
      expect(counts.map((c) => c.counted).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(counts.map((c) => c.windowEndsAt.getTime()))).toEqual(new Set([T0 + 60_000]));
      expect(await countInWindow(handles[0]!, key, 60_000, T0 + 60_000)).toEqual({ counted: 1, windowEndsAt: new Date(T0 + 120_000) });
    });

    it('forgets ended windows and dead slots in the maintenance job, and keeps what still counts', async () => {
      const [store] = await stores();
      const { db } = opened[0]!.store;
      const ended = `enrol:${randomUUID()}`;
      const live = `login-account:${randomUUID()}`;
      const slot = await store!.reserve(ended, { limit: 5, windowMs: 60_000 }, T0);
      expect(slot.kind).toBe('taken');
      await store!.release(live, randomUUID(), true, RULE, T0);
      await forgetExpired({ store: opened[0]!.store, now: () => new Date(T0 + SLOT_LIFETIME_MS + 1) });
      expect((await db.selectFrom('attempt_windows').select('key').execute()).map((row) => row.key)).toEqual([live]);
      expect(await db.selectFrom('attempt_slots').selectAll().execute()).toEqual([]);
    });
  });
}
