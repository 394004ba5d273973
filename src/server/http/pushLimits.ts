/**
 * Pushes per device: an officer's app sends a report a few seconds after the last keystroke, so even
 * a fast typist editing several reports stays far below the limit; a device pushing as fast as the
 * server answers (100 revisions of a 200 KB report in a second) gets 429 with Retry-After, which the
 * engine honours. Every push counts here, so @fastify/rate-limit fits (its store is in memory; a
 * shared one is possible with its `store` option, see docs/decisions/0004-hardening-behind-a-proxy.md).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiFailure } from '../services/errors';

export interface PushRule {
  /** Pushes per window per device. */
  limit: number;
  windowMs: number;
}

export async function registerPushLimits(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, {
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
