import { readdir } from 'node:fs/promises';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startTestServer, type TestServer } from '../server/helpers';
import { entryScripts, readDist } from './support/distFiles';
import { distDir } from './support/staticServer';

/** The officer's entry JavaScript budget from issue 3: 140 KB gzipped, KB = 1024 bytes. */
const ENTRY_BUDGET_BYTES = 140 * 1024;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ distDir });
});
afterAll(async () => {
  await server?.close();
});

describe('the production build a phone loads first', () => {
  it(`sends the entry JavaScript in at most ${ENTRY_BUDGET_BYTES} bytes (140 KB), counted as they travel from the server`, async () => {
    const paths = await entryScripts();
    expect(paths.length).toBeGreaterThan(0);
    const files: { path: string; bytes: number }[] = [];
    for (const path of paths) {
      // What Chromium asks for; the count is of the body bytes as they came over the connection.
      const answer = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(answer.body).equals(await readDist(path)), path).toBe(true);
      files.push({ path, bytes: answer.body.length });
    }
    const total = files.reduce((sum, file) => sum + file.bytes, 0);
    const detail = files.map((file) => `${file.path}: ${file.bytes} B`).join(', ');
    expect(total, `entry JS as sent: ${detail}`).toBeLessThanOrEqual(ENTRY_BUDGET_BYTES);
  });

  it('has a Brotli and a gzip copy of every text file, however small, made by the build, the service worker included', async () => {
    const names = await readdir(distDir, { recursive: true });
    const text = names.filter((name) => /\.(?:html|js|css|svg|webmanifest)$/.test(name));
    expect(text).toEqual(expect.arrayContaining(['index.html', 'sw.js', 'manifest.webmanifest']));
    for (const name of text) {
      expect(names, name).toContain(`${name}.br`);
      expect(names, name).toContain(`${name}.gz`);
    }
  });

  it('paints a real shell before any script and allows a strict Content-Security-Policy', async () => {
    const html = (await readDist('index.html')).toString('utf8');
    expect(html).toContain('Đang mở…');
    expect(html).toContain('<title>Báo cáo CĐCS</title>');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is an external file').toMatch(/\bsrc="/);
      expect(body!.trim(), 'no inline script').toBe('');
    }
    expect(html, 'no inline <style>').not.toMatch(/<style\b/i);
    expect(html, 'no style attribute').not.toMatch(/\sstyle\s*=/i);
    expect(html, 'no inline event handler').not.toMatch(/\son[a-z]+\s*=/i);
  });
});
