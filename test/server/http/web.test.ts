/** The built app as the server hands it out: caching that keeps updates safe, SPA fallback, strict headers. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startTestServer, type TestServer } from '../helpers';

const INDEX_HTML = '<!doctype html><title>Báo cáo CĐCS</title><script type="module" src="/assets/index-AbC123.js"></script>';
const BIG_SCRIPT = `export const rows = [${Array.from({ length: 2_000 }, (_, i) => `"Công đoàn cơ sở số ${i}"`).join(',')}];`;

describe('serving the PWA', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'bao-cao-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX_HTML);
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(dist, 'sw-background-sync.js'), 'self.addEventListener("sync", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Báo cáo CĐCS"}');
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log(1);');
    // What the build writes beside a large text file (vite.config.ts): its Brotli and gzip copies.
    writeFileSync(join(dist, 'assets', 'app-Zz9.js'), BIG_SCRIPT);
    writeFileSync(join(dist, 'assets', 'app-Zz9.js.br'), brotliCompressSync(BIG_SCRIPT));
    writeFileSync(join(dist, 'assets', 'app-Zz9.js.gz'), gzipSync(BIG_SCRIPT));
    writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(INDEX_HTML));
    server = await startTestServer({ distDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html and sw.js uncached, hashed assets immutable', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Báo cáo CĐCS');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const worker = await fetch(`${server.url}/sw.js`);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    // A script the worker imports is part of its update check: a cached copy would hold an old worker for an hour.
    expect((await fetch(`${server.url}/sw-background-sync.js`)).headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/index-AbC123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/manifest.webmanifest`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the Brotli or gzip copy the build made, as it is, with Vary, and the original to a client that takes neither', async () => {
    const url = `${server.url}/assets/app-Zz9.js`;
    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.body.length).toBeLessThan(BIG_SCRIPT.length / 5);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(BIG_SCRIPT);

    const gzipped = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(BIG_SCRIPT);

    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(BIG_SCRIPT);

    // A file the build left alone (too small) goes out as it is, not compressed per request.
    const small = await rawGet(`${server.url}/assets/index-AbC123.js`, { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log(1);');

    // The page itself and the app routes that open it, still never cached stale.
    const page = await rawGet(`${server.url}/reports/2025`, { accept: 'text/html', 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toBe(INDEX_HTML);
  });

  it('compresses large API answers, and leaves small ones as they are', async () => {
    const device = await server.enrolDevice();
    const staff = await server.staffSession();
    for (let i = 0; i < 30; i++) await server.createUnion(`CĐCS Công ty Cổ phần Dệt may Tây Ninh số ${i}`);
    const large = await rawGet(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { ...staff.headers, 'accept-encoding': 'br, gzip' });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers.vary).toMatch(/accept-encoding/i);
    expect(large.headers['cache-control']).toBe('no-store');
    const decoded = JSON.parse(brotliDecompressSync(large.body).toString()) as { unions: unknown[] };
    expect(decoded.unions.length).toBeGreaterThanOrEqual(30);

    const small = await rawGet(`${server.url}/api/reports`, { ...device.headers, 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ reports: [] });
  });

  it('opens the app for a navigation to any app route, but a missing file stays 404', async () => {
    const deep = await fetch(`${server.url}/reports/2025/edit`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Báo cáo CĐCS</title>');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${server.url}/assets/missing-123.js`)).status).toBe(404);
  });

  it('answers unknown /api paths with JSON 404, not the app', async () => {
    const answer = await fetch(`${server.url}/api/unknown`, { headers: { accept: 'text/html' } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: 'not_found' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    // A JSON answer is locked down but short: a pull that finds nothing new costs few bytes.
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('permissions-policy')).toBeNull();
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const answer = await fetch(`${server.url}/`);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
  });

  it('lets the app on another origin call the API (preflight), exposing ETag and Retry-After', async () => {
    const preflight = await fetch(`${server.url}/api/reports/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const health = await fetch(`${server.url}/api/health`, { headers: { origin: 'https://example.org' } });
    expect(health.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });
});

describe('without a built app', () => {
  it('still serves the API and says plainly that the app is not built', async () => {
    const server = await startTestServer({ distDir: join(tmpdir(), 'no-such-dist-folder') });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      expect(await page.text()).toMatch(/not built/);
    } finally {
      await server.close();
    }
  });
});
