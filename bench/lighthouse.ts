/**
 * Lighthouse (mobile: a mid-range phone on a slow 4G line, simulated) on the officer app's first page as
 * the production server sends it to a first visitor, beside a floor: a static page with the same shell
 * (the same head, stylesheet, manifest and icons, and the painted header) and no script, served by the
 * same server in the same run. Runs alternate app / floor; medians are printed with the audits that cost
 * the app points.
 *
 * `npx tsx bench/lighthouse.ts` after `vite build`; `npm run bench` calls `runLighthouseBench()`.
 * BENCH_LIGHTHOUSE_RUNS sets the runs of each page (default 2). Each page is measured as the server sends
 * it today and through a compressing proxy (until the server precompresses its files itself).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildApp } from '../src/server/app';
import { openStore } from '../src/server/store/open';
import { distDir } from '../test/e2e/support/staticServer';

const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 2) || 2);
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export const FLOOR_PAGE = 'lighthouse-floor.html';

/** The built index.html without its scripts: what the officer sees before any JavaScript runs. */
export function floorPageOf(indexHtml: string): string {
  return indexHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '');
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;

/**
 * What the app weighs once the server compresses it (issue 11: precompressed Brotli and gzip, which another
 * branch adds): a proxy in front of the production server that compresses every text answer, each once.
 * Chromium asks for Brotli only over HTTPS, so on this loopback line it gets gzip (level 9).
 */
async function compressingProxy(origin: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(origin);
  const cache = new Map<string, { headers: IncomingHttpHeaders; body: Buffer; status: number }>();
  const server = createServer((incoming, outgoing) => {
    const encoding = /\bbr\b/.test(String(incoming.headers['accept-encoding'] ?? '')) ? 'br' : 'gzip';
    const key = `${encoding} ${incoming.method} ${incoming.url} ${incoming.headers.accept ?? ''}`;
    const send = (answer: { headers: IncomingHttpHeaders; body: Buffer; status: number }) => {
      outgoing.writeHead(answer.status, answer.headers);
      outgoing.end(answer.body);
    };
    const cached = cache.get(key);
    if (cached) return send(cached);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, 'accept-encoding': 'identity' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let body = Buffer.concat(chunks);
          const headers = { ...response.headers };
          if (COMPRESSIBLE.test(String(headers['content-type'] ?? '')) && body.length > 0 && incoming.method === 'GET') {
            body =
              encoding === 'br'
                ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })
                : gzipSync(body, { level: 9 });
            headers['content-encoding'] = encoding;
            headers['content-length'] = String(body.length);
            headers.vary = 'Accept-Encoding';
          }
          const answer = { headers, body, status: response.statusCode ?? 502 };
          if (answer.status === 200) cache.set(key, answer);
          send(answer);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Scores {
  performance: number;
  accessibility: number;
  'best-practices': number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /** Audits below a full score that weigh in a category: id → displayed value or title. */
  lost: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function audit(url: string, port: number, attempt = 1): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  // BENCH_LIGHTHOUSE_JSON=<dir>: every report kept whole, to see the LCP element and what shifted.
  if (process.env.BENCH_LIGHTHOUSE_JSON)
    writeFileSync(join(process.env.BENCH_LIGHTHOUSE_JSON, `${new URL(url).port}-${Date.now()}.json`), JSON.stringify(lhr));
  if (lhr.runtimeError) {
    // NO_NAVSTART and the like: Chromium's trace lost an event on a busy machine; Lighthouse asks to run again.
    if (attempt < 3) return audit(url, port, attempt + 1);
    throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  const score = (id: (typeof CATEGORIES)[number]) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
  const lost: string[] = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const item = lhr.audits[ref.id];
      if (!item || ref.weight === 0 || item.score === null || item.score >= 1) continue;
      lost.push(`${id}/${ref.id} (${item.score.toFixed(2)}${item.displayValue ? `, ${item.displayValue}` : ''})`);
    }
  }
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    lost,
  };
}

function summary(name: string, runs: Scores[]): string {
  const m = (pick: (s: Scores) => number) => median(runs.map(pick));
  return (
    `${name.padEnd(34)} performance ${m((s) => s.performance)}, accessibility ${m((s) => s.accessibility)}, ` +
    `best practices ${m((s) => s['best-practices'])}; FCP ${m((s) => s.fcpMs)} ms, LCP ${m((s) => s.lcpMs)} ms, ` +
    `TBT ${m((s) => s.tbtMs)} ms  (runs: ${runs.map((s) => `${s.performance}/${s.accessibility}/${s['best-practices']}`).join(', ')})`
  );
}

export async function runLighthouseBench(): Promise<Record<'app' | 'floor' | 'compressedApp' | 'compressedFloor', Scores[]>> {
  const work = mkdtempSync(join(tmpdir(), 'bao-cao-lighthouse-'));
  const served = join(work, 'dist');
  cpSync(distDir, served, { recursive: true });
  writeFileSync(join(served, FLOOR_PAGE), floorPageOf(readFileSync(join(served, 'index.html'), 'utf8')));
  const store = openStore({ kind: 'sqlite', file: join(work, 'store.sqlite') });
  await store.migrate();
  const app = await buildApp({ store, distDir: served });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  // Debian's Chromium; without the background-networking flags it keeps trying to reach Google's hosts.
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const proxy = await compressingProxy(origin);
  const results = { app: [] as Scores[], floor: [] as Scores[], compressedApp: [] as Scores[], compressedFloor: [] as Scores[] };
  try {
    console.log(`== Lighthouse mobile, first visit, production server (median of ${RUNS}, pages alternated) ==`);
    for (let run = 0; run < RUNS; run++) {
      results.app.push(await audit(`${origin}/`, chrome.port));
      results.floor.push(await audit(`${origin}/${FLOOR_PAGE}`, chrome.port));
      results.compressedApp.push(await audit(`${proxy.url}/`, chrome.port));
      results.compressedFloor.push(await audit(`${proxy.url}/${FLOOR_PAGE}`, chrome.port));
    }
    console.log('as the server sends them today:');
    console.log(`  ${summary("the officer app's first page", results.app)}`);
    console.log(`  ${summary('floor: the same shell, no script', results.floor)}`);
    console.log('compressed (gzip -9 by a proxy in front, as precompressed files would travel):');
    console.log(`  ${summary("the officer app's first page", results.compressedApp)}`);
    console.log(`  ${summary('floor: the same shell, no script', results.compressedFloor)}`);
    for (const [name, runs] of [['as sent today', results.app], ['compressed', results.compressedApp]] as const) {
      const lost = [...new Set(runs.flatMap((s) => s.lost))];
      console.log(lost.length === 0 ? `the app (${name}) loses no points` : `the app (${name}) loses points on:\n  ${lost.join('\n  ')}`);
    }
  } finally {
    chrome.kill();
    await proxy.close();
    await app.close();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runLighthouseBench();
