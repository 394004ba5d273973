/**
 * Web Push (issue 24): the shapes both sides agree on. The server builds the push payload and the staff
 * answers; the browser shows the notification (public/sw-push.js reads the same payload) and draws
 * the superior's reach view. Kept exactly to the API contract: the server imports this same file.
 */

/** The events that reach an officer's phone as a notification. */
export const PUSH_KINDS = ['round_opened', 'deadline_reminder', 'report_returned', 'report_accepted', 'round_reopened'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** The JSON a push carries (version 1). `url` is `/#/` or `/#/report/<id>`: where a tap leads. */
export interface PushPayload {
  v: 1;
  kind: PushKind;
  title: string;
  body: string;
  url: string;
  tag: string;
}

/** `GET /api/push/key` (no auth): the server's VAPID public key, base64url. */
export interface PushKeyResponse {
  publicKey: string;
}

/** `PUT /api/push/subscription` (device auth): the PushSubscription's own JSON. */
export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expirationTime: number | null;
}

/**
 * Whether a union's officers can be reached by push: `subscribed` (a device holds a live subscription),
 * `never` (no device ever subscribed), `refused` (the officer said no or the browser denied it),
 * `expired` (the push service dropped the subscription), `off` (turned off in the app's settings).
 */
export const PUSH_REACH = ['subscribed', 'never', 'refused', 'expired', 'off'] as const;
export type PushReach = (typeof PUSH_REACH)[number];

/** When reminders go out: so many days before the deadline, at `hour` (Vietnam time). */
export interface ReminderSchedule {
  daysBefore: number[];
  hour: number;
}

/** The schedule a round has until a reviewer changes it: 7, 3 and 1 days before, at 8:00. */
export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = { daysBefore: [7, 3, 1], hour: 8 };

/** What a reviewer may set: whole days from 1 to 30 before the deadline, each once, at most 5 steps. */
export const REMINDER_DAYS_LIMITS = { min: 1, max: 30, maxSteps: 5 } as const;

export interface UnionReach {
  unionId: string;
  name: string;
  code: string | null;
  /** The union has sent its report for the round's period. */
  sent: boolean;
  reach: PushReach;
  lastSyncAt: string | null;
  devices: number;
}

/** How the round's sends went, counted. */
export interface PushSendCounts {
  delivered: number;
  refused: number;
  expired: number;
  pending: number;
}

/** `GET /api/staff/rounds/:id/reach`. */
export interface RoundReachResponse {
  schedule: ReminderSchedule;
  unions: UnionReach[];
  sends: PushSendCounts;
}

/** `PUT /api/staff/rounds/:id/reminders` body; the answer is the `ReminderSchedule` kept. */
export interface RoundRemindersRequest {
  daysBefore: number[];
}

/** `POST /api/staff/rounds/:id/remind` body: `preview` lists who would get it and queues nothing. */
export interface RemindNowRequest {
  preview: boolean;
}

export interface RemindNowResponse {
  recipients: { unionId: string; name: string }[];
  queued: number;
}
