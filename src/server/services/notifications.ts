/**
 * Notifications to the officer's phone (issue 24). A device tells the server its Web Push subscription
 * (or that the officer said no, or turned them off); events queue their sends in the transaction that
 * makes them (a round opened or reopened, a report returned or accepted); a round's reminders are
 * queued by the scheduler from the store (`queueDueReminders`), and by the superior's "Nhắc ngay".
 * The worker (./notificationWorker.ts) sends what is queued. Why a step reaches a phone once:
 * docs/decisions/0012-push-notifications-exactly-once.md.
 */
import { randomUUID } from 'node:crypto';
import webpush from 'web-push';
import * as z from 'zod/mini';
import { DAY_MS, vietnamDate, vietnamDayStart } from '../../domain/calendar';
import { reportFormRef } from '../../domain/forms/reportForm';
import { daysLeft, type PeriodKind } from '../../domain/period';
import type { ReportDocument } from '../../domain/report';
import {
  DEFAULT_REMINDER_SCHEDULE,
  type PushPayload,
  type PushReach,
  REMINDER_DAYS_LIMITS,
  type ReminderSchedule,
  type RemindNowResponse,
  type RoundReachResponse,
  type UnionReach,
} from '../../domain/notifications';
import { type NodeRound, unionDeadline } from '../../domain/round';
import type { ReviewDecision } from '../../domain/sync';
import type { UnionDevice } from '../../domain/staff';
import type { DeviceReachRecord, KeyPair, NewSend, RoundUnionRecord } from '../store/notifications';
import type { ReportRecord, RoundRecord, StoreWrites } from '../store/store';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { validationFailed } from './errors';
import { isUuid, parseInput } from './input';
import { deadlineReminderPayload, reportAcceptedPayload, reportReturnedPayload, roundOpenedPayload, roundReopenedPayload } from './notificationTexts';
import { noSuch, reaches, requireRole, type StaffActor } from './actors';

/** Who the audit log names for the scheduler's reminders: no person, no node. */
export const SCHEDULER: StaffActor = { staffId: null, username: 'hệ thống', role: 'admin', nodeId: '', nodePath: '/', tokenHash: '', address: null };

export interface SubscriptionRules {
  /** Tests run their own push service on this machine: allow `http://127.0.0.1` and `http://localhost` endpoints. */
  allowLocalEndpoints: boolean;
}

// ---- the device's side ----

function base64urlBytes(text: string): number {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64url').length : -1;
}

const subscriptionSchema = z.object({
  endpoint: z.string().check(z.minLength(1), z.maxLength(2_048)),
  keys: z.object({
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret (RFC 8291).
    p256dh: z.string().check(z.refine((key) => base64urlBytes(key) === 65, 'Not a P-256 public key in base64url.')),
    auth: z.string().check(z.refine((key) => base64urlBytes(key) === 16, 'Not a 16-byte secret in base64url.')),
  }),
  // Milliseconds since 1970, as the browser gives it; within what a date can hold.
  expirationTime: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(8.64e15)))),
});

function endpointAllowed(endpoint: string, rules: SubscriptionRules): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return rules.allowLocalEndpoints && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** `PUT /api/push/subscription`: the device's subscription replaces whatever it said before. */
export async function putPushSubscription(context: ServiceContext, device: UnionDevice, input: unknown, rules: SubscriptionRules): Promise<void> {
  const body = parseInput(subscriptionSchema, input);
  if (!endpointAllowed(body.endpoint, rules))
    throw validationFailed([{ path: 'endpoint', code: 'invalid_endpoint', message: 'The endpoint must be an https URL.' }]);
  const expiresAt = typeof body.expirationTime === 'number' ? new Date(body.expirationTime).toISOString() : null;
  await context.store.write((tx) =>
    tx.notifications.putSubscription({
      deviceId: device.id,
      unionId: device.unionId,
      state: 'subscribed',
      endpoint: body.endpoint,
      p256dh: body.keys.p256dh,
      auth: body.keys.auth,
      expiresAt,
      updatedAt: isoNow(context),
    }),
  );
}

/** `PUT /api/push/refusal` (the officer said no) and `DELETE /api/push/subscription` (turned off in the settings). */
export async function putPushRefusal(context: ServiceContext, device: UnionDevice, state: 'refused' | 'off'): Promise<void> {
  await context.store.write((tx) =>
    tx.notifications.putSubscription({
      deviceId: device.id,
      unionId: device.unionId,
      state,
      endpoint: null,
      p256dh: null,
      auth: null,
      expiresAt: null,
      updatedAt: isoNow(context),
    }),
  );
}

// ---- queueing, in the transaction of the event ----

interface QueueRequest {
  /** Names the event or step; each device's send is keyed `<key>:<device>`, unique in the outbox. */
  key: string;
  unionIds: readonly string[];
  roundId: string | null;
  payloadFor: (unionId: string) => PushPayload;
}

/** Queues one send per live subscription of the unions; returns the sends and the unions they go to. */
async function queueForUnions(tx: StoreWrites, context: ServiceContext, request: QueueRequest): Promise<{ sends: number; unions: Set<string> }> {
  const now = isoNow(context);
  const live = await tx.notifications.liveSubscriptions(request.unionIds, now);
  // One payload per union, however many of its devices get it.
  const payloads = new Map<string, { kind: string; json: string }>();
  const payloadOf = (unionId: string) => {
    let payload = payloads.get(unionId);
    if (!payload) {
      const composed = request.payloadFor(unionId);
      payloads.set(unionId, (payload = { kind: composed.kind, json: JSON.stringify(composed) }));
    }
    return payload;
  };
  const sends: NewSend[] = live.map(({ deviceId, unionId }) => {
    const { kind, json } = payloadOf(unionId);
    return { id: randomUUID(), key: `${request.key}:${deviceId}`, deviceId, unionId, roundId: request.roundId, kind, payload: json, createdAt: now };
  });
  const queued = await tx.notifications.queueSends(sends);
  return { sends: queued, unions: new Set(live.map((entry) => entry.unionId)) };
}

/** Whether the round is open to the union now (open for all, or reopened for it), with its deadline for the union. */
function openDeadline(round: NodeRound, unionId: string): { deadline: string; since: string } | null {
  const { deadline, reopened } = unionDeadline(round, unionId);
  if (round.closedAt != null && !reopened) return null;
  const since = reopened ? (round.reopenings.find((r) => r.unionId === unionId)?.reopenedAt ?? round.openedAt) : round.openedAt;
  return { deadline, since };
}

/** A round just opened: every CĐCS it applies to is told (title, deadline). Call in the opening's transaction. */
export async function queueRoundOpened(tx: StoreWrites, context: ServiceContext, roundId: string): Promise<void> {
  const round = await tx.findRound(roundId);
  if (!round) return;
  const unions = await tx.notifications.roundUnions(round);
  await queueForUnions(tx, context, {
    key: `round_opened:${round.id}:${round.openedAt}`,
    unionIds: unions.map((union) => union.unionId),
    roundId: round.id,
    payloadFor: () => roundOpenedPayload(round, round.deadline),
  });
}

/**
 * A closed round opened again, for everyone (`unionIds` null: those that have not sent) or for one
 * CĐCS. Call in the reopening's transaction, after the change.
 */
export async function queueRoundReopened(tx: StoreWrites, context: ServiceContext, roundId: string, unionIds: readonly string[] | null): Promise<void> {
  const round = await tx.findRound(roundId);
  if (!round) return;
  const targets = unionIds ?? (await tx.notifications.roundUnions(round)).filter((union) => !union.sent).map((union) => union.unionId);
  await queueForUnions(tx, context, {
    key: `round_reopened:${round.id}:${isoNow(context)}`,
    unionIds: targets,
    roundId: round.id,
    payloadFor: (unionId) => roundReopenedPayload(round, unionDeadline(round, unionId).deadline, vietnamDate(context.now())),
  });
}

/** A report returned or accepted: its CĐCS's devices are told. Call in the decision's transaction. */
export async function queueReviewDecision(tx: StoreWrites, context: ServiceContext, report: ReportRecord, review: ReviewDecision): Promise<void> {
  if (review.status !== 'returned' && review.status !== 'accepted') return;
  const period = { year: report.year, kind: report.kind as PeriodKind };
  // The round of the report's own form (a CĐCS may send a Plan 94 and a Mẫu 1 report of one period).
  const form = reportFormRef(JSON.parse(report.documentJson) as Pick<ReportDocument, 'form'>);
  const round = await tx.findRoundForUnion(report.unionId, report.year, report.kind, form.id);
  const facts = { id: report.id, period };
  await queueForUnions(tx, context, {
    key: `report_${review.status}:${report.id}:${review.decidedAt}`,
    unionIds: [report.unionId],
    roundId: round?.id ?? null,
    payloadFor: () => (review.status === 'returned' ? reportReturnedPayload(facts, review.comment) : reportAcceptedPayload(facts)),
  });
}

// ---- reminders ----

/** The moment a reminder `daysBefore` days before `deadline` is due: 08:00 in Vietnam that day. */
export function reminderDueAt(deadline: string, daysBefore: number): number {
  return Date.parse(vietnamDayStart(deadline)) - daysBefore * DAY_MS + DEFAULT_REMINDER_SCHEDULE.hour * 3_600_000;
}

/**
 * The step of a schedule due at `now` for a deadline: the latest one whose moment has come, since the
 * round was opened (or reopened) and before the deadline's day is over. An earlier step whose moment
 * passed unsent (the server was down) is not sent late: the later one says the same, truer.
 */
export function dueStep(daysBefore: readonly number[], deadline: string, since: string, now: Date): number | null {
  const at = now.getTime();
  if (at >= Date.parse(vietnamDayStart(deadline)) + DAY_MS) return null;
  const due = daysBefore.filter((days) => {
    const moment = reminderDueAt(deadline, days);
    return moment <= at && moment >= Date.parse(since);
  });
  return due.length === 0 ? null : Math.min(...due);
}

/**
 * The scheduler's tick: queues every reminder step due now, each once whatever the number of
 * processes or restarts (`reminder_steps` holds the steps taken). Only CĐCS that have not sent, and
 * to whom the round is open, are reminded. Returns the sends queued.
 */
export async function queueDueReminders(context: ServiceContext): Promise<number> {
  const now = context.now();
  const ids = await context.store.notifications.listRoundIdsForReminders(vietnamDate(now));
  const schedules = await context.store.notifications.reminderSchedules(ids);
  let queued = 0;
  for (const id of ids) {
    const schedule = schedules.get(id) ?? DEFAULT_REMINDER_SCHEDULE.daysBefore;
    if (schedule.length === 0) continue;
    const round = await context.store.findRound(id);
    if (!round) continue;
    const unions = await context.store.notifications.roundUnions(round);
    // The CĐCS of one step share its deadline: the round's, or a reopening's own.
    const steps = new Map<string, { deadline: string; days: number; unionIds: string[] }>();
    for (const union of unions) {
      if (union.sent) continue;
      const open = openDeadline(round, union.unionId);
      const days = open && dueStep(schedule, open.deadline, open.since, now);
      if (!open || days == null) continue;
      const key = `${round.id}:${open.deadline}:${days}`;
      const step = steps.get(key) ?? { deadline: open.deadline, days, unionIds: [] };
      step.unionIds.push(union.unionId);
      steps.set(key, step);
    }
    for (const [key, step] of steps) queued += await takeStep(context, round, key, step);
  }
  return queued;
}

async function takeStep(context: ServiceContext, round: RoundRecord, key: string, step: { deadline: string; days: number; unionIds: string[] }): Promise<number> {
  return context.store.write(async (tx) => {
    if (!(await tx.notifications.takeReminderStep(key, round.id, isoNow(context)))) return 0;
    // Read again in the step's transaction: a report sent since the tick looked is not reminded.
    const unsent = new Set((await tx.notifications.roundUnions(round)).filter((union) => !union.sent).map((union) => union.unionId));
    const unionIds = step.unionIds.filter((id) => unsent.has(id));
    const { sends, unions } = await queueForUnions(tx, context, {
      key: `reminder:${key}`,
      unionIds,
      roundId: round.id,
      payloadFor: () => deadlineReminderPayload(round, step.deadline, step.days),
    });
    // One entry per step, not one per device: a province's step would otherwise write thousands.
    await recordAudit(tx, context, SCHEDULER, {
      action: 'push.reminder_sent',
      node: { id: round.openedBy.nodeId, path: round.nodePath },
      target: { kind: 'round', id: round.id },
      after: { scheduled: true, daysBefore: step.days, deadline: step.deadline, unions: unions.size, sends },
    });
    return sends;
  });
}

// ---- the superior's side ----

async function roundInReach(context: ServiceContext, actor: StaffActor, id: string): Promise<RoundRecord> {
  const round = isUuid(id) ? await context.store.findRound(id) : undefined;
  if (!round || !reaches(actor, round.nodePath)) throw noSuch('reporting round');
  return round;
}

function scheduleOf(daysBefore: readonly number[] | undefined): ReminderSchedule {
  return { daysBefore: [...(daysBefore ?? DEFAULT_REMINDER_SCHEDULE.daysBefore)], hour: DEFAULT_REMINDER_SCHEDULE.hour };
}

/** What a union's devices say, the most telling first: one live subscription reaches it. */
function reachOf(devices: readonly DeviceReachRecord[], now: string): PushReach {
  const live = (device: DeviceReachRecord) => device.state === 'subscribed' && (device.expiresAt === null || device.expiresAt > now);
  if (devices.some(live)) return 'subscribed';
  const said = devices.filter((device) => device.state !== null).sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  const last = said[0];
  if (!last) return 'never';
  // A subscription past the expiry its browser gave is as gone as one the push service refused.
  return last.state === 'subscribed' ? 'expired' : (last.state as PushReach);
}

/** `GET /api/staff/rounds/:id/reach` (any role): who the round's notifications can reach, and how its sends stand. */
export async function roundReach(context: ServiceContext, actor: StaffActor, roundId: string): Promise<RoundReachResponse> {
  const round = await roundInReach(context, actor, roundId);
  const store = context.store.notifications;
  const unions = await store.roundUnions(round);
  const [devices, schedules, sends] = await Promise.all([
    store.devicesReach(unions.map((union) => union.unionId)),
    store.reminderSchedules([round.id]),
    store.countRoundSends(round.id),
  ]);
  const byUnion = new Map<string, DeviceReachRecord[]>();
  for (const device of devices) byUnion.set(device.unionId, [...(byUnion.get(device.unionId) ?? []), device]);
  const now = isoNow(context);
  return {
    schedule: scheduleOf(schedules.get(round.id)),
    unions: unions.map((union): UnionReach => {
      const own = byUnion.get(union.unionId) ?? [];
      const lastSyncAt = own.reduce<string | null>((last, device) => (device.lastSeenAt && (!last || device.lastSeenAt > last) ? device.lastSeenAt : last), null);
      return { unionId: union.unionId, name: union.name, code: union.code, sent: union.sent, reach: reachOf(own, now), lastSyncAt, devices: own.length };
    }),
    sends,
  };
}

const scheduleSchema = z.object({
  daysBefore: z.array(z.number().check(z.int(), z.gte(REMINDER_DAYS_LIMITS.min), z.lte(REMINDER_DAYS_LIMITS.max))).check(
    z.maxLength(REMINDER_DAYS_LIMITS.maxSteps),
    z.refine((days) => new Set(days).size === days.length, 'Each day may be named once.'),
  ),
});

/** `PUT /api/staff/rounds/:id/reminders {daysBefore}` (reviewer): the round's reminder schedule. */
export async function setReminderSchedule(context: ServiceContext, actor: StaffActor, roundId: string, input: unknown): Promise<ReminderSchedule> {
  const round = await roundInReach(context, actor, roundId);
  requireRole(actor, 'reviewer', 'set the reminders of reporting rounds');
  const daysBefore = [...parseInput(scheduleSchema, input).daysBefore].sort((a, b) => b - a);
  await context.store.write(async (tx) => {
    const before = scheduleOf((await tx.notifications.reminderSchedules([round.id])).get(round.id));
    await tx.notifications.putReminderSchedule(round.id, daysBefore, isoNow(context), actor.staffId);
    await recordAudit(tx, context, actor, {
      action: 'round.changed',
      node: { id: round.openedBy.nodeId, path: round.nodePath },
      target: { kind: 'round', id: round.id },
      before: { reminderDaysBefore: before.daysBefore },
      after: { reminderDaysBefore: daysBefore },
    });
  });
  return scheduleOf(daysBefore);
}

const remindSchema = z.object({ preview: z.boolean() });

/** The CĐCS of the round that have not sent and to whom it is open. */
function unsentOpen(round: RoundRecord, unions: readonly RoundUnionRecord[]): RoundUnionRecord[] {
  return unions.filter((union) => !union.sent && openDeadline(round, union.unionId) !== null);
}

/**
 * `POST /api/staff/rounds/:id/remind {preview}` (reviewer): "Nhắc ngay", a reminder now to every CĐCS
 * of the round that has not sent and can be reached; the preview says who, and queues nothing.
 */
export async function remindNow(context: ServiceContext, actor: StaffActor, roundId: string, input: unknown): Promise<RemindNowResponse> {
  const round = await roundInReach(context, actor, roundId);
  requireRole(actor, 'reviewer', 'send reminders');
  const { preview } = parseInput(remindSchema, input);
  const recipientsOf = async (tx: Pick<StoreWrites, 'notifications'>) => {
    const unions = unsentOpen(round, await tx.notifications.roundUnions(round));
    const live = new Set((await tx.notifications.liveSubscriptions(unions.map((union) => union.unionId), isoNow(context))).map((entry) => entry.unionId));
    return unions.filter((union) => live.has(union.unionId));
  };
  if (preview) return { recipients: (await recipientsOf(context.store)).map(({ unionId, name }) => ({ unionId, name })), queued: 0 };
  return context.store.write(async (tx) => {
    const recipients = await recipientsOf(tx);
    const { sends } = await queueForUnions(tx, context, {
      key: `remind:${round.id}:${randomUUID()}`,
      unionIds: recipients.map((union) => union.unionId),
      roundId: round.id,
      payloadFor: (unionId) => {
        const { deadline } = unionDeadline(round, unionId);
        return deadlineReminderPayload(round, deadline, daysLeft(deadline, context.now()));
      },
    });
    await recordAudit(tx, context, actor, {
      action: 'push.reminder_sent',
      node: { id: round.openedBy.nodeId, path: round.nodePath },
      target: { kind: 'round', id: round.id },
      after: { scheduled: false, unions: recipients.length, sends },
    });
    return { recipients: recipients.map(({ unionId, name }) => ({ unionId, name })), queued: sends };
  });
}

// ---- the server's key ----

/**
 * The server's VAPID key pair (RFC 8292): made by the first process that asks, at its start, and kept
 * in the store, so that it survives restarts and travels with the store's backups (a new key would
 * orphan every subscription: browsers bind a subscription to the key it was made with).
 */
export async function vapidKeys(context: ServiceContext): Promise<KeyPair> {
  return context.store.notifications.ensureKeyPair('vapid', () => webpush.generateVAPIDKeys(), isoNow(context));
}

/** `GET /api/push/key`: what the browser's `pushManager.subscribe` needs as `applicationServerKey`. */
export async function pushPublicKey(context: ServiceContext): Promise<{ publicKey: string }> {
  return { publicKey: (await vapidKeys(context)).publicKey };
}
