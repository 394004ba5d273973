/**
 * Rate-limit windows in the database, so that every server process on one PostgreSQL counts the same
 * guesses and the same pushes (docs/decisions/0004-hardening-behind-a-proxy.md, "Several processes").
 * Kept apart from store.ts: these take the store's Kysely instance and run their own statements.
 *
 * - A window (`attempt_windows`) per key: when it ends and what it counted (failed guesses, or pushes).
 * - A guess being evaluated is a row of its own (`attempt_slots`), not a counter: a process that dies
 *   holding slots leaves rows that stop counting once they are older than any request can live, instead
 *   of a counter that stays too high.
 *
 * Taking a slot is atomic per key across processes: the window's row is upserted first, which locks it
 * on PostgreSQL until the transaction ends (and SQLite has one writer at a time), so the slots counted
 * next cannot change under it. Timestamps are the caller's clock (the app's, which tests move), as ISO
 * text like every other timestamp in the schema.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, type QueryResult, sql, type Transaction } from 'kysely';
import { batchOf, statementNameOf, withHints } from './queryHints';
import type { Database } from './schema';
import type { Store } from './store';

/** What these functions need of the store: its Kysely instance, and which database it is. */
type LimitStore = Pick<Store, 'db' | 'kind'>;

/**
 * A rate-limit write in its own transaction. On PostgreSQL it does not wait for the WAL to reach the
 * disk (`synchronous_commit = off`, for this transaction only): it is atomic and seen by every process
 * at once as usual, and a crash of the database may forget the last fraction of a second of counts,
 * which costs nothing that matters; waiting for the disk cost 7 ms a write here (bench/rate-limits.ts).
 * The setting goes out with the transaction's first statement (deferrable: its answer is never read).
 * SQLite's writes join the pending group commit; its durability is the store's (the WAL synced before the answer).
 */
const SYNCHRONOUS_COMMIT_OFF = CompiledQuery.raw('set local synchronous_commit = off');

async function limitWrite<T>(store: LimitStore, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    if (store.kind === 'postgres') await trx.executeQuery(withHints({ ...SYNCHRONOUS_COMMIT_OFF }, { deferrable: true }));
    return work(trx);
  });
}

/**
 * A slot older than this belongs to a request that cannot still be running: a request must arrive
 * whole within 60 s (DEFAULT_TIMEOUTS.requestMs), and a guess's own work (an scrypt, a few queries)
 * takes well under a second; the margin covers a stalled machine. Ignoring a live slot would let one
 * extra guess through; ignoring a dead one later only makes a key wait longer after a crash.
 */
export const SLOT_LIFETIME_MS = 90_000;

export type SlotOutcome = { kind: 'taken' } | { kind: 'busy' } | { kind: 'exhausted'; windowEndsAt: Date };

/**
 * Keys come partly from the client (the account a sign-in names, up to the body limit): a long one, or
 * one holding NUL (which PostgreSQL text cannot store), is stored as its digest, so no key outgrows an
 * index entry (PostgreSQL refuses btree rows over ~2.7 KB) or makes the write fail.
 */
export function storedKey(key: string): string {
  if (key.length <= 200 && !key.includes('\u0000')) return key;
  return `${key.slice(0, key.indexOf(':') + 1)}sha256:${createHash('sha256').update(key).digest('base64url')}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Takes slot `slotId` for `key` when the window's failures plus the slots in flight are below `limit`;
 * otherwise says whether the key is only busy (a slot may free) or exhausted until the window ends.
 */
export async function takeAttemptSlot(
  store: LimitStore,
  request: { key: string; slotId: string; limit: number; windowMs: number; now: number },
): Promise<SlotOutcome> {
  const { slotId, limit, windowMs, now } = request;
  const key = storedKey(request.key);
  const nowIso = iso(now);
  // A key that guessed too much is refused with a read only: a guesser hammering it writes nothing.
  const current = await store.db.selectFrom('attempt_windows').select(['window_ends_at', 'counted']).where('key', '=', key).executeTakeFirst();
  if (current && current.window_ends_at > nowIso && Number(current.counted) >= limit) return { kind: 'exhausted', windowEndsAt: new Date(current.window_ends_at) };

  return limitWrite(store, async (trx) => {
    // The window opened (or started again), counting nothing yet: the slot is not a failure.
    const window = await windowUpsert(trx, key, windowMs, now, 0).executeTakeFirstOrThrow();
    const failures = Number(window.counted);
    if (failures >= limit) return { kind: 'exhausted', windowEndsAt: new Date(window.window_ends_at) };
    // Under the window's lock: the count and the insert are one statement, the count sees every slot committed before the lock was ours.
    const inserted = await sql`
      insert into attempt_slots (id, key, started_at)
      select ${slotId}, ${key}, ${nowIso}
      where (select count(*) from attempt_slots where key = ${key} and started_at > ${iso(now - SLOT_LIFETIME_MS)}) < ${limit - failures}`.execute(trx);
    return Number(inserted.numAffectedRows ?? 0) === 1 ? { kind: 'taken' } : { kind: 'busy' };
  });
}

/** Gives slot `slotId` back; a failure is counted in `key`'s window current at `now` first, so nobody sees the slot gone and the failure not yet there. */
export async function endAttemptSlot(
  store: LimitStore,
  request: { key: string; slotId: string; failed: boolean; windowMs: number; now: number },
): Promise<void> {
  const { slotId, failed, windowMs, now } = request;
  const key = storedKey(request.key);
  // One transaction: one commit, and on PostgreSQL the window's lock covers the slot's removal, so a
  // guess taking a slot sees both changes or neither.
  await limitWrite(store, async (trx) => {
    if (failed) await windowUpsert(trx, key, windowMs, now, 1).execute();
    // Its answer is never read: on PostgreSQL it travels with the commit.
    await trx.executeQuery(withHints({ ...trx.deleteFrom('attempt_slots').where('id', '=', slotId).compile() }, { deferrable: true }));
  });
}

/**
 * Adds one to `key`'s fixed window (a new one if it has ended) and says what it holds now: one upsert,
 * atomic on both stores. On PostgreSQL (every push of every device comes here) the transaction travels in
 * one round trip: `begin`, the setting, the upsert and `commit` are sent together and PostgreSQL runs them
 * in order (QueryHints.batch); Kysely's transaction would wait for the upsert's answer before sending the
 * commit, a second round trip per push.
 */
export async function countInWindow(store: LimitStore, key: string, windowMs: number, now: number): Promise<{ counted: number; windowEndsAt: Date }> {
  if (store.kind === 'postgres') {
    const upsert = windowUpsert(store.db, storedKey(key), windowMs, now, 1).compile();
    const { rows } = await store.db.executeQuery<QueryResult<WindowRow>>(
      batchOf([BEGIN, SYNCHRONOUS_COMMIT_OFF, withHints({ ...upsert }, { statementName: statementNameOf('limit', upsert.sql) }), COMMIT]),
    );
    return toCount(rows[2]?.rows[0]);
  }
  return limitWrite(store, async (trx) => toCount(await windowUpsert(trx, storedKey(key), windowMs, now, 1).executeTakeFirst()));
}

const BEGIN = CompiledQuery.raw('begin');
const COMMIT = CompiledQuery.raw('commit');

interface WindowRow {
  window_ends_at: string;
  counted: number | string;
}

function toCount(row: WindowRow | undefined): { counted: number; windowEndsAt: Date } {
  if (!row) throw new Error('the rate-limit upsert returned no row');
  return { counted: Number(row.counted), windowEndsAt: new Date(row.window_ends_at) };
}

/**
 * Adds `added` to `key`'s fixed window (a new one if it has ended: a window past its end starts again now)
 * and returns what it holds: one upsert, atomic on both stores. `added` is written into the SQL, so each
 * of the two statements keeps one text (the push limit's is prepared by name on PostgreSQL).
 */
function windowUpsert(db: Kysely<Database>, key: string, windowMs: number, now: number, added: 0 | 1) {
  const nowIso = iso(now);
  const counted = added === 1 ? sql`attempt_windows.counted + 1` : sql`attempt_windows.counted`;
  return db
    .insertInto('attempt_windows')
    .values({ key, window_ends_at: iso(now + windowMs), counted: added })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        // The slots in flight are not the window's: they stay when it starts again.
        window_ends_at: sql`case when attempt_windows.window_ends_at <= ${nowIso} then ${iso(now + windowMs)} else attempt_windows.window_ends_at end`,
        counted: sql`case when attempt_windows.window_ends_at <= ${nowIso} then ${sql.lit(added)} else ${counted} end`,
      }),
    )
    .returning(['window_ends_at', 'counted']);
}

/** The maintenance job's part: windows that have ended and slots no request can still hold. */
export async function deleteEndedWindows({ db }: LimitStore, now: number): Promise<void> {
  await db.deleteFrom('attempt_windows').where('window_ends_at', '<=', iso(now)).execute();
  await db.deleteFrom('attempt_slots').where('started_at', '<', iso(now - SLOT_LIFETIME_MS)).execute();
}
