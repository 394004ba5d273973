/**
 * Server throughput: authenticated, validated report pushes (`PUT /api/reports/:id`) per second and
 * their p50/p99 latency at 32 connections on loopback, for SQLite and (when reachable) PostgreSQL,
 * beside a bare `node:http` handler that only reads and parses the same body, measured in the same run.
 *
 * What one measured push is: a device of its own union pushes its one report, chained on the revision
 * its previous answer carried (`If-Match`), with a new `Idempotency-Key` and a changed figure, so every
 * request passes the schema and the rules (`status: 'ready'`), checks the device token, takes the write
 * lock, and stores a new revision row, the idempotency record and the change cursor. After each run the
 * store's revision rows are counted per report and must equal the 2xx answers read for it: a push that
 * was refused, replayed or answered "no change" fails the bench. (Distinct report ids per request would
 * soon hit "one report per union and period"; a chain per report never conflicts.)
 *
 * PostgreSQL is measured with one server process and with two on the same database and schema (issue 7:
 * a province scales by adding processes): the connections go round-robin to both, and the revision rows
 * are counted on the database, so a push lost or doubled between the processes fails the bench too.
 *
 * `npx tsx bench/server.ts` runs it alone; `npm run bench` calls `run()`. BENCH_SECONDS sets the duration
 * of each run (default 8), BENCH_ROUNDS the rounds of bare → SQLite → PostgreSQL ×1 and ×2 (default 3),
 * BENCH_TARGETS which stores (default `sqlite,postgres,postgres-2`), BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) the PostgreSQL to use, BENCH_CPU_PROF a folder for `node --cpu-prof` profiles of the
 * server processes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { emptyReport, type ReportDocument } from '../src/domain/report';
import { buildApp } from '../src/server/app';
import type { ServiceContext } from '../src/server/services/context';
import { enrol } from '../src/server/services/devices';
import { issueEnrolmentCode } from '../src/server/services/devices';
import { createRootNode, createUnion } from '../src/server/services/organisation';
import { CONSOLE } from '../src/server/services/staff';
import { openStore } from '../src/server/store/open';
import type { Store } from '../src/server/store/store';

const CONNECTIONS = 32;

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers?: Record<string, unknown>) => void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string | string[];
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

export interface PushFigures {
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function benchSeconds(): number {
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 8;
}

/** A ready report that passes every rule, about the size an officer's real report has (a few KB). */
function benchReport(id: string): ReportDocument {
  const report = emptyReport(id, { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
  report.status = 'ready';
  Object.assign(report.membership, { workers: 420, members: 371, femaleMembers: 190, newMembers: 25, membersLeft: 12, membersInOtherOrganisations: 3 });
  report.dialogues = Array.from({ length: 6 }, (_, index) => ({
    id: `session-${index}`,
    date: `2025-0${index + 1}-15`,
    kind: 'workplace' as const,
    ledBy: 'Giám đốc công ty',
    participants: 80,
    recommendationsRaised: 6,
    recommendationsResolved: 4,
    notes: 'Đối thoại về tiền lương, thời giờ làm việc, bữa ăn ca và điều kiện lao động.',
  }));
  report.dissemination = { sessions: 12, attendance: 1_450 };
  report.proposals.text = 'Đề nghị Liên đoàn Lao động huyện hỗ trợ tập huấn cho cán bộ công đoàn cơ sở mới.';
  return report;
}

/**
 * One device and its report. A push takes a free slot, and its answer gives the slot back with the revision
 * to chain on: autocannon clears a connection's `context` after the last entry of `requests` (with one entry,
 * before every request), so the chain cannot live there; only the slot's number rides in `context` from a
 * request to its answer. With one request in flight per connection, a slot is never pushed twice at once.
 */
interface Slot {
  index: number;
  token: string | null;
  reportId: string;
  template: string;
  /** The revision the last 2xx answer carried: the next push's If-Match. */
  revision: string | undefined;
  sent: number;
  /** Answers that stored a new revision (200/201, not replayed, revision one above the one before). */
  stored: number;
  busy: boolean;
}

const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';
const UPDATED_AT = '"__UPDATED_AT__"';
const ATTENDANCE = '"__ATTENDANCE__"';

function slotFor(token: string | null, index: number): Slot {
  const reportId = randomUUID();
  const document = benchReport(reportId) as unknown as { updatedAt: string; dissemination: { attendance: unknown } };
  document.updatedAt = UPDATED_AT.slice(1, -1);
  document.dissemination.attendance = ATTENDANCE.slice(1, -1);
  return { index, token, reportId, template: JSON.stringify(document), revision: undefined, sent: 0, stored: 0, busy: false };
}

/** Header names arrive as the server wrote them (`ETag`). */
function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name && typeof value === 'string') return value;
  return undefined;
}

/** What the bench saw besides autocannon's counts: the pushes that did not store what they should have. */
interface Tally {
  ok: number;
  wrong: string[];
}

/** With several `urls`, autocannon hands its connections out round-robin: half to each of two processes. */
async function measure(target: string, urls: string[], slots: Slot[]): Promise<PushFigures & { tally: Tally; inFlight: number }> {
  const free = [...slots];
  const tally: Tally = { ok: 0, wrong: [] };
  const created = Date.parse('2025-10-01T08:00:00.000Z');
  const result = await autocannon({
    url: urls,
    connections: CONNECTIONS,
    duration: benchSeconds(),
    requests: [
      {
        method: 'PUT',
        setupRequest: (request: AutocannonRequest, context: Record<string, unknown>) => {
          const slot = free.pop();
          if (!slot) throw new Error('every report has a push in flight: more connections than slots');
          slot.busy = true;
          context.slot = slot.index;
          slot.sent += 1;
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            // What a phone's Chrome sends (Brotli over HTTPS): the answer, which carries the stored report,
            // travels compressed as it would to a real device. BENCH_ACCEPT_ENCODING=identity leaves it out.
            'accept-encoding': ACCEPT_ENCODING,
            'idempotency-key': `${slot.index}-${slot.sent}-${randomBytes(4).toString('hex')}`,
          };
          if (slot.token) headers.authorization = `Bearer ${slot.token}`;
          if (slot.revision === undefined) headers['if-none-match'] = '*';
          else headers['if-match'] = `"${slot.revision}"`;
          // A figure the officer changed and the time of the edit: every push is new content.
          const body = slot.template
            .replace(UPDATED_AT, JSON.stringify(new Date(created + slot.sent * 1000).toISOString()))
            .replace(ATTENDANCE, String(1_000 + slot.sent));
          return { ...request, path: `/api/reports/${slot.reportId}`, headers, body };
        },
        onResponse: (status: number, _body: string, context: Record<string, unknown>, headers?: Record<string, unknown>) => {
          const slot = slots[context.slot as number] as Slot;
          const etag = headerValue(headers, 'etag')?.replace(/"/g, '');
          const expected = String(Number(slot.revision ?? 0) + 1);
          if ((status === 200 || status === 201) && etag === expected && headerValue(headers, 'idempotency-replayed') === undefined) {
            slot.revision = etag;
            slot.stored += 1;
            tally.ok += 1;
          } else if (tally.wrong.length < 5) {
            tally.wrong.push(`slot ${slot.index}: ${status}, ETag ${etag ?? '-'} where ${expected} was due`);
          } else tally.wrong.push('');
          slot.busy = false;
          free.push(slot);
        },
      },
    ],
  });
  return {
    target,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    tally,
    // Pushes sent when the clock stopped: the server may have stored them, but nobody read the answer.
    inFlight: slots.filter((slot) => slot.busy).length,
  };
}

/** The floor: Node's own HTTP server reading the body and parsing it, with no auth, schema or store. */
async function serveBareNode(): Promise<Served> {
  // Only so that the bench's chain check holds for the floor too: one Map lookup per request.
  const revisions = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
      const revision = (revisions.get(document.id) ?? 0) + 1;
      revisions.set(document.id, revision);
      response.writeHead(200, { 'content-type': 'application/json', etag: `"${revision}"` });
      response.end(JSON.stringify({ report: { revision: String(revision), id: document.id } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, tokens: Array.from({ length: CONNECTIONS }, () => null) };
}

interface Served {
  url: string;
  tokens: (string | null)[];
}

/** One union and one enrolled device per connection, in a migrated `store`: the devices' tokens. */
async function seedDevices(store: Store): Promise<string[]> {
  await store.migrate();
  const context: ServiceContext = { store, now: () => new Date() };
  const tokens: string[] = [];
  const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh đo tải' });
  for (let slot = 0; slot < CONNECTIONS; slot++) {
    const union = await createUnion(context, CONSOLE, { name: `CĐCS đo tải ${slot}`, superiorId: province.id });
    const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
    tokens.push((await enrol(context, { code, deviceName: `máy đo ${slot}` })).token);
  }
  return tokens;
}

/** The real app on `store`, listening on an ephemeral loopback port. */
async function listenApp(store: Store): Promise<string> {
  // The bench pushes thousands a second per device: far past the per-device push limit an officer never meets.
  const app = await buildApp({ store, distDir: null, rateLimits: { push: { limit: 1_000_000_000, windowMs: 60_000 } } });
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** The real app on `store`, with one union and one enrolled device per connection. */
async function serveApp(store: Store): Promise<Served> {
  const tokens = await seedDevices(store);
  return { url: await listenApp(store), tokens };
}

/** Revision rows per report, as the store holds them after a run. */
type StoredRevisions = Record<string, number>;

async function countRevisions(store: Store): Promise<StoredRevisions> {
  const rows = await store.db
    .selectFrom('report_revisions')
    .select((eb) => ['report_id', eb.fn.countAll().as('revisions')])
    .groupBy('report_id')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.report_id, Number(row.revisions)]));
}

/**
 * The measured server runs in its own process: autocannon in the same event loop would take a
 * large share of the CPU the server needs and make every figure lower than it is. It prints where it
 * listens, answers `count` on stdin with the revision rows the store holds, and ends when stdin closes.
 */
async function serveTarget(kind: string): Promise<void> {
  let served: Served;
  let store: Store | null = null;
  let cleanUp = async () => undefined as void;
  if (kind === 'bare') served = await serveBareNode();
  else if (kind === 'sqlite' || kind === 'sqlite-full') {
    const dir = mkdtempSync(join(tmpdir(), 'bao-cao-bench-'));
    // As served (the WAL synced off the event loop), or SQLite syncing inside each commit, to compare.
    store = openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite'), durability: kind === 'sqlite-full' ? 'full' : 'wal' });
    served = await serveApp(store);
    const opened = store;
    cleanUp = async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    // PostgreSQL: the parent made, migrated and seeded the schema (one or two processes serve it) and
    // counts its revisions itself; this process only serves.
    const [url, schema] = process.argv.slice(4) as [string, string];
    const opened = openStore({ kind: 'postgres', url, schema });
    served = { url: await listenApp(opened), tokens: [] };
    cleanUp = () => opened.close();
  }
  console.log(JSON.stringify(served));
  const cpuAtStart = process.cpuUsage();
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => {
    input += chunk.toString('utf8');
    for (let newline = input.indexOf('\n'); newline >= 0; newline = input.indexOf('\n')) {
      const command = input.slice(0, newline);
      input = input.slice(newline + 1);
      if (command !== 'count') continue;
      // CPU time first, so that counting is not part of it.
      const cpu = process.cpuUsage(cpuAtStart);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      void (store ? countRevisions(store) : Promise.resolve(null)).then((revisions) => console.log(JSON.stringify({ cpuMs, revisions })));
    }
  });
  // process.exit, not a return: --cpu-prof writes its profile on the way out.
  process.stdin.once('end', () => void cleanUp().finally(() => process.exit(0)));
}

export interface MeasuredPushes extends PushFigures {
  /** Revision rows the store holds after the run (null for the bare handler, which stores nothing). */
  revisionsStored: number | null;
  /** Server processes that shared the load (two on one PostgreSQL, else one). */
  processes: number;
  /** 2xx answers that carried the next revision, as the bench read them. */
  newRevisionAnswers: number;
  inFlight: number;
  /** The server process's CPU time (user + system) over the run, per answered push: less noisy than req/s on a shared machine. */
  serverCpuMsPerPush: number;
}

/** BENCH_CPU_PROF=<folder>: the server processes run under `node --cpu-prof`, their profiles land there. */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** A server process of the bench (`--serve <kind>`): where it listens, and its CPU time and revision rows on demand. */
interface ServerProcess {
  served: Served;
  /** CPU time since it began listening, and the revision rows its store holds (null when it counts none). */
  count(): Promise<{ cpuMs: number; revisions: StoredRevisions | null }>;
  stop(): Promise<void>;
}

async function startServerProcess(target: string, kind: string, extra: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind, ...extra], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (let newline = output.indexOf('\n'); newline >= 0; newline = output.indexOf('\n')) {
      const line = output.slice(0, newline);
      output = output.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ended = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`${target}: the server process ended (${code})`))));
  ended.catch(() => undefined);
  const nextLine = () => Promise.race([ended, new Promise<string>((resolve) => (lines.length ? resolve(lines.shift() as string) : waiting.push(resolve)))]);
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  try {
    const served = JSON.parse(await nextLine()) as Served;
    return {
      served,
      count: async () => {
        child.stdin.write('count\n');
        return JSON.parse(await nextLine()) as { cpuMs: number; revisions: StoredRevisions | null };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The figures of one run over `processes` and the revision rows `stored` holds after it; fails the bench when a push stored nothing new. */
async function measureProcesses(
  target: string,
  processes: ServerProcess[],
  tokens: (string | null)[],
  stored: (counted: (StoredRevisions | null)[]) => Promise<StoredRevisions | null>,
): Promise<MeasuredPushes> {
  const slots = tokens.map(slotFor);
  const figures = await measure(
    target,
    processes.map((process) => process.served.url),
    slots,
  );
  const counts = await Promise.all(processes.map((process) => process.count()));
  const revisions = await stored(counts.map((count) => count.revisions));
  const cpuMs = counts.reduce((sum, count) => sum + count.cpuMs, 0);
  const result: MeasuredPushes = {
    ...figures,
    processes: processes.length,
    serverCpuMsPerPush: cpuMs / Math.max(1, figures.requests),
    revisionsStored: revisions && Object.values(revisions).reduce((sum, count) => sum + count, 0),
    newRevisionAnswers: figures.tally.ok,
  };
  checkEveryPushStored(result, figures.tally, slots, revisions);
  return result;
}

/** The floor or SQLite: one process that seeds its own store and counts its own revisions. */
async function measureInChild(target: string, kind: string): Promise<MeasuredPushes> {
  const server = await startServerProcess(target, kind);
  try {
    return await measureProcesses(target, [server], server.served.tokens, async ([revisions]) => revisions ?? null);
  } finally {
    await server.stop();
  }
}

/**
 * PostgreSQL with `processes` server processes on one database and one schema, as a province would run
 * it: this process makes the schema, migrates and seeds it, starts the servers (each opens its own pool),
 * and autocannon's connections go round-robin to them (16 each of the 32 with two). A device's next push
 * goes through whichever connection is free, so a report's chain runs through both processes. The
 * revision rows are counted here, on the database, after the run.
 */
async function measurePostgres(target: string, url: string, processes: number): Promise<MeasuredPushes> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const servers: ServerProcess[] = [];
  let store: Store | null = null;
  try {
    await admin.query(`create schema ${schema}`);
    store = openStore({ kind: 'postgres', url, schema, maxConnections: 2 });
    const tokens = await seedDevices(store);
    for (let index = 0; index < processes; index++) servers.push(await startServerProcess(target, 'postgres', [url, schema]));
    const opened = store;
    return await measureProcesses(target, servers, tokens, () => countRevisions(opened));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await store?.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

/**
 * Fails the bench when a measured push did not store a new revision: a refused or replayed push, a chain
 * that skipped, or a report whose revision rows differ from the 2xx answers its device read (a push still
 * in flight when the clock stopped may or may not have been stored: at most one per report).
 */
function checkEveryPushStored(result: MeasuredPushes, tally: Tally, slots: Slot[], stored: StoredRevisions | null): void {
  const problems: string[] = [];
  if (tally.wrong.length > 0) problems.push(`${tally.wrong.length} answers stored no new revision, e.g. ${tally.wrong.filter(Boolean).join('; ')}`);
  if (result.non2xx + result.errors > 0) problems.push(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  if (result.requests !== tally.ok + tally.wrong.length) problems.push(`autocannon counted ${result.requests} answers, the bench read ${tally.ok + tally.wrong.length}`);
  if (stored) {
    for (const slot of slots) {
      const rows = stored[slot.reportId] ?? 0;
      if (rows !== slot.stored && !(slot.busy && rows === slot.stored + 1))
        problems.push(`report of slot ${slot.index}: ${rows} revision rows for ${slot.stored} answered pushes${slot.busy ? ' (+1 in flight)' : ''}`);
    }
  }
  if (problems.length > 0) throw new Error(`${result.target}: not every measured push stored a new revision:\n  ${problems.join('\n  ')}`);
}

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function line(figures: MeasuredPushes, bare: MeasuredPushes): string {
  const ratio = figures === bare ? '' : `  = ${share(figures, bare)} of bare node:http`;
  const stored =
    figures.revisionsStored === null
      ? `${figures.newRevisionAnswers} answers chained, nothing stored`
      : `${figures.revisionsStored} revisions stored for ${figures.newRevisionAnswers} 2xx pushes` +
        (figures.revisionsStored > figures.newRevisionAnswers ? ` + ${figures.revisionsStored - figures.newRevisionAnswers} in flight at the end` : '');
  const cpu = `server CPU ${(figures.serverCpuMsPerPush * 1000).toFixed(0)} µs/push`;
  return `${figures.target.padEnd(22)} ${String(figures.requestsPerSecond).padStart(7)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ${cpu}  (${figures.requests} requests; ${stored})${ratio}`;
}

function share(figures: PushFigures, bare: PushFigures): string {
  return `${((figures.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(1)} %`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface ServerBenchResult {
  rounds: { bare: MeasuredPushes; sqlite?: MeasuredPushes; sqliteFull?: MeasuredPushes; postgres?: MeasuredPushes; postgresTwoProcesses?: MeasuredPushes }[];
  /** Median share of the bare handler over the rounds, in per cent. */
  sqliteShare?: number;
  sqliteFullShare?: number;
  postgresShare?: number;
  postgresTwoProcessesShare?: number;
}

type Round = ServerBenchResult['rounds'][number];

/**
 * BENCH_ROUNDS rounds (default 3), each bare → SQLite → PostgreSQL with one process and with two (which of
 * the two goes first alternates from round to round), so that every store is compared with a floor taken
 * minutes, not a run, apart. BENCH_TARGETS=sqlite,postgres,postgres-2 leaves targets out (the floor stays); `sqlite-full` adds SQLite
 * with `synchronous = FULL` (SQLite syncing inside each commit, on the event loop) for comparison.
 */
export async function run(): Promise<ServerBenchResult> {
  const roundsWanted = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) || 3);
  const targets = new Set((process.env.BENCH_TARGETS ?? 'sqlite,postgres,postgres-2').split(','));
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const unreachable = targets.has('postgres') || targets.has('postgres-2') ? await postgresReachable(postgresUrl) : null;
  if (unreachable) console.log(`PostgreSQL not reachable (${unreachable}): skipped`);
  console.log(
    `Report pushes, ${CONNECTIONS} connections, loopback, ${benchSeconds()} s each, ${roundsWanted} rounds ` +
      `(each push authenticated, validated, chained on If-Match, stored as a new revision, Accept-Encoding: ${ACCEPT_ENCODING}; the store counted after the run;` +
      ' with two PostgreSQL processes on one schema, the connections go round-robin to both):',
  );
  const result: ServerBenchResult = { rounds: [] };
  for (let round = 1; round <= roundsWanted; round++) {
    console.log(`round ${round}:`);
    const bare = await measureInChild('bare node:http', 'bare');
    console.log(`  ${line(bare, bare)}`);
    const measured: Round = { bare };
    if (targets.has('sqlite')) {
      measured.sqlite = await measureInChild('Fastify + SQLite', 'sqlite');
      console.log(`  ${line(measured.sqlite, bare)}`);
    }
    if (targets.has('sqlite-full')) {
      measured.sqliteFull = await measureInChild('Fastify + SQLite, FULL', 'sqlite-full');
      console.log(`  ${line(measured.sqliteFull, bare)}`);
    }
    if (!unreachable) {
      const postgres = [
        ...(targets.has('postgres') ? [1] : []),
        ...(targets.has('postgres-2') ? [2] : []),
      ];
      if (round % 2 === 0) postgres.reverse();
      for (const processes of postgres) {
        const figures = await measurePostgres(processes === 1 ? 'Fastify + PostgreSQL' : 'Fastify ×2 + PostgreSQL', postgresUrl, processes);
        if (processes === 1) measured.postgres = figures;
        else measured.postgresTwoProcesses = figures;
        console.log(`  ${line(figures, bare)}`);
      }
    }
    result.rounds.push(measured);
  }
  const shares = (pick: (round: Round) => MeasuredPushes | undefined) =>
    result.rounds.flatMap((round) => {
      const figures = pick(round);
      return figures ? [(figures.requestsPerSecond / round.bare.requestsPerSecond) * 100] : [];
    });
  const medianOf = (pick: (round: Round) => MeasuredPushes | undefined, value: (figures: MeasuredPushes) => number) =>
    median(result.rounds.flatMap((round) => (pick(round) ? [value(pick(round) as MeasuredPushes)] : [])));
  console.log(`median of ${roundsWanted}: bare node:http ${medianOf((round) => round.bare, (figures) => figures.requestsPerSecond)} req/s`);
  for (const [name, pick, floor] of [
    ['SQLite', (round: Round) => round.sqlite, 40],
    ['SQLite with synchronous = FULL', (round: Round) => round.sqliteFull, 40],
    ['PostgreSQL, 1 process', (round: Round) => round.postgres, 20],
    ['PostgreSQL, 2 processes', (round: Round) => round.postgresTwoProcesses, 20],
  ] as const) {
    const values = shares(pick);
    if (values.length === 0) continue;
    const value = median(values);
    if (name === 'SQLite') result.sqliteShare = value;
    else if (name === 'SQLite with synchronous = FULL') result.sqliteFullShare = value;
    else if (name === 'PostgreSQL, 1 process') result.postgresShare = value;
    else result.postgresTwoProcessesShare = value;
    console.log(
      `  ${name}: ${medianOf(pick, (figures) => figures.requestsPerSecond)} pushes/s, p50 ${medianOf(pick, (figures) => figures.p50Ms)} ms, ` +
        `p99 ${medianOf(pick, (figures) => figures.p99Ms)} ms, ${value.toFixed(1)} % of bare ` +
        `(rounds: ${values.map((v) => `${v.toFixed(1)} %`).join(', ')}; target ≥ ${floor} %)`,
    );
  }
  return result;
}

export default run;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--serve') await serveTarget(process.argv[3] ?? 'sqlite');
  else await run();
}
