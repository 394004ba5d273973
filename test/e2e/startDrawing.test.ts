import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, fillAndWaitSaved } from './support/officerApp';
import { reactCommitHook } from './support/reactCommits';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

declare global {
  interface Window {
    __commits?: (string | null)[];
    __shifts?: { value: number; sources: string[] }[];
    __takeShifts?: () => { value: number; sources: string[] }[];
  }
}

/** Every layout shift of the page, with what moved. */
const RECORD_SHIFTS = `
  window.__shifts = [];
  const record = (entries) => {
    for (const entry of entries)
      window.__shifts.push({ value: entry.value, sources: entry.sources.map((source) => source.node ? source.node.nodeName + '.' + source.node.className : '') });
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: true });
  window.__takeShifts = () => { record(observer.takeRecords()); return window.__shifts; };
`;

/**
 * React's commits as React DevTools sees them (the hook it calls in production builds too): for each,
 * what the draft's field holds right after it.
 */
const COUNT_COMMITS = `
  window.__commits = [];
` + reactCommitHook(`
const input = document.querySelector('[data-testid="field-membership.members"]');
window.__commits.push(input ? input.value : null);
`);

/** The first paint's timing, and when the app's script (`assets/main-*.js`) was asked for. */
async function paintAndAppRequest(page: Page): Promise<{ paintTime: number; appRequested: number }> {
  const times = await page.waitForFunction(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0] as (PerformanceEntry & { paintTime?: number }) | undefined;
    const app = performance.getEntriesByType('resource').find((entry) => /\/assets\/main-[\w-]+\.js$/.test(entry.name));
    // paintTime: the end of the rendering step that drew it (startTime is when the GPU showed it, later).
    return paint && app ? { paintTime: paint.paintTime ?? paint.startTime, appRequested: app.startTime } : null;
  });
  return (await times.jsonValue())!;
}

describe('opening the app on a draft (issue 11: fast on a slow phone)', () => {
  it('first visit: the shell saying what the app is paints before the app\'s script is asked for', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      // A slow phone's CPU. Whether the browser paints before an entry that asked for the app at once
      // has run is a race: on this CPU such an entry failed this test in about half the runs
      // (on an unthrottled one, rarely); the entry that waits for the paint passes by construction.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
      await page.goto(server.url);
      const { paintTime, appRequested } = await paintAndAppRequest(page);
      // On a weak line the officer reads this while some 120 KB arrive, instead of a white page.
      expect(appRequested).toBeGreaterThanOrEqual(paintTime);
      // The app then replaces the shell with the list.
      await page.getByTestId('create-report').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the shell of index.html says what the app is, in Vietnamese, before any script', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await expect(page.locator('.shell-main').textContent()).resolves.toContain('Điền được cả khi không có mạng');
      await expect(page.locator('h1').textContent()).resolves.toBe('Báo cáo CĐCS');
    } finally {
      await context.close();
    }
  });

  it('draws the draft in React\'s first commit: the static shell stands until then, no loading screens in between', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('create-report').waitFor();
      await createReport(page, { year: 2025, kind: 'yearly' });
      await fillAndWaitSaved(page, { 'membership.workers': '1000', 'membership.members': '853' });
      const draftUrl = page.url();

      const again = await context.newPage();
      await again.addInitScript(COUNT_COMMITS);
      await again.goto(draftUrl);
      await again.waitForFunction(() => window.__commits?.includes('853'));
      const commits = (await again.evaluate(() => window.__commits))!;
      // index.html's static shell while the database opens, then the app drawn once, holding the draft.
      // On a slow phone every commit before it (the frame with "Đang mở…", a lazy fallback, the editor
      // before the report was read) was a whole drawing.
      expect(commits.indexOf('853')).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('draws the frame with "Đang mở…" when opening the database takes long, and the list once it opens', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      const first = await context.newPage();
      await first.goto(server.url);
      await first.getByTestId('create-report').waitFor();
      await first.close();
      // Another page of the origin (not the app) upgrades the database and holds the upgrade open: every
      // other opening waits behind it, as behind a slow disk or another tab's long migration.
      const holder = await context.newPage();
      await holder.goto(`${server.url}/api/not-the-app`);
      await holder.evaluate(async () => {
        const [current] = (await indexedDB.databases()).filter((info) => info.name === 'bao-cao-cdcs');
        await new Promise<void>((resolve) => {
          const request = indexedDB.open('bao-cao-cdcs', current!.version! + 1);
          request.onupgradeneeded = () => {
            const upgrade = request.transaction!;
            const store = upgrade.objectStore(upgrade.objectStoreNames[0]!);
            const hold = () => {
              if ((window as { releaseUpgrade?: boolean }).releaseUpgrade) upgrade.abort();
              else store.count().onsuccess = hold;
            };
            hold();
            resolve();
          };
          request.onerror = () => undefined;
        });
      });
      const app = await context.newPage();
      await app.goto(server.url);
      // React's frame (its title is a link; the static shell's is not) with its own "Đang mở…".
      await app.locator('header a.brand').waitFor();
      expect(await app.locator('main .shell-loading').textContent()).toBe('Đang mở…');
      expect(await app.getByTestId('create-report').count()).toBe(0);
      await holder.evaluate(() => {
        (window as { releaseUpgrade?: boolean }).releaseUpgrade = true;
      });
      await app.getByTestId('create-report').waitFor();
    } finally {
      await context.close();
    }
  });

  it('first visit: nothing on the list moves when the sync engine arrives after it (no layout shift)', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 412, height: 823 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(RECORD_SHIFTS);
      await page.goto(server.url);
      await page.getByTestId('create-report').waitFor();
      // The panel as the engine's first cycle leaves it (on main it only appeared then), and the
      // engine's chunk loaded, then two frames drawn after it.
      await page.locator('[data-testid="sync-panel"][data-state="unenrolled"]').waitFor();
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /\/assets\/browser-[\w-]+\.js$/.test(entry.name)));
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await page.evaluate(() => window.__takeShifts!())).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
