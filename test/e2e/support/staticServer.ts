import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/http/headers';

/** The production build, served the way a real host would: SPA fallback, no caching of sw.js. */
export const distDir = resolve(process.env.E2E_DIST_DIR ?? resolve(import.meta.dirname, '../../../dist'));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Requests answered so far, by path: lets a test prove a page came from the service worker. */
  requests: string[];
  /** Serves a byte-different sw.js from now on, as a new deployment would: the browser sees an update. */
  publishNewWorker(): void;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** `port`: a fixed one where the origin matters (storage recreated from another build's); default any free one. */
export async function serveDist(root = distDir, { port = 0 }: { port?: number } = {}): Promise<StaticServer> {
  const requests: string[] = [];
  let deployment = 0;
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    void (async () => {
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        response.writeHead(403).end();
        return;
      }
      if (!(await isFile(file))) {
        if (path.startsWith('/api/') || extname(path) !== '') {
          response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
          return;
        }
        file = join(root, 'index.html');
      }
      if (deployment > 0 && path === '/sw.js') {
        response.writeHead(200, { 'Content-Type': contentTypes['.js']!, 'Cache-Control': 'no-cache' });
        response.end(Buffer.concat([await readFile(file), Buffer.from(`\n// deployment ${deployment}\n`)]));
        return;
      }
      const noCache = /(?:^|\/)(?:sw\.js|index\.html|manifest\.webmanifest|registerSW\.js)$/.test(file);
      response.writeHead(200, {
        // The server's own policy: the app must run under it without a single violation.
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': noCache ? 'no-cache' : 'public, max-age=31536000, immutable',
      });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    publishNewWorker: () => {
      deployment++;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
