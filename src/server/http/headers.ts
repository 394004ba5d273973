/**
 * The headers every answer carries: a page of the app its strict Content-Security-Policy (the app is
 * served from the same origin as the API, which is what lets it be this strict), a JSON answer the API's
 * short set. Also what tells an API request from a page's, which the error answers and compression use.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../services/errors';

/** The `charset` parameter of a Content-Type, lower case and unquoted; null when there is none. */
export function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  if (!match) return null;
  return (match[1] ?? match[2] ?? '').toLowerCase();
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What a page of the app carries. */
const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The camera stays allowed for scanning an enrolment QR code later.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=()',
};

/**
 * What a JSON answer carries: enough that it is never sniffed, framed or cached, and short, because a
 * device that pulls and finds nothing new should cost almost no bytes.
 */
export const API_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const CORS_HEADERS: Record<string, string> = {
  // Tokens travel in Authorization, never in cookies, so another origin gains nothing it could not do itself.
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After, Idempotency-Replayed',
};

/** Whether a route or a decoded path belongs to the API. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
}

/**
 * Whether a request is for the API, judged on the path as the router sees it (percent-decoded), so
 * that `/%61pi/…` gets the API's headers like `/api/…`. A path that does not decode is the router's
 * 400, answered as the API answers.
 */
export function isApi(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  try {
    return isApiPath(decodeURIComponent(path));
  } catch {
    return true;
  }
}

/**
 * Sets the headers the request's answer carries (the API's or a page's). Called from `onSend`, and
 * directly by the answers that leave without running the hooks: Fastify's `frameworkErrors` (a path
 * that does not percent-decode, `/api/%zz`) sends its reply before any hook of ours.
 */
export function setAnswerHeaders(request: Pick<FastifyRequest, 'url' | 'headers'>, reply: FastifyReply): void {
  if (isApi(request.url)) {
    for (const [name, value] of Object.entries(API_HEADERS)) reply.header(name, value);
    if (request.headers.origin) for (const [name, value] of Object.entries(CORS_HEADERS)) reply.header(name, value);
  } else {
    for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
  }
}

export function registerHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    setAnswerHeaders(request, reply);
    return payload;
  });

  // Only UTF-8 is read (JSON is UTF-8, RFC 8259); another charset would be stored mangled.
  app.addHook('onRequest', async (request) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8')
      throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json in UTF-8 (charset=utf-8 or no charset).');
  });

  app.options('/api/*', async (_request, reply) =>
    reply
      .code(204)
      .header('Access-Control-Allow-Origin', '*')
      .header('Access-Control-Allow-Methods', 'GET, PUT, POST, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key')
      .header('Access-Control-Max-Age', '86400')
      .send(),
  );
}
