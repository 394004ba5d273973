import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startTestServer, type TestServer } from '../server/helpers';
import { launchBrowser } from './support/browser';
import { entryGzippedBytes, entryScripts, gzippedBytes, officerStartScripts, readDist } from './support/distFiles';
import { distDir } from './support/staticServer';

/** The officer's entry JavaScript budget from issue 3: 140 KB gzipped, KB = 1024 bytes. */
const ENTRY_BUDGET_BYTES = 140 * 1024;

/**
 * Every script a first visit's browser fetches, as Chromium counts them (issue 22): for the list's main
 * action to be usable, and what the start loads right after it (the service worker's registration with
 * workbox-window, the sync engine); screens not opened are not fetched. First measured on 2026-12-07 at
 * 141,175 bytes over the wire with Brotli; report forms then took it to 142,490 (142,549 on the tree this
 * change started from: the list's form reports, the database's `forms` table, the feed's forms, the two
 * new refusals' texts).
 * Measured again on 2026-12-07 with this test (it prints the list): 11 scripts, 140,525 bytes with Brotli
 * (161,301 as gzip would send them), after moving out of the start what a first visit never draws or
 * runs: the profile, backup and settings screens' texts (now in their chunks, about 1.2 KB), Settings'
 * install, notification and storage parts (re-exported by pwa/index.ts, which pulled them into the app
 * chunk), the enrolment's calls (loaded by the enrolment screen, not with the sync engine), and the answer
 * to a merge's conflicts (domain/conflicts.ts, for the conflict question only). The budget keeps that
 * from growing by more than 1 KB; more means moving code out of the start, or saying here why not.
 */
const FIRST_VISIT_SCRIPT_BUDGET = { files: 11, wireBytes: 140_525 + 1024 };

/**
 * Issue 24: push notifications may not grow the officer's entry by more than 2 KB gzipped. The entry
 * before them, on the last landed main (8a22e3f, stop 18): 126,211 B gzipped (that stop's note, the
 * same count as entryGzippedBytes). Measured with everything since (issues 20-24) on 2026-12-07: 127,350 B.
 */
const ENTRY_BEFORE_PUSH_GZIPPED = 126_211;

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ distDir }), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([server?.close(), browser?.close()]);
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

  it('keeps the entry within 2 KB gzipped of its size before push notifications', async () => {
    const { total, files } = await entryGzippedBytes();
    expect(total, files.map((file) => `${file.path}: ${file.gzipped} B`).join(', ')).toBeLessThanOrEqual(ENTRY_BEFORE_PUSH_GZIPPED + 2048);
  });

  it(`fetches at most ${FIRST_VISIT_SCRIPT_BUDGET.files} scripts, ${FIRST_VISIT_SCRIPT_BUDGET.wireBytes} bytes on the wire, on a first visit until "Tạo báo cáo" can be used and the start is done, as Chromium counts them`, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const scripts: { url: string; wireBytes: Promise<number> }[] = [];
      page.on('requestfinished', (request) => {
        // Every script the page fetched, whatever asked for it (a module, a preload, an import()).
        if (request.resourceType() === 'script') scripts.push({ url: request.url(), wireBytes: request.sizes().then((sizes) => sizes.responseBodySize) });
      });
      await page.goto(server.url);
      await page.locator('[data-testid="create-report"]:enabled').waitFor();
      // What the start asks for runs on after the action is usable (the service worker's registration
      // imports workbox-window), and whether it arrives before or after is a race: count the whole first
      // visit, until the page has fetched nothing for half a second. Screens not opened are not fetched.
      // On a busy machine the network fell idle before the start's idle-time work had begun (9 or 10
      // scripts counted instead of 11): wait for the registration, which comes last (after `load`, in the
      // same idle moments as the sync engine, queued before it), so that the count cannot fall short.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.waitForLoadState('networkidle');
      const fetched = await Promise.all(scripts.map(async (script) => ({ path: new URL(script.url).pathname, wireBytes: await script.wireBytes })));
      const detail = fetched.map((script) => `${script.path}: ${script.wireBytes} B`).join(', ');
      const wireBytes = fetched.reduce((sum, script) => sum + script.wireBytes, 0);
      const gzipBytes = (await Promise.all(fetched.map(async (script) => gzippedBytes(await readDist(script.path))))).reduce((a, b) => a + b, 0);
      console.info(`first visit: ${fetched.length} scripts, ${wireBytes} B on the wire (Brotli), ${gzipBytes} B as gzip; ${detail}`);
      // The count is of real transfers: each body as it came, and never nothing.
      expect(fetched.every((script) => script.wireBytes > 0), detail).toBe(true);
      expect(fetched.length, detail).toBeLessThanOrEqual(FIRST_VISIT_SCRIPT_BUDGET.files);
      expect(wireBytes, detail).toBeLessThanOrEqual(FIRST_VISIT_SCRIPT_BUDGET.wireBytes);
    } finally {
      await context.close();
    }
  });

  it("marks the scripts of the officer's start for V8 to compile whole as they stream in, and no other screen's", async () => {
    // The hint is a comment: a minifier or a bundler upgrade that drops it would slow the start silently.
    // V8 reads it only as the first line: under Vite's `__vite__mapDeps` line it did nothing (issue 22).
    const hinted = async (path: string) => (await readDist(path)).toString('utf8').startsWith('//# allFunctionsCalledOnLoad\n');
    const start = await officerStartScripts();
    expect(start.some((path) => /\/ReportEditorScreen-/.test(path))).toBe(true);
    // The bundler's runtime (a few helpers) is left as it is; boot's and the app chunk are not hinted (vite.config.ts says why).
    const unhinted = (path: string) => /\/(?:rolldown-runtime|index|main)-/.test(path);
    expect(start.filter(unhinted)).toHaveLength(3);
    for (const path of start) expect(await hinted(path), path).toBe(!unhinted(path));
    const assets = (await readdir(join(distDir, 'assets'))).filter((name) => name.endsWith('.js'));
    const elsewhere = ['StaffApp', 'PrintScreen', 'BackupScreen'].map((screen) => {
      const found = assets.filter((name) => name.startsWith(`${screen}-`));
      expect(found, screen).toHaveLength(1);
      return `/assets/${found[0]}`;
    });
    for (const path of elsewhere) expect(await hinted(path), path).toBe(false);
  });

  it("builds no zod schema in the officer's start: the schemas are the server's and a backup import's", async () => {
    // zod/mini's schemas keep their internals under `_zod`, which no minifier renames.
    for (const path of await officerStartScripts()) expect((await readDist(path)).toString('utf8'), path).not.toContain('_zod');
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
