/**
 * What a durable commit costs SQLite pushes, in one run, three ways: `wal` (as served: NORMAL, and the
 * driver syncs the WAL off the event loop before answering), `full` (`synchronous = FULL`: SQLite syncs
 * inside each commit, on the event loop) and `none` (NORMAL without any sync: answered pushes can be lost on
 * a power cut; the floor of what durability costs, never served). Each round starts the real
 * app on a fresh SQLite file, and 8 devices (one union and one report each) push a chain of real
 * updates (If-Match on the previous revision, a new Idempotency-Key, a changed document), so every
 * measured push writes a new revision; the revisions written (the reports' revision numbers) are
 * counted afterwards and printed beside the requests. Rounds alternate the three; a bare node:http handler that only
 * parses the same body is the floor, measured before each round.
 *
 *   npx tsx bench/sqlite-durability.ts      (BENCH_PUSHES per device, default 150; BENCH_DEVICES, default 8)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { emptyReport, type ReportDocument } from '../src/domain/report';
import type { PutReportResponse } from '../src/domain/sync';
import { buildApp } from '../src/server/app';
import { enrol, issueEnrolmentCode } from '../src/server/services/devices';
import { createRootNode, createUnion } from '../src/server/services/organisation';
import { CONSOLE } from '../src/server/services/staff';
import { openStore } from '../src/server/store/open';
import { pushHeaders } from './pushHeaders';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 8);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 150);

function report(id: string, edit: number): ReportDocument {
  const document = emptyReport(id, { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
  document.membership.workers = 1_000;
  document.membership.members = 500 + (edit % 400);
  document.proposals.text = `Đề nghị số ${edit}: ${'tăng phúc lợi cho công nhân. '.repeat(40)}`;
  return document;
}

/** Each device pushes its chain; returns requests sent and wall time. */
async function pushChains(url: string, tokens: string[]): Promise<{ requests: number; ms: number }> {
  let requests = 0;
  const start = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const id = randomUUID();
      let revision: string | null = null;
      for (let edit = 0; edit < PUSHES; edit++) {
        const response: Response = await fetch(`${url}/api/reports/${id}`, {
          method: 'PUT',
          headers: pushHeaders(token, revision),
          body: JSON.stringify(report(id, edit)),
        });
        requests++;
        if (response.status !== 200 && response.status !== 201) throw new Error(`push answered ${response.status}: ${await response.text()}`);
        revision = ((await response.json()) as PutReportResponse).report.revision;
      }
    }),
  );
  return { requests, ms: performance.now() - start };
}

type Durability = 'wal' | 'full' | 'none';

async function roundOnSqlite(durability: Durability): Promise<{ pushesPerSecond: number; requests: number; revisions: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-durability-'));
  const store = openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite'), durability });
  await store.migrate();
  const context = { store, now: () => new Date() };
  const app = await buildApp({ store, distDir: null, rateLimits: { push: { limit: 1_000_000, windowMs: 60_000 } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tokens: string[] = [];
  const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh đo tải' });
  for (let i = 0; i < DEVICES; i++) {
    const union = await createUnion(context, CONSOLE, { name: `CĐCS Bench ${i}`, superiorId: province.id });
    const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
    tokens.push((await enrol(context, { code, deviceName: `Máy ${i}` })).token);
  }
  const { requests, ms } = await pushChains(url, tokens);
  // Each report's revision number counts the revisions its pushes wrote (older drafts' rows are thinned).
  const counted = await store.db.selectFrom('reports').select((eb) => eb.fn.sum<number>('revision').as('n')).executeTakeFirstOrThrow();
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { pushesPerSecond: (requests / ms) * 1000, requests, revisions: Number(counted.n) };
}

async function roundOnBareHandler(): Promise<{ pushesPerSecond: number; requests: number }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReportDocument;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ report: { revision: String(parsed.membership.members) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { requests, ms } = await pushChains(url, Array.from({ length: DEVICES }, (_, i) => `bare-token-${i}-abcdefghijklmnop`));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { pushesPerSecond: (requests / ms) * 1000, requests };
}

async function main(): Promise<void> {
  // The floor is measured before each round: on a shared machine the load changes between rounds.
  const rounds: Durability[] = ['wal', 'full', 'none', 'wal', 'full', 'none'];
  for (const durability of rounds) {
    const floor = await roundOnBareHandler();
    const round = await roundOnSqlite(durability);
    console.log(
      `SQLite, durability ${durability.padEnd(4)}: ${round.pushesPerSecond.toFixed(0)} pushes/s, ${round.requests} requests, ${round.revisions} revisions written; ` +
        `bare node:http floor ${floor.pushesPerSecond.toFixed(0)} pushes/s (${floor.requests} requests): ${((round.pushesPerSecond / floor.pushesPerSecond) * 100).toFixed(0)} % of it`,
    );
  }
}

await main();
