/**
 * Client figures for BENCHMARKS.md: bytes a phone downloads, offline cold start under CPU
 * throttling, and keystroke → IndexedDB commit. Run on the production build in Debian Chromium.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { makeProfile, waitForServiceWorkerControl, type Profile } from '../test/e2e/support/browser';
import {
  entryGzippedBytes,
  gzippedBytes,
  precacheGzippedBytes,
  precacheUrls,
  readDist,
} from '../test/e2e/support/distFiles';
import { AUTOSAVE_DELAY_MS } from '../src/app/features/reports/useAutosave';
import { createReport, fillAndWaitSaved } from '../test/e2e/support/officerApp';
import { serveDist } from '../test/e2e/support/staticServer';

const COLD_START_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THROTTLE_RATES = [4, 20];
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 30);
const DRAFT_FIELD = 'membership.members';
const DRAFT_VALUE = '853';
/**
 * `BENCH_ONLY=keystrokes` runs the keystroke → commit part alone (no bundle, no cold start);
 * `BENCH_ONLY=cold-start` the bundle and the cold start (no keystrokes).
 */
const ONLY = process.env.BENCH_ONLY;
/**
 * `BENCH_CPU_PROF=<dir>`: a CPU profile of each keystroke run (`keystrokes-<app|floor>-<rate>x.cpuprofile`)
 * and of each cold start, with the files that start fetched and when (`cold-start-<port>-<rate>x-<time>.*`).
 */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
/**
 * `BENCH_BEFORE_DIST=<dir>`: another build of the app (say the commit before a change, built with
 * `npx vite build --outDir <dir>`), whose cold start runs in turn with this build's and the floor's, so
 * that a change is measured against the build without it in the same minutes (cold starts of one build
 * move by a tenth or more from one batch to the next on a busy machine).
 */
const BEFORE_DIST = process.env.BENCH_BEFORE_DIST;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function printBundle(): Promise<void> {
  const entry = await entryGzippedBytes();
  console.log('== Bundle (gzip level 6, KB = 1024 bytes) ==');
  console.log(`entry JS gzipped: ${entry.total} B (${kib(entry.total)}; budget 140 KB = 143360 B)`);
  for (const file of entry.files) console.log(`  ${file.path}: ${file.gzipped} B`);
  const precache = await precacheGzippedBytes();
  const worker = gzippedBytes(await readDist('sw.js'));
  const runtimeFile = (await readDist('sw.js')).toString('utf8').match(/workbox-[\w-]+(?=["'])/)?.[0];
  const runtime = runtimeFile ? gzippedBytes(await readDist(`${runtimeFile}.js`)) : 0;
  console.log(`precache (${precache.count} files) gzipped: ${precache.total} B (${kib(precache.total)})`);
  console.log(`  + sw.js ${worker} B and workbox runtime ${runtime} B = ${kib(precache.total + worker + runtime)} for a full offline install`);
  console.log(`  files: ${(await precacheUrls()).join(', ')}`);
}

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/**
 * The floor page (bench/floor): React, react-dom, Dexie and zod/mini reading a draft into an input, minified
 * like the app, with a service worker that serves it offline. Returns its folder and its gzipped bytes.
 */
async function buildFloor(): Promise<{ dir: string; gzipped: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bao-cao-floor-'));
  const source = new URL('./floor/', import.meta.url).pathname;
  await build({
    entryPoints: [join(source, 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', AUTOSAVE_DELAY_MS: String(AUTOSAVE_DELAY_MS) },
    outfile: join(dir, 'floor.js'),
    logLevel: 'error',
  });
  copyFileSync(join(source, 'index.html'), join(dir, 'index.html'));
  copyFileSync(join(source, 'sw.js'), join(dir, 'sw.js'));
  return { dir, gzipped: gzippedBytes(readFileSync(join(dir, 'floor.js'))) };
}

/** The floor's profile: one online visit (the page saves its draft, the worker caches the page). */
async function primeFloor(profile: Profile, dir: string): Promise<string> {
  const server = await serveDist(dir);
  const context = await profile.launch();
  try {
    const page = await firstPage(context);
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.waitForFunction((field) => (document.querySelector(`[data-testid="${field}"]`) as HTMLInputElement | null)?.value === '853', `field-${DRAFT_FIELD}`);
    return `${server.url}/`;
  } finally {
    await context.close();
    await server.close();
  }
}

/** A profile that has visited once online and holds one saved draft; returns the draft's address. */
async function primeProfile(profile: Profile, dist?: string): Promise<string> {
  const server = await serveDist(dist);
  const context = await profile.launch();
  try {
    const page = await firstPage(context);
    await page.goto(server.url);
    await waitForServiceWorkerControl(page);
    await page.getByTestId('create-report').waitFor();
    await createReport(page, { year: 2025, kind: 'yearly' });
    await fillAndWaitSaved(page, { 'membership.workers': '1000', [DRAFT_FIELD]: DRAFT_VALUE });
    return page.url();
  } finally {
    await context.close();
    // From here on there is no server at all: every later load comes from the service worker.
    await server.close();
  }
}

declare global {
  interface Window {
    __draftReadyAt?: number;
    __bench?: { keydowns: number[]; inputs: number[]; starts: number[]; saves: number[] };
  }
}

/** Browser relaunched with the network off; ms from navigation start to the form showing the draft. */
async function coldStart(profile: Profile, draftUrl: string, rate: number): Promise<number> {
  const context = await profile.launch({ offline: true });
  try {
    const page = await firstPage(context);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.addInitScript(`
      const check = () => {
        const input = document.querySelector('[data-testid="field-${DRAFT_FIELD}"]');
        if (input && input.value === ${JSON.stringify(DRAFT_VALUE)} && !input.matches(':disabled')) window.__draftReadyAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    `);
    if (CPU_PROF_DIR) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(draftUrl, { waitUntil: 'commit' });
    const ready = await page.waitForFunction(() => window.__draftReadyAt, null, { timeout: 180_000 });
    if (CPU_PROF_DIR) {
      // Where the start's time went: the JS profile and every file the page fetched, with its times.
      const { profile } = await cdp.send('Profiler.stop');
      const name = `cold-start-${new URL(draftUrl).port}-${rate}x-${Date.now()}`;
      mkdirSync(CPU_PROF_DIR, { recursive: true });
      writeFileSync(join(CPU_PROF_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
      const resources = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => {
          const timing = entry as PerformanceResourceTiming;
          return { name: timing.name, start: Math.round(timing.startTime), end: Math.round(timing.responseEnd), bytes: timing.decodedBodySize };
        }),
      );
      writeFileSync(join(CPU_PROF_DIR, `${name}.resources.json`), JSON.stringify(resources, null, 1));
    }
    return (await ready.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

interface KeystrokeRun {
  /** Keydown → the db layer's `report-saved` mark (the autosave's pause included): the measured figure. */
  latencies: number[];
  /** Keydown → the page's `input` event (the editor hears of the change there, and its pause starts then). */
  toInput: number[];
  /** The db layer's `report-save-started` → `report-saved`: the save's own work once the pause is over. */
  saveWork: number[];
  /**
   * The page's `input` event + the pause → `report-saved`: what the save takes after its pause (the timer
   * firing, the queue, the write), without the browser's delivery of the keystroke before the pause starts.
   */
  afterPause: number[];
}

/** Keystroke in the field → the db layer's `report-saved` mark, split as `KeystrokeRun` says. */
async function keystrokeToCommit(profile: Profile, draftUrl: string, rate: number, label: 'app' | 'floor'): Promise<KeystrokeRun> {
  const context = await profile.launch({ offline: true });
  try {
    const page = await firstPage(context);
    const cdp = await context.newCDPSession(page);
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(`
      const bench = { keydowns: [], inputs: [], starts: [], saves: [] };
      window.__bench = bench;
      document.addEventListener('keydown', (event) => bench.keydowns.push(event.timeStamp), true);
      window.addEventListener('input', () => bench.inputs.push(performance.now()), true);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.name === 'report-saved') bench.saves.push(entry.startTime);
          if (entry.name === 'report-save-started') bench.starts.push(entry.startTime);
        }
      }).observe({ type: 'mark' });
    `);
    await page.goto(draftUrl);
    const field = page.getByTestId(`field-${DRAFT_FIELD}`);
    await field.click();
    await page.keyboard.press('End');
    if (CPU_PROF_DIR) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < KEYSTROKES; i++) {
      const saves = await page.evaluate(() => window.__bench!.saves.length);
      await page.keyboard.press(i % 2 === 0 ? '7' : 'Backspace');
      await page.waitForFunction((count) => window.__bench!.saves.length > count, saves);
    }
    if (CPU_PROF_DIR) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(CPU_PROF_DIR, { recursive: true });
      writeFileSync(join(CPU_PROF_DIR, `keystrokes-${label}-${rate}x.cpuprofile`), JSON.stringify(profile));
    }
    const { keydowns, inputs, starts, saves } = await page.evaluate(() => window.__bench!);
    const typed = keydowns.slice(-KEYSTROKES);
    const next = (times: number[], after: number) => times.find((time) => time >= after)!;
    return {
      latencies: typed.map((down) => next(saves, down) - down),
      toInput: typed.map((down) => next(inputs, down) - down),
      // Empty on a build older than the `report-save-started` mark.
      saveWork: starts.length ? typed.map((down) => next(saves, down) - next(starts, down)) : [],
      afterPause: typed.map((down) => next(saves, down) - next(inputs, down) - AUTOSAVE_DELAY_MS),
    };
  } finally {
    await context.close();
  }
}

export async function runClientBench(): Promise<void> {
  if (ONLY !== 'keystrokes') await printBundle();
  const profile = await makeProfile();
  const floor = await buildFloor();
  const floorProfile = await makeProfile();
  const beforeProfile = BEFORE_DIST && ONLY !== 'keystrokes' ? await makeProfile() : null;
  try {
    const draftUrl = await primeProfile(profile);
    const floorUrl = await primeFloor(floorProfile, floor.dir);
    const before = beforeProfile && { profile: beforeProfile, url: await primeProfile(beforeProfile, BEFORE_DIST) };
    if (ONLY !== 'keystrokes') await printColdStart({ profile, url: draftUrl }, { profile: floorProfile, url: floorUrl }, floor.gzipped, before);
    if (ONLY === 'cold-start') return;
    printKeystrokeHeader();
    for (const rate of [1, 4]) {
      const app = await keystrokeToCommit(profile, draftUrl, rate, 'app');
      const base = await keystrokeToCommit(floorProfile, floorUrl, rate, 'floor');
      printKeystrokes(rate, app, base);
    }
  } finally {
    await profile.remove();
    await floorProfile.remove();
    await beforeProfile?.remove();
    rmSync(floor.dir, { recursive: true, force: true });
  }
}

interface PrimedPage {
  profile: Profile;
  url: string;
}

async function printColdStart(app: PrimedPage, floor: PrimedPage, floorGzipped: number, before: PrimedPage | null): Promise<void> {
  console.log(`\n== Offline cold start to the form holding the saved draft (median of ${COLD_START_RUNS}, app and floor alternated) ==`);
  console.log(`floor: React + react-dom + Dexie + zod/mini reading the draft into an input, ${floorGzipped} B (${kib(floorGzipped)}) gzipped`);
  if (before) console.log(`before: the build in ${BEFORE_DIST}, in turn with the two`);
  for (const rate of THROTTLE_RATES) {
    const appRuns: number[] = [];
    const floorRuns: number[] = [];
    const beforeRuns: number[] = [];
    for (let i = 0; i < COLD_START_RUNS; i++) {
      appRuns.push(await coldStart(app.profile, app.url, rate));
      if (before) beforeRuns.push(await coldStart(before.profile, before.url, rate));
      floorRuns.push(await coldStart(floor.profile, floor.url, rate));
    }
    const shown = (runs: number[]) => runs.map((ms) => ms.toFixed(0)).join(', ');
    console.log(
      `CPU ${rate}× slower: app median ${median(appRuns).toFixed(0)} ms, floor ${median(floorRuns).toFixed(0)} ms: ` +
        `${(median(appRuns) / median(floorRuns)).toFixed(2)}× the floor (target ≤ 1.25×; app runs ${shown(appRuns)}; floor runs ${shown(floorRuns)})`,
    );
    if (before)
      console.log(
        `  before: median ${median(beforeRuns).toFixed(0)} ms, ${(median(beforeRuns) / median(floorRuns)).toFixed(2)}× the floor; ` +
          `app ÷ before ${(median(appRuns) / median(beforeRuns)).toFixed(2)}× (runs ${shown(beforeRuns)})`,
      );
  }
}

function printKeystrokeHeader(): void {
  console.log(`\n== Keystroke → IndexedDB commit (${KEYSTROKES} keystrokes; includes the ${AUTOSAVE_DELAY_MS} ms autosave delay) ==`);
}

function printKeystrokes(rate: number, app: KeystrokeRun, floor: KeystrokeRun): void {
  const p = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms`;
  const own = (run: KeystrokeRun) => run.latencies.map((ms) => ms - AUTOSAVE_DELAY_MS);
  const parts = (run: KeystrokeRun) =>
    `keydown → the page's input event ${p(run.toInput)}; after the pause (input event + ${AUTOSAVE_DELAY_MS} ms → committed) ${p(run.afterPause)}; ` +
    `save started → committed ${run.saveWork.length ? p(run.saveWork) : 'not marked in this build'}`;
  console.log(
    `CPU ${rate}×: ${p(app.latencies)}; the save's own share (minus the ${AUTOSAVE_DELAY_MS} ms pause): ${p(own(app))}` +
      (rate === 4 ? ' (target ≤ 10 ms p95)' : '') +
      `\n  of it: ${parts(app)}` +
      `\n  floor (one input, the same pause, one Dexie put): own share ${p(own(floor))}; ${parts(floor)}`,
  );
}
