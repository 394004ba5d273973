/**
 * Load shedding with @fastify/under-pressure: when the event loop has been stalled for long (the server
 * cannot keep up, or a disk hangs its SQLite commits), new requests get `503 overloaded` with
 * `Retry-After` at once instead of queuing until every one of them times out. The phones' sync engine
 * treats a 503 as "try later" and honours Retry-After (src/app/sync/backoff.ts), so nothing typed is lost.
 *
 * Only the event loop's delay is watched, with a high threshold: a server that is merely busy (all
 * pushes answered, only slower) keeps serving; event-loop utilisation is not used because a server at
 * full, healthy throughput sits near 1 and would shed work it can do. Memory limits are left to the
 * operator's process manager.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { ApiError } from '../../domain/sync';

export interface PressureLimits {
  /** Mean event-loop delay over one sample above which requests are shed. */
  maxEventLoopDelayMs: number;
  /** How often the delay is sampled. */
  sampleIntervalMs: number;
  /** What the refusal's Retry-After says. */
  retryAfterSeconds: number;
}

export const DEFAULT_PRESSURE_LIMITS: PressureLimits = {
  // A push takes milliseconds; a second of mean delay means requests are waiting on each other by the dozen.
  maxEventLoopDelayMs: 1_000,
  sampleIntervalMs: 1_000,
  retryAfterSeconds: 10,
};

export async function registerLoadShedding(app: FastifyInstance, limits: PressureLimits): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    sampleInterval: limits.sampleIntervalMs,
    retryAfter: limits.retryAfterSeconds,
    // Our error shape and headers rather than the plugin's default error (which would reach the error
    // handler as an unknown 503).
    pressureHandler: (_request, reply) => {
      reply.code(503).header('Retry-After', String(limits.retryAfterSeconds)).type('application/json; charset=utf-8');
      const body: ApiError = { error: 'overloaded', message: 'The server is overloaded; try again after Retry-After seconds.' };
      return body as never;
    },
  });
}
