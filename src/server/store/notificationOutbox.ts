/**
 * The outbox of sends to the officers' phones (table push_outbox, migration 0019): queued once per key,
 * claimed under a lease by one worker, finished or postponed after the push service answers, counted
 * per round. docs/decisions/0012-push-notifications-exactly-once.md says why it is shaped so; the
 * subscriptions and reminders the sends come from are ./notifications.ts, which puts both behind
 * `store.notifications`.
 */
import { sql } from 'kysely';
import type { Queries, StoreKind } from './schema';

export interface NewSend {
  id: string;
  key: string;
  deviceId: string;
  unionId: string;
  roundId: string | null;
  kind: string;
  payload: string;
  createdAt: string;
}

/** A claimed send with where it goes (null endpoint: the subscription is gone since it was queued). */
export interface ClaimedSend {
  id: string;
  key: string;
  deviceId: string;
  payload: string;
  attempts: number;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
}

export type SendOutcome = 'delivered' | 'refused' | 'expired' | 'dropped';

export interface SendCounts {
  delivered: number;
  refused: number;
  expired: number;
  pending: number;
}

/** SQLite's limit of bound parameters per statement, with room: 8 columns a row. */
const SENDS_PER_INSERT = 500;

/** Queues sends; one whose key is already queued is left as it is. Returns how many were new. */
export async function queueSends(q: Queries, sends: readonly NewSend[]): Promise<number> {
  let queued = 0;
  for (let start = 0; start < sends.length; start += SENDS_PER_INSERT) {
    const rows = sends.slice(start, start + SENDS_PER_INSERT).map((send) => ({
      id: send.id,
      key: send.key,
      device_id: send.deviceId,
      union_id: send.unionId,
      round_id: send.roundId,
      kind: send.kind,
      payload: send.payload,
      state: 'pending',
      next_attempt_at: send.createdAt,
      lease_until: null,
      last_status: null,
      created_at: send.createdAt,
      finished_at: null,
    }));
    const inserted = await q
      .insertInto('push_outbox')
      .values(rows)
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .execute();
    queued += inserted.length;
  }
  return queued;
}

/**
 * Claims up to `limit` sends due at `now` that nobody holds (no lease, or a lease past its end: its
 * process died), for this process until `leaseUntil`. On PostgreSQL rows another process is claiming
 * are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time. Call in a write transaction.
 */
export async function claimDueSends(q: Queries, kind: StoreKind, now: string, leaseUntil: string, limit: number): Promise<ClaimedSend[]> {
  let due = q
    .selectFrom('push_outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (kind === 'postgres') due = due.forUpdate().skipLocked();
  const ids = (await due.execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  await q
    .updateTable('push_outbox')
    .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
  const rows = await q
    .selectFrom('push_outbox as o')
    .leftJoin('push_subscriptions as s', (join) => join.onRef('s.device_id', '=', 'o.device_id').on('s.state', '=', 'subscribed'))
    .select(['o.id', 'o.key', 'o.device_id', 'o.payload', 'o.attempts', 's.endpoint', 's.p256dh', 's.auth'])
    .where('o.id', 'in', ids)
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    deviceId: row.device_id,
    payload: row.payload,
    attempts: row.attempts,
    endpoint: row.endpoint ?? null,
    p256dh: row.p256dh ?? null,
    auth: row.auth ?? null,
  }));
}

/** The push service answered for good: the send is done. */
export async function finishSend(q: Queries, id: string, outcome: SendOutcome, status: number | null, at: string): Promise<void> {
  await q
    .updateTable('push_outbox')
    .set({ state: outcome, last_status: status, finished_at: at, lease_until: null })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

/**
 * The push service asked to wait (429, 5xx) or did not answer: try again at `nextAt`. `tried` false
 * when the send never left (its push service's host was paused): the claim's attempt does not count.
 */
export async function postponeSend(q: Queries, id: string, nextAt: string, status: number | null, tried = true): Promise<void> {
  await q
    .updateTable('push_outbox')
    .set((eb) => ({ next_attempt_at: nextAt, last_status: status, lease_until: null, attempts: tried ? eb.ref('attempts') : eb('attempts', '-', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

/** How the round's sends stand. */
export async function countRoundSends(q: Queries, roundId: string): Promise<SendCounts> {
  const rows = await q
    .selectFrom('push_outbox')
    .select(['state', sql<number>`count(*)`.as('count')])
    .where('round_id', '=', roundId)
    .groupBy('state')
    .execute();
  const counts: SendCounts = { delivered: 0, refused: 0, expired: 0, pending: 0 };
  for (const row of rows) if (row.state in counts) counts[row.state as keyof SendCounts] = Number(row.count);
  return counts;
}
