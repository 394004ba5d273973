/**
 * Notifications to the officer's phone in the store (migration 0019): the server's VAPID key pair,
 * each device's subscription, a round's reminder schedule and the steps taken; the outbox of sends is
 * ./notificationOutbox.ts. The report push (./push.ts) never reads these tables. Called by store.ts
 * with its connection or a transaction.
 */
import { roundFormRef } from '../../domain/forms/reportForm';
import type { Queries, StoreKind } from './schema';
import type { RoundRecord } from './rounds';
import { claimDueSends, countRoundSends, finishSend, type NewSend, postponeSend, queueSends, type SendOutcome } from './notificationOutbox';

export type { ClaimedSend, NewSend, SendCounts, SendOutcome } from './notificationOutbox';

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export type SubscriptionState = 'subscribed' | 'refused' | 'expired' | 'off';

export interface SubscriptionRecord {
  deviceId: string;
  unionId: string;
  state: SubscriptionState;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  expiresAt: string | null;
  updatedAt: string;
}

/** A device of a union as the reach screen counts it: last seen, and what its subscription says. */
export interface DeviceReachRecord {
  unionId: string;
  deviceId: string;
  lastSeenAt: string | null;
  state: SubscriptionState | null;
  expiresAt: string | null;
  updatedAt: string | null;
}

/** A CĐCS a round applies to, and whether its report of the round's period is sent. */
export interface RoundUnionRecord {
  unionId: string;
  name: string;
  code: string | null;
  sent: boolean;
}

/** The key pair named `name`; the first process to ask makes it (`make`), every later one reads it. */
export async function ensureKeyPair(q: Queries, name: string, make: () => KeyPair, at: string): Promise<KeyPair> {
  const found = await q.selectFrom('server_keys').select(['public_key', 'private_key']).where('name', '=', name).executeTakeFirst();
  if (found) return { publicKey: found.public_key, privateKey: found.private_key };
  const made = make();
  // Two processes starting together both make one: the first insert wins, and both read it back.
  await q
    .insertInto('server_keys')
    .values({ name, public_key: made.publicKey, private_key: made.privateKey, created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const kept = await q.selectFrom('server_keys').select(['public_key', 'private_key']).where('name', '=', name).executeTakeFirstOrThrow();
  return { publicKey: kept.public_key, privateKey: kept.private_key };
}

export async function findSubscription(q: Queries, deviceId: string): Promise<SubscriptionRecord | undefined> {
  const row = await q.selectFrom('push_subscriptions').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  return (
    row && {
      deviceId: row.device_id,
      unionId: row.union_id,
      state: row.state as SubscriptionState,
      endpoint: row.endpoint,
      p256dh: row.p256dh,
      auth: row.auth,
      expiresAt: row.expires_at,
      updatedAt: row.updated_at,
    }
  );
}

/** The device's subscription or its refusal replaces whatever it said before. */
export async function putSubscription(q: Queries, record: SubscriptionRecord): Promise<void> {
  const values = {
    union_id: record.unionId,
    state: record.state,
    endpoint: record.endpoint,
    p256dh: record.p256dh,
    auth: record.auth,
    expires_at: record.expiresAt,
    updated_at: record.updatedAt,
  };
  await q
    .insertInto('push_subscriptions')
    .values({ device_id: record.deviceId, ...values })
    .onConflict((oc) => oc.column('device_id').doUpdateSet(values))
    .execute();
}

/** The push service said the endpoint is gone (404/410): expired, unless the device subscribed anew since. */
export async function expireSubscription(q: Queries, deviceId: string, endpoint: string, at: string): Promise<void> {
  await q
    .updateTable('push_subscriptions')
    .set({ state: 'expired', updated_at: at })
    .where('device_id', '=', deviceId)
    .where('endpoint', '=', endpoint)
    .where('state', '=', 'subscribed')
    .execute();
}

/** A revoked device: its subscription and its sends not yet made are dropped. */
export async function dropDevice(q: Queries, deviceId: string, at: string): Promise<void> {
  await q.deleteFrom('push_subscriptions').where('device_id', '=', deviceId).execute();
  await q
    .updateTable('push_outbox')
    .set({ state: 'dropped', finished_at: at, lease_until: null })
    .where('device_id', '=', deviceId)
    .where('state', '=', 'pending')
    .execute();
}

/** The devices (not revoked) of these unions that hold a live subscription at `now`. */
export async function liveSubscriptions(q: Queries, unionIds: readonly string[], now: string): Promise<{ deviceId: string; unionId: string }[]> {
  if (unionIds.length === 0) return [];
  const rows = await q
    .selectFrom('push_subscriptions as s')
    .innerJoin('devices as d', 'd.id', 's.device_id')
    .select(['s.device_id', 'd.union_id'])
    .where('d.union_id', 'in', [...unionIds])
    .where('d.revoked_at', 'is', null)
    .where('s.state', '=', 'subscribed')
    .where((eb) => eb.or([eb('s.expires_at', 'is', null), eb('s.expires_at', '>', now)]))
    .orderBy('s.device_id')
    .execute();
  return rows.map((row) => ({ deviceId: row.device_id, unionId: row.union_id }));
}

/** Every device (not revoked) of these unions, with its subscription's state when it has one. */
export async function devicesReach(q: Queries, unionIds: readonly string[]): Promise<DeviceReachRecord[]> {
  if (unionIds.length === 0) return [];
  const rows = await q
    .selectFrom('devices as d')
    .leftJoin('push_subscriptions as s', 's.device_id', 'd.id')
    .select(['d.union_id', 'd.id', 'd.last_seen_at', 's.state', 's.expires_at', 's.updated_at'])
    .where('d.union_id', 'in', [...unionIds])
    .where('d.revoked_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    unionId: row.union_id,
    deviceId: row.id,
    lastSeenAt: row.last_seen_at,
    state: (row.state as SubscriptionState | null) ?? null,
    expiresAt: row.expires_at ?? null,
    updatedAt: row.updated_at ?? null,
  }));
}

/**
 * The CĐCS a round applies to: those in the subtree of the node that opened it, less those under a
 * nearer node that opened its own round of the same period (that round is theirs). With whether each
 * has sent its report of the period: marked ready and not returned since.
 */
export async function roundUnions(q: Queries, round: Pick<RoundRecord, 'id' | 'nodePath' | 'period' | 'form'>): Promise<RoundUnionRecord[]> {
  // The round's own form: a CĐCS's report of another form of the period is not this round's.
  const formId = roundFormRef(round).id;
  const [rows, nearer] = await Promise.all([
    q
      .selectFrom('unions as u')
      .innerJoin('nodes as n', 'n.id', 'u.superior_id')
      .leftJoin('reports as r', (join) =>
        join.onRef('r.union_id', '=', 'u.id').on('r.year', '=', round.period.year).on('r.kind', '=', round.period.kind).on('r.form_id', '=', formId),
      )
      .select(['u.id', 'u.name', 'u.code', 'n.path', 'r.status', 'r.review_status'])
      .where('n.path', 'like', `${round.nodePath}%`)
      .orderBy('u.name')
      .orderBy('u.id')
      .execute(),
    q
      .selectFrom('reporting_rounds as o')
      .innerJoin('nodes as n', 'n.id', 'o.node_id')
      .select('n.path')
      .where('o.year', '=', round.period.year)
      .where('o.kind', '=', round.period.kind)
      .where('o.form_id', '=', formId)
      .where('o.id', '!=', round.id)
      .where('n.path', 'like', `${round.nodePath}_%`)
      .execute(),
  ]);
  const nearerPaths = nearer.map((row) => row.path);
  return rows
    .filter((row) => !nearerPaths.some((path) => row.path.startsWith(path)))
    .map((row) => ({
      unionId: row.id,
      name: row.name,
      code: row.code,
      sent: row.status === 'ready' && row.review_status !== 'returned',
    }));
}

/**
 * The rounds a reminder may still be due for on `today` (Vietnam's ISO date): open and not yet past
 * their deadline, or with a reopening for some CĐCS (whose own deadline the scheduler reads).
 */
export async function listRoundIdsForReminders(q: Queries, today: string): Promise<string[]> {
  const rows = await q
    .selectFrom('reporting_rounds')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('closed_at', 'is', null), eb('deadline', '>=', today)]),
        eb('id', 'in', eb.selectFrom('round_reopenings').select('round_id').where((inner) => inner.or([inner('deadline', 'is', null), inner('deadline', '>=', today)]))),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** The schedules set for these rounds (rounds without one are left out: the default applies). */
export async function reminderSchedules(q: Queries, roundIds: readonly string[]): Promise<Map<string, number[]>> {
  if (roundIds.length === 0) return new Map();
  const rows = await q.selectFrom('round_reminders').select(['round_id', 'days_before']).where('round_id', 'in', [...roundIds]).execute();
  return new Map(rows.map((row) => [row.round_id, JSON.parse(row.days_before) as number[]]));
}

export async function putReminderSchedule(q: Queries, roundId: string, daysBefore: readonly number[], at: string, staffId: string | null): Promise<void> {
  const values = { days_before: JSON.stringify(daysBefore), updated_at: at, updated_by_staff_id: staffId };
  await q
    .insertInto('round_reminders')
    .values({ round_id: roundId, ...values })
    .onConflict((oc) => oc.column('round_id').doUpdateSet(values))
    .execute();
}

/**
 * Takes a reminder step: true for the one transaction that inserts its row, false for every other
 * (on PostgreSQL a concurrent insert of the same key waits for the first to commit, then does nothing).
 */
export async function takeReminderStep(q: Queries, key: string, roundId: string, at: string): Promise<boolean> {
  const inserted = await q
    .insertInto('reminder_steps')
    .values({ key, round_id: roundId, taken_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return inserted.length > 0;
}

/**
 * The functions above and the outbox's (./notificationOutbox.ts) on one connection or transaction, as `store.notifications` and
 * `tx.notifications` (store.ts): the Store interfaces grow by one member for the whole aggregate.
 */
export class NotificationQueries {
  constructor(
    private readonly q: Queries,
    private readonly kind: StoreKind,
  ) {}

  ensureKeyPair(name: string, make: () => KeyPair, at: string) { return ensureKeyPair(this.q, name, make, at); }
  findSubscription(deviceId: string) { return findSubscription(this.q, deviceId); }
  putSubscription(record: SubscriptionRecord) { return putSubscription(this.q, record); }
  expireSubscription(deviceId: string, endpoint: string, at: string) { return expireSubscription(this.q, deviceId, endpoint, at); }
  dropDevice(deviceId: string, at: string) { return dropDevice(this.q, deviceId, at); }
  liveSubscriptions(unionIds: readonly string[], now: string) { return liveSubscriptions(this.q, unionIds, now); }
  devicesReach(unionIds: readonly string[]) { return devicesReach(this.q, unionIds); }
  roundUnions(round: Pick<RoundRecord, 'id' | 'nodePath' | 'period' | 'form'>) { return roundUnions(this.q, round); }
  listRoundIdsForReminders(today: string) { return listRoundIdsForReminders(this.q, today); }
  reminderSchedules(roundIds: readonly string[]) { return reminderSchedules(this.q, roundIds); }
  putReminderSchedule(roundId: string, daysBefore: readonly number[], at: string, staffId: string | null) { return putReminderSchedule(this.q, roundId, daysBefore, at, staffId); }
  takeReminderStep(key: string, roundId: string, at: string) { return takeReminderStep(this.q, key, roundId, at); }
  queueSends(sends: readonly NewSend[]) { return queueSends(this.q, sends); }
  claimDueSends(now: string, leaseUntil: string, limit: number) { return claimDueSends(this.q, this.kind, now, leaseUntil, limit); }
  finishSend(id: string, outcome: SendOutcome, status: number | null, at: string) { return finishSend(this.q, id, outcome, status, at); }
  postponeSend(id: string, nextAt: string, status: number | null, tried = true) { return postponeSend(this.q, id, nextAt, status, tried); }
  countRoundSends(roundId: string) { return countRoundSends(this.q, roundId); }
}
