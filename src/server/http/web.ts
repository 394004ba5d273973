/**
 * The built PWA: its files with the caching that keeps updates safe, and the SPA fallback. The headers
 * every answer carries are ./headers.ts.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './errors';
import { isApi } from './headers';

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
