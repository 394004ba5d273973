/**
 * What counting the rate limits in the database costs, against counting them in memory, on SQLite
 * (the WAL synced before each answer, as served) and on PostgreSQL (when DATABASE_URL or TEST_DATABASE_URL is set):
 *
 * 1. The counting alone, one after the other: a guess's slot taken and given back (half of them as
 *    failures, which write the window too), and a push counted; beside the floor of one `select 1` on
 *    the same database, and the memory stores.
 * 2. Whole requests over HTTP to the real app, one after the other (how a guesser or a device sends
 *    them): a wrong enrolment code (answered 400, counted as a failure) and a push that writes a new
 *    revision, with the limits in memory and in the database, rounds alternating; beside the floor of
 *    `GET /api/health`, a request that makes one `select 1` round trip, measured in the same round.
 *    The answers are checked: every guess 400 (never 429), every push a new revision.
 *
 *   npx tsx bench/rate-limits.ts        (BENCH_OPS per figure, default 300)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { emptyReport, type ReportDocument } from '../src/domain/report';
import type { PutReportResponse } from '../src/domain/sync';
import { buildApp } from '../src/server/app';
import { DatabaseAttemptStore, MemoryAttemptStore, type AttemptStore } from '../src/server/services/rateLimits';
import { enrol, issueEnrolmentCode } from '../src/server/services/devices';
import { createRootNode, createUnion } from '../src/server/services/organisation';
import { CONSOLE } from '../src/server/services/staff';
import { countInWindow } from '../src/server/store/attemptWindows';
import { openStore } from '../src/server/store/open';
import type { Store } from '../src/server/store/store';
import { pushHeaders } from './pushHeaders';

const OPS = Number(process.env.BENCH_OPS ?? 300);
const POSTGRES_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const RULE = { limit: 1_000_000, windowMs: 60_000 };
const GENEROUS = { enrol: RULE, login: RULE, loginAccount: RULE, push: RULE };

async function perOp(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  return ((performance.now() - start) * 1000) / count;
}

const µs = (value: number) => `${value.toFixed(0).padStart(6)} µs`;

async function countingAlone(name: string, store: Store): Promise<void> {
  const floor = await perOp(OPS, () => sql`select 1`.execute(store.db));
  const attempts = async (limits: AttemptStore, count: number) =>
    perOp(count, async (i) => {
      const key = `bench-enrol:${i % 50}`;
      const reservation = await limits.reserve(key, RULE, Date.now());
      if (reservation.kind !== 'taken') throw new Error(`slot not taken: ${reservation.kind}`);
      await limits.release(key, reservation.slot, i % 2 === 0, RULE, Date.now());
    });
  const memory = await attempts(new MemoryAttemptStore(), OPS * 10);
  const database = await attempts(new DatabaseAttemptStore(store), OPS);
  const pushes = await perOp(OPS, (i) => countInWindow(store, `bench-push:${i % 50}`, 60_000, Date.now()));
  // The work was done: every failure and every push is in a window.
  const counted = await store.db.selectFrom('attempt_windows').select((eb) => eb.fn.sum<number>('counted').as('n')).where('key', 'like', 'bench-%').executeTakeFirstOrThrow();
  const slotsLeft = await store.db.selectFrom('attempt_slots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(
    `${name}: guess (slot taken + given back) in memory ${µs(memory)}, in the database ${µs(database)}; push counted in the database ${µs(pushes)}; ` +
      `floor: select 1 ${µs(floor)}  [${Number(counted.n)} failures + pushes counted of ${OPS / 2 + OPS} sent, ${Number(slotsLeft.n)} slots left]`,
  );
}

function report(id: string, edit: number): ReportDocument {
  const document = emptyReport(id, { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
  document.membership.workers = 1_000;
  document.membership.members = 500 + (edit % 400);
  return document;
}

async function requests(store: Store, limitCounts: 'memory' | 'database'): Promise<{ health: number; guess: number; push: number; revisions: number }> {
  const app = await buildApp({ store, distDir: null, rateLimits: GENEROUS, limitCounts });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const context = { store, now: () => new Date() };
  const province = (await store.listRootNodes())[0] ?? (await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh đo giới hạn' }));
  const union = await createUnion(context, CONSOLE, { name: `CĐCS đo ${randomUUID().slice(0, 6)}`, superiorId: province.id });
  const { token } = await enrol(context, { code: (await issueEnrolmentCode(context, CONSOLE, union.id, {})).code, deviceName: 'máy đo' });

  const health = await perOp(OPS, async () => {
    const response = await fetch(`${url}/api/health`);
    if (response.status !== 200) throw new Error(`health answered ${response.status}`);
    await response.arrayBuffer();
  });
  const guess = await perOp(OPS, async (i) => {
    const response = await fetch(`${url}/api/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `ZZZZ-ZZ${String(i % 100).padStart(2, '2')}`, deviceName: 'đoán' }) });
    if (response.status !== 400) throw new Error(`a wrong code answered ${response.status}`);
    await response.arrayBuffer();
  });
  const id = randomUUID();
  let revision: string | null = null;
  const push = await perOp(OPS, async (edit) => {
    const response: Response = await fetch(`${url}/api/reports/${id}`, {
      method: 'PUT',
      headers: pushHeaders(token, revision),
      body: JSON.stringify(report(id, edit)),
    });
    if (response.status !== 200 && response.status !== 201) throw new Error(`push answered ${response.status}: ${await response.text()}`);
    revision = ((await response.json()) as PutReportResponse).report.revision;
  });
  await app.close();
  return { health, guess, push, revisions: Number((await store.findReport(id))?.revision ?? 0) };
}

async function onStore(name: string, store: Store): Promise<void> {
  await store.migrate();
  await countingAlone(name, store);
  for (const limitCounts of ['memory', 'database', 'memory', 'database'] as const) {
    const round = await requests(store, limitCounts);
    console.log(
      `${name}, limits ${limitCounts.padEnd(8)}: wrong enrolment code ${µs(round.guess)}, push ${µs(round.push)} (${round.revisions} revisions of ${OPS} pushes); ` +
        `floor: GET /api/health ${µs(round.health)}`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rate-limits-'));
  const sqlite = openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    await onStore('SQLite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!POSTGRES_URL) {
    console.log('PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  const schema = `bench_limits_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const postgres = openStore({ kind: 'postgres', url: POSTGRES_URL, schema });
  try {
    await onStore('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

await main();
