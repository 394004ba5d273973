/**
 * Pushes per device: an officer's app sends a report a few seconds after the last keystroke, so even
 * a fast typist editing several reports stays far below the limit; a device pushing as fast as the
 * server answers (100 revisions of a 200 KB report in a second) gets 429 with Retry-After, which the
 * engine honours. Every push counts here, so @fastify/rate-limit fits: its own store is in memory, for
 * one process; `DatabasePushStore` counts in the database, for several processes on one PostgreSQL
 * (docs/decisions/0004-hardening-behind-a-proxy.md).
 */
import fastifyRateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/context';
import { ApiFailure } from '../services/errors';
import { countPush, type PushRule } from '../services/rateLimits';

/**
 * The plugin's store contract (its README, "Custom store"; index.js builds it with `new Store(options)`
 * and asks it for a `child` per route): `incr` adds one to the key's window and answers the count and
 * the milliseconds left. Here that is one upsert on the shared `attempt_windows` table, with the app's
 * clock. `read` (only for `{ increment: false }`, which we never call) is not offered.
 */
export function databasePushStore(context: ServiceContext): FastifyRateLimitStoreCtor {
  class DatabasePushStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countPush(context.store, key, timeWindow, context.now().getTime()).then(
        ({ counted, msLeft }) => callback(null, { current: counted, ttl: msLeft }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      // The window's length arrives with every incr; the key already names the device.
      return new DatabasePushStore();
    }
  }
  return DatabasePushStore;
}

/** `store`: the plugin's in-memory one when omitted (one process). */
export async function registerPushLimits(app: FastifyInstance, store?: FastifyRateLimitStoreCtor): Promise<void> {
  await app.register(fastifyRateLimit, {
    ...(store ? { store } : {}),
    // Only the routes that ask (pushRateLimit below); the guessing limits are attemptLimits.ts.
    global: false,
    // Retry-After on a refusal only: no X-RateLimit-* bytes on every push.
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiFailure(429, 'rate_limited', 'This device pushes too often; wait and try again.', { retryAfterSeconds });
    },
  });
}

/** The route config for a device's pushes: keyed on the device the token named (deviceAuth runs first). */
export function pushRateLimit(rule: PushRule) {
  return {
    rateLimit: {
      max: rule.limit,
      timeWindow: rule.windowMs,
      hook: 'onRequest' as const,
      keyGenerator: (request: FastifyRequest) => `push:${request.device?.id ?? request.ip}`,
    },
  };
}
