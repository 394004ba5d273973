/**
 * What the request log holds (Fastify's own logger, pino, one JSON line per event): every line of a
 * request carries its id (`reqId`, a fresh UUID, never one the client sends), the method, the path and the
 * status, and nothing a reader of the log should not read: no header (Authorization carries tokens), no
 * query string (an enrolment link carries its code), no body (passwords, codes, report figures). What is
 * left out is also redacted by name, should a handler ever log an object that holds it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** The path without its query string. */
function pathOnly(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export const REDACTED_PATHS = [
  'req.headers',
  'req.query',
  'req.body',
  'headers',
  'body',
  'query',
  '*.authorization',
  '*.password',
  '*.token',
  '*.code',
  '*.document',
];

/** Fastify's options for the log: the serializers and redaction above, added to the caller's level. */
export function requestLogging(logger: FastifyServerOptions['logger']): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  const base = logger === true ? {} : logger;
  const options =
    base && typeof base === 'object'
      ? {
          ...base,
          redact: { paths: REDACTED_PATHS, censor: '[hidden]' },
          serializers: {
            req: (request: FastifyRequest) => ({ method: request.method, path: pathOnly(request.url), remoteAddress: request.ip }),
            res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
          },
        }
      : false;
  return { logger: options, genReqId: () => randomUUID(), requestIdHeader: false };
}
