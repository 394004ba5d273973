/**
 * The guessing limits (../services/rateLimits.ts) as a Fastify hook: a request holds a slot of its key
 * from its start until its answer has left.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../services/errors';
import type { AttemptLimiter } from '../services/rateLimits';

/**
 * A Fastify hook (onRequest for the address, preHandler once the body names the account) that holds
 * a slot of `limiter` for the request's key until the answer has left. `keyOf` returning null skips.
 */
export function limitAttempts(limiter: AttemptLimiter, keyOf: (request: FastifyRequest) => string | null | Promise<string | null>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = await keyOf(request);
    if (key === null) return;
    const attempt = await limiter.begin(key);
    if (!('end' in attempt)) {
      reply.header('Retry-After', String(attempt.retryAfterSeconds));
      throw new ApiFailure(429, 'rate_limited', 'Too many failed attempts; wait and try again.', { retryAfterSeconds: attempt.retryAfterSeconds });
    }
    // 'close' comes once the answer has gone or the connection broke. An answer that never left
    // counts as a failure: a guesser must not be able to hang up to keep his guesses free.
    const settle = () => void attempt.end(!(reply.raw.writableFinished && reply.raw.statusCode < 400)).catch((error: unknown) => request.log.error({ err: error }, 'releasing a rate-limit slot failed'));
    if (reply.raw.closed) settle();
    else reply.raw.once('close', settle);
  };
}
