/**
 * The worker that sends what ./notifications.ts queued: it claims due sends from the outbox with a
 * lease, encrypts each for its subscription (RFC 8291, aes128gcm) and signs it with the server's VAPID
 * key (RFC 8292) through `web-push`, posts it to the push service and records the answer:
 *
 * - 201/202 delivered (the push service has it); 404/410 expired, and the subscription is dropped;
 *   any other 4xx refused;
 * - 429, 5xx or no answer: tried again later, with exponential backoff or the push service's
 *   Retry-After, whichever is longer; the push service's host then waits as long, so one busy service
 *   is not hammered by the rest of a round. After `maxAttempts` the send counts as refused.
 *
 * Sends are bounded in rate per process (`ratePerSecond`: no second holds more, the sends are spaced
 * evenly) and in number in flight (`concurrency`): a province's round of thousands of CĐCS goes out
 * over minutes, not in one burst. The scheduler (`queueDueReminders`) runs at start and every
 * `scheduleEveryMs`; the outbox is looked at every `deliverEveryMs`. Tests call `tick()` with a moved
 * clock instead of the timers.
 */
import webpush from 'web-push';
import type { ClaimedSend, KeyPair } from '../store/notifications';
import { type ServiceContext, isoNow } from './context';
import { queueDueReminders, vapidKeys } from './notifications';

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** The push service's answer; `status` 0 when there was none (network error, timeout). */
export interface PushAnswer {
  status: number;
  retryAfter: string | null;
}

/** How a request reaches the push service; tests may put their own in front of the network. */
export type PushTransport = (request: PushRequest, timeoutMs: number) => Promise<PushAnswer>;

export const fetchTransport: PushTransport = async (request, timeoutMs) => {
  try {
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers,
      ...(request.body ? { body: new Uint8Array(request.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  } catch {
    return { status: 0, retryAfter: null };
  }
};

export interface NotificationWorkerOptions {
  /** VAPID `sub`: a `mailto:` or `https:` address the push services can reach the operator at. */
  subject: string;
  transport: PushTransport;
  /** Sends per second per process: at most this many in any second, one every 1/ratePerSecond seconds. */
  ratePerSecond: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** A request's timeout; the lease on a claimed send is longer, so it never ends while its request can still be answered. */
  sendTimeoutMs: number;
  /** How many sends one claim takes. */
  batch: number;
  /** Backoff: the first wait, and the longest. */
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** How long a notification waits at the push service for a phone that is off (seconds). */
  ttlSeconds: number;
  deliverEveryMs: number;
  scheduleEveryMs: number;
  /** Where the worker says what went wrong (the server's log). */
  log: (error: unknown, message: string) => void;
}

export const DEFAULT_NOTIFICATION_OPTIONS: NotificationWorkerOptions = {
  subject: 'mailto:admin@example.invalid',
  transport: fetchTransport,
  ratePerSecond: 20,
  concurrency: 8,
  sendTimeoutMs: 30_000,
  batch: 50,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3_600_000,
  maxAttempts: 8,
  ttlSeconds: 2 * 86_400,
  deliverEveryMs: 5_000,
  scheduleEveryMs: 60_000,
  log: () => undefined,
};

/**
 * The pace of the sends, on the real clock (rates are about the network, not about the calendar the
 * tests move): a token bucket that holds one token, so two sends are always 1/ratePerSecond apart and
 * no second holds more than the rate. A bucket holding more would let that many go at once after a
 * pause, on top of the second's own: with a burst of B, a second could hold B + rate − 1.
 */
class SendPace {
  #tokens = 1;
  #last = performance.now();
  constructor(private readonly ratePerSecond: number) {}

  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.#tokens = Math.min(1, this.#tokens + ((now - this.#last) / 1_000) * this.ratePerSecond);
      this.#last = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, ((1 - this.#tokens) / this.ratePerSecond) * 1_000));
    }
  }
}

/** Seconds or an HTTP date, as Retry-After says it; null when it says neither. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** A short, stable Topic (RFC 8030 §5.4) per send: a copy sent again replaces one still waiting at the push service. */
function topicOf(key: string): string {
  return Buffer.from(key).toString('base64url').slice(-32);
}

export interface TickOutcome {
  /** Reminder sends the scheduler queued. */
  queued: number;
  /** Sends that got an answer for good (delivered, refused, expired) or were dropped. */
  finished: number;
}

export class NotificationWorker {
  readonly #options: NotificationWorkerOptions;
  readonly #pace: SendPace;
  /** Hosts that asked us to wait, until when (the context's clock, ms). */
  readonly #pausedHosts = new Map<string, number>();
  #keys: KeyPair | null = null;
  #timers: NodeJS.Timeout[] = [];
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly context: ServiceContext,
    options: Partial<NotificationWorkerOptions> = {},
  ) {
    this.#options = { ...DEFAULT_NOTIFICATION_OPTIONS, ...options };
    this.#pace = new SendPace(this.#options.ratePerSecond);
  }

  /** Makes (first start) or reads the VAPID key pair. */
  async keys(): Promise<KeyPair> {
    this.#keys ??= await vapidKeys(this.context);
    return this.#keys;
  }

  /** The scheduler's step and the outbox, once: what the timers do, for tests to call with their clock. */
  async tick(): Promise<TickOutcome> {
    const queued = await queueDueReminders(this.context);
    const finished = await this.deliver();
    return { queued, finished };
  }

  /** Sends every send due now, batch after batch, until none is left that this process may take. */
  async deliver(): Promise<number> {
    const { leaseMs } = this.#timing();
    let finished = 0;
    while (!this.#stopped) {
      const now = this.context.now();
      const claimed = await this.context.store.write((tx) =>
        tx.notifications.claimDueSends(now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), this.#options.batch),
      );
      if (claimed.length === 0) break;
      finished += await this.#sendAll(claimed);
    }
    return finished;
  }

  /** Starts the timers (main.ts): the scheduler now and every minute, the outbox every few seconds. */
  start(): void {
    this.#stopped = false;
    const run = (work: () => Promise<unknown>) => {
      this.#running = this.#running.then(work).catch((error: unknown) => this.#options.log(error, 'notifications failed'));
    };
    run(() => this.keys());
    run(() => this.tick());
    this.#timers.push(
      setInterval(() => run(() => queueDueReminders(this.context)), this.#options.scheduleEveryMs),
      setInterval(() => run(() => this.deliver()), this.#options.deliverEveryMs),
    );
    for (const timer of this.#timers) timer.unref();
  }

  /** Stops the timers and waits for the work in hand; a send claimed and not answered is retried after its lease. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#running;
  }

  #timing() {
    return { leaseMs: 2 * this.#options.sendTimeoutMs + 1_000 };
  }

  async #sendAll(claimed: ClaimedSend[]): Promise<number> {
    let finished = 0;
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const send = claimed[next++] as ClaimedSend;
        if (await this.#sendOne(send)) finished += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, claimed.length) }, lane));
    return finished;
  }

  /** One send: true when it is finished for good, false when it waits for another try. */
  async #sendOne(send: ClaimedSend): Promise<boolean> {
    const notifications = this.context.store.notifications;
    if (!send.endpoint || !send.p256dh || !send.auth) {
      // The device turned notifications off, refused, or was revoked since the send was queued.
      await notifications.finishSend(send.id, 'dropped', null, isoNow(this.context));
      return true;
    }
    const host = new URL(send.endpoint).host;
    const pausedUntil = this.#pausedHosts.get(host) ?? 0;
    if (pausedUntil > this.context.now().getTime()) {
      await notifications.postponeSend(send.id, new Date(pausedUntil).toISOString(), null, false);
      return false;
    }
    await this.#pace.take();
    const keys = await this.keys();
    let request: PushRequest;
    try {
      const details = webpush.generateRequestDetails({ endpoint: send.endpoint, keys: { p256dh: send.p256dh, auth: send.auth } }, send.payload, {
        vapidDetails: { subject: this.#options.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: this.#options.ttlSeconds,
        topic: topicOf(send.key),
        urgency: 'normal',
        contentEncoding: 'aes128gcm',
      });
      request = { endpoint: details.endpoint, method: details.method, headers: details.headers as Record<string, string>, body: details.body };
    } catch (error) {
      // A subscription whose keys cannot encrypt (checked on the way in, so only a corrupted row).
      this.#options.log(error, 'push: cannot encrypt for the subscription');
      await notifications.finishSend(send.id, 'refused', null, isoNow(this.context));
      return true;
    }
    const answer = await this.#options.transport(request, this.#options.sendTimeoutMs);
    const at = isoNow(this.context);
    if (answer.status >= 200 && answer.status < 300) {
      await notifications.finishSend(send.id, 'delivered', answer.status, at);
      return true;
    }
    if (answer.status === 404 || answer.status === 410) {
      await this.context.store.write(async (tx) => {
        await tx.notifications.finishSend(send.id, 'expired', answer.status, at);
        await tx.notifications.expireSubscription(send.deviceId, send.endpoint as string, at);
      });
      return true;
    }
    const retryable = answer.status === 0 || answer.status === 429 || answer.status >= 500;
    if (!retryable || send.attempts >= this.#options.maxAttempts) {
      await notifications.finishSend(send.id, 'refused', answer.status || null, at);
      return true;
    }
    const backoff = Math.min(this.#options.retryMaxMs, this.#options.retryBaseMs * 2 ** (send.attempts - 1));
    const now = this.context.now().getTime();
    const wait = Math.max(backoff, retryAfterMs(answer.retryAfter, now) ?? 0);
    if (answer.status === 429 || answer.status === 503) this.#pausedHosts.set(host, now + wait);
    await notifications.postponeSend(send.id, new Date(now + wait).toISOString(), answer.status || null);
    return false;
  }
}
