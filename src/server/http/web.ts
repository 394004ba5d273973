/**
 * The built PWA and the headers every answer carries. The app is served from the same origin as the
 * API, which is what lets the Content-Security-Policy be this strict.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiFailure } from '../services/errors';
import { sendApiError } from './errors';

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
 * The worker, the scripts it imports (`sw-*.js`: the browser's update check reads them through the HTTP cache)
 * and the page that lists the hashed files must never be cached stale: the update flow depends on it.
 */
function cacheControlFor(path: string): string {
  const name = path.split(sep).at(-1) ?? '';
  if (path.includes(`${sep}assets${sep}`)) return 'public, max-age=31536000, immutable';
  if (name === 'sw.js' || /^sw-.*\.js$/.test(name) || name === 'index.html' || name.endsWith('.webmanifest') || name === 'registerSW.js') return 'no-cache';
  return 'public, max-age=3600';
}

export function registerHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApi(request.url)) {
      for (const [name, value] of Object.entries(API_HEADERS)) reply.header(name, value);
      if (request.headers.origin) for (const [name, value] of Object.entries(CORS_HEADERS)) reply.header(name, value);
    } else {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
    }
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

/** The files the build precompresses (vite.config.ts): their answer depends on Accept-Encoding. */
const TEXT_FILE = /\.(?:html|js|mjs|css|svg|json|webmanifest|txt|xml)$/;

export async function registerWeb(app: FastifyInstance, distDir: string | null): Promise<void> {
  const hasApp = distDir !== null && existsSync(join(distDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, {
      root: distDir,
      cacheControl: false,
      // The build wrote `.br` and `.gz` beside every text file: they are sent as they are, never
      // compressed per request (a file without a copy, or a client that accepts neither, gets the original).
      preCompressed: true,
      setHeaders: (res, path) => {
        const original = path.replace(/\.(?:br|gz)$/, '');
        res.setHeader('Cache-Control', cacheControlFor(original));
        // A cache between the server and a phone must keep the Brotli, gzip and plain answers apart.
        if (TEXT_FILE.test(original)) res.setHeader('Vary', 'Accept-Encoding');
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (isApi(request.url)) return sendApiError(reply, 404, 'not_found', 'No such endpoint.');
    // A page the PWA routes itself (e.g. /reports/…) opens the app; a missing file stays a 404.
    const navigation = (request.method === 'GET' || request.method === 'HEAD') && /text\/html/.test(request.headers.accept ?? '');
    if (hasApp && navigation) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    return reply.code(404).type('text/plain; charset=utf-8').send(hasApp ? 'Not found' : 'Not found (the app is not built: run npm run build)');
  });
}
