/**
 * Server throughput: authenticated, validated report pushes (`PUT /api/reports/:id`) per second and
 * their p50/p99 latency at 32 connections on loopback, for SQLite and (when reachable) PostgreSQL,
 * beside a bare `node:http` handler that only reads and parses the same body, measured in the same run.
 *
 * What one measured push is: each autocannon connection plays one device of its own union, owns one
 * report, and chains real updates on it: `If-Match` with the revision its previous answer carried, a new
 * `Idempotency-Key`, and a document whose `updatedAt` differs, so every request passes the schema and the
 * rules (`status: 'ready'`), checks the device token, takes the write lock, stores a new revision row, the
 * idempotency record and the change cursor. (Distinct report ids per request would soon hit "one report
 * per union and period"; a chain per connection never conflicts, because no two connections share a report.)
 *
 * `npx tsx bench/server.ts` runs it alone; `npm run bench` calls `run()`. BENCH_SECONDS sets the duration
 * of each run (default 8), BENCH_DATABASE_URL (or TEST_DATABASE_URL) the PostgreSQL to use.
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
import type { PutReportResponse } from '../src/domain/sync';
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
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
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

/** Per connection: the device, its report, and the report's JSON with a placeholder for `updatedAt`. */
interface Slot {
  token: string | null;
  reportId: string;
  template: string;
}

const UPDATED_AT = '__UPDATED_AT__';

function slotFor(token: string | null): Slot {
  const reportId = randomUUID();
  const document = benchReport(reportId);
  document.updatedAt = UPDATED_AT;
  return { token, reportId, template: JSON.stringify(document) };
}

async function measure(target: string, url: string, slots: Slot[]): Promise<PushFigures> {
  let nextSlot = 0;
  const created = Date.parse('2025-10-01T08:00:00.000Z');
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: benchSeconds(),
    requests: [
      {
        method: 'PUT',
        setupRequest: (request: AutocannonRequest, context: Record<string, unknown>) => {
          if (context.slot === undefined) context.slot = nextSlot++;
          const slot = slots[(context.slot as number) % slots.length] as Slot;
          const sent = ((context.sent as number | undefined) ?? 0) + 1;
          context.sent = sent;
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            'idempotency-key': `${context.slot as number}-${sent}-${randomBytes(4).toString('hex')}`,
          };
          if (slot.token) headers.authorization = `Bearer ${slot.token}`;
          const revision = context.revision as string | undefined;
          if (revision === undefined) headers['if-none-match'] = '*';
          else headers['if-match'] = `"${revision}"`;
          const body = slot.template.replace(UPDATED_AT, new Date(created + sent * 1000).toISOString());
          return { ...request, path: `/api/reports/${slot.reportId}`, headers, body };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          if (status === 200 || status === 201) context.revision = (JSON.parse(body) as PutReportResponse).report.revision;
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
  };
}

/** The floor: Node's own HTTP server reading the body and parsing it, with no auth, schema or store. */
async function serveBareNode(): Promise<{ url: string; tokens: (string | null)[] }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const document = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
      response.writeHead(200, { 'content-type': 'application/json', etag: '"1"' });
      response.end(JSON.stringify({ report: { revision: '1', id: document.id } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, tokens: Array.from({ length: CONNECTIONS }, () => null) };
}

/** The real app on `store`, with one union and one enrolled device per connection. */
async function serveApp(store: Store): Promise<{ url: string; tokens: (string | null)[] }> {
  await store.migrate();
  const context: ServiceContext = { store, now: () => new Date() };
  const tokens: string[] = [];
  const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh đo tải' });
  for (let slot = 0; slot < CONNECTIONS; slot++) {
    const union = await createUnion(context, CONSOLE, { name: `CĐCS đo tải ${slot}`, superiorId: province.id });
    const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
    tokens.push((await enrol(context, { code, deviceName: `máy đo ${slot}` })).token);
  }
  const app = await buildApp({ store, distDir: null });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, tokens };
}

/**
 * The measured server runs in its own process: autocannon in the same event loop would take a
 * large share of the CPU the server needs and make every figure lower than it is.
 */
async function serveTarget(kind: string): Promise<void> {
  let served: { url: string; tokens: (string | null)[] };
  if (kind === 'bare') served = await serveBareNode();
  else if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bao-cao-bench-'));
    const store = openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    served = await serveApp(store);
  } else {
    const url = process.argv[4] as string;
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const store = openStore({ kind: 'postgres', url, schema });
    served = await serveApp(store);
    process.stdin.once('close', () => {
      void store
        .close()
        .then(() => admin.query(`drop schema ${schema} cascade`))
        .then(() => admin.end())
        .finally(() => process.exit(0));
    });
  }
  console.log(JSON.stringify(served));
  process.stdin.resume();
  if (kind !== 'postgres') process.stdin.once('close', () => process.exit(0));
}

async function measureInChild(target: string, kind: string, extra: string[] = []): Promise<PushFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', kind, ...extra], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const served = await new Promise<{ url: string; tokens: (string | null)[] }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const newline = output.indexOf('\n');
        if (newline >= 0) resolve(JSON.parse(output.slice(0, newline)) as { url: string; tokens: (string | null)[] });
      });
      child.once('exit', (code) => reject(new Error(`${target}: the server process ended (${code})`)));
    });
    return await measure(target, served.url, served.tokens.map(slotFor));
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
  }
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

function line(figures: PushFigures, bare: PushFigures): string {
  const ratio = figures === bare ? '' : `  = ${((figures.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(1)} % of bare node:http`;
  const refused = figures.non2xx + figures.errors > 0 ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors!)` : '';
  return `${figures.target.padEnd(22)} ${String(figures.requestsPerSecond).padStart(7)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  (${figures.requests} requests)${ratio}${refused}`;
}

export async function run(): Promise<{ bare: PushFigures; sqlite: PushFigures; postgres: PushFigures | string }> {
  console.log(`Report pushes, ${CONNECTIONS} connections, loopback, ${benchSeconds()} s each (authenticated, validated, one revision each):`);
  const bare = await measureInChild('bare node:http', 'bare');
  console.log(line(bare, bare));
  const sqlite = await measureInChild('Fastify + SQLite', 'sqlite');
  console.log(line(sqlite, bare));
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const unreachable = await postgresReachable(postgresUrl);
  const postgres = unreachable ? `PostgreSQL not reachable (${unreachable}): skipped` : await measureInChild('Fastify + PostgreSQL', 'postgres', [postgresUrl]);
  console.log(typeof postgres === 'string' ? postgres : line(postgres, bare));
  return { bare, sqlite, postgres };
}

export default run;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--serve') await serveTarget(process.argv[3] ?? 'sqlite');
  else await run();
}
