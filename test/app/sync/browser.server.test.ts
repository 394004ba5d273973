/**
 * The engine's browser wiring in a real Chromium against the real server: the lazily loaded engine
 * starts, enrolment pushes a report drafted before it, an edit made offline waits (status
 * "offline"), and the `online` event sends it. Only the sync modules are bundled (Vite), without
 * the app's screens, so this runs before the app mounts them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../e2e/support/browser';
import { startTestServer, type TestServer } from '../../server/helpers';

let dir: string;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bao-cao-cdcs-sync-browser-'));
  const src = resolve(__dirname, '../../../src/app');
  writeFileSync(
    join(dir, 'entry.ts'),
    `import * as sync from '${src}/sync';
import { getLocalStore } from '${src}/db';
Object.assign(window, { sync, store: getLocalStore() });
document.body.dataset.ready = 'yes';
`,
  );
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>sync</title><script type="module" src="./entry.ts"></script></head><body></body></html>',
  );
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'dist'), target: 'es2020' } });
  server = await startTestServer({ distDir: join(dir, 'dist') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface PageGlobals {
  sync: typeof import('../../../src/app/sync');
  store: import('../../../src/app/db').LocalStore;
}

/** Resolves when the engine reports `state` and, if given, the report has nothing left to send. Event-driven. */
function waitForEngine(page: Page, state: string, reportId?: string): Promise<void> {
  return page.evaluate(
    ([wanted, id]) =>
      new Promise<void>((resolve) => {
        const { sync, store } = window as unknown as PageGlobals;
        let done = false;
        const check = async () => {
          if (done || sync.getSyncStatus().state !== wanted) return;
          if (id !== undefined && (await store.reports.get(id))?.sync.pending !== false) return;
          done = true;
          stop();
          resolve();
        };
        const stop = sync.subscribeSyncStatus(() => void check());
        void check();
      }),
    [state, reportId] as const,
  );
}

describe('sync in Chromium', () => {
  it('pushes a report drafted before enrolment, and an offline edit once the browser is back online', async () => {
    const union = await server.createUnion('CĐCS Công ty Giày Hòa Thành');
    const { code } = await server.issueCode(union.id);
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/index.html`);
      await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });

      const id = await page.evaluate(async () => {
        const { sync, store } = window as unknown as PageGlobals;
        await store.open();
        const report = await store.reports.create({ year: 2025, kind: 'yearly' });
        await store.reports.save({ ...report.document, membership: { ...report.document.membership, workers: 150, members: 130 } });
        await sync.startSync();
        return report.id;
      });
      await waitForEngine(page, 'unenrolled');
      expect(await server.storedDocument(id)).toBeNull();

      const enrolled = await page.evaluate(
        (enrolmentCode) =>
          (window as unknown as PageGlobals).sync.enrol({ serverUrl: location.origin, code: enrolmentCode, deviceName: 'Chromium' }),
        code,
      );
      expect(enrolled).toMatchObject({ ok: true, response: { union: { name: 'CĐCS Công ty Giày Hòa Thành' } } });
      await waitForEngine(page, 'idle', id);
      expect((await server.storedDocument(id))?.membership).toMatchObject({ workers: 150, members: 130 });

      await context.setOffline(true);
      await page.evaluate(async (reportId) => {
        const { store } = window as unknown as PageGlobals;
        const report = await store.reports.get(reportId);
        if (!report) throw new Error('report missing');
        await store.reports.save({ ...report.document, membership: { ...report.document.membership, members: 135 } });
      }, id);
      // The edit wakes the engine by itself (outbox watch), which finds no connection.
      await waitForEngine(page, 'offline');
      expect((await server.storedDocument(id))?.membership.members).toBe(130);

      await context.setOffline(false);
      await waitForEngine(page, 'idle', id);
      // Only what lasts is checked after the wait: the server's copy. The engine's state is not read
      // again, since any trigger (visibility, the periodic pull) may start a new cycle at any moment.
      expect((await server.storedDocument(id))?.membership.members).toBe(135);
    } finally {
      await context.close();
    }
  });
});
