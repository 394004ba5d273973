/**
 * Real servers for tests: a real SQLite file in a temp folder or a fresh PostgreSQL schema, the real
 * app on an ephemeral port, and shortcuts to create a union, an enrolment code and an enrolled device;
 * then the requests the tests send and how they read the answers. The app's sync tests (test/app/sync/*.server.test.ts) and
 * the browser tests (test/e2e) use `startTestServer` too.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe, expect } from 'vitest';
import type { OrgNode, StaffRole } from '../../src/domain/organisation';
import type { OpenRoundRequest } from '../../src/domain/roundRequests';
import type { IssuedEnrolmentCode } from '../../src/domain/staff';
import { emptyReport, type ReportDocument } from '../../src/domain/report';
import type { ApiError, EnrolResponse, PutReportResponse, ReviewStatus, ServerReport } from '../../src/domain/sync';
import { buildApp, type BuildAppOptions } from '../../src/server/app';
import type { RateLimits } from '../../src/server/http/routes';
import { issueEnrolmentCode } from '../../src/server/services/devices';
import { createNode, createRootNode, createUnion } from '../../src/server/services/organisation';
import { reviewReport } from '../../src/server/services/review';
import { CONSOLE, createStaff } from '../../src/server/services/staff';
import { openStore } from '../../src/server/store/open';
import { fromReport, type ReportRecord } from '../../src/server/store/reports';
import type { SyncFile } from '../../src/server/store/sqliteDriver';
import type { Store, StoreKind, UnionRecord } from '../../src/server/store/store';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** The store kinds this run can test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const STORE_KINDS: { kind: StoreKind; available: boolean }[] = [
  { kind: 'sqlite', available: true },
  { kind: 'postgres', available: Boolean(TEST_DATABASE_URL) },
];

let announcedSkip = false;
export function announcePostgresSkip(): void {
  if (TEST_DATABASE_URL || announcedSkip) return;
  announcedSkip = true;
  console.warn('TEST_DATABASE_URL is not set: the PostgreSQL store tests were SKIPPED (only SQLite ran).');
}

/**
 * Declares the same tests once per store (SQLite always, PostgreSQL where TEST_DATABASE_URL names one),
 * so every rule is checked on both; a missing PostgreSQL is said once, not passed over in silence.
 */
export function describeOnEachStore(title: (kind: StoreKind) => string, body: (kind: StoreKind) => void): void {
  announcePostgresSkip();
  for (const { kind, available } of STORE_KINDS) {
    (available ? describe : describe.skip)(title(kind), () => body(kind));
  }
}

export interface TestStore {
  store: Store;
  /** SQLite only: the database file. */
  sqliteFile?: string;
  /** PostgreSQL only: the schema this store lives in. */
  pgSchema?: string;
  /** Closes the store and throws its data away (unless keepData). */
  dispose(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * A fresh, migrated store. `sqliteFile` / `pgSchema` reopen an earlier one (e.g. a server restart);
 * `migrate: false` leaves it empty for migration tests.
 */
export async function openTestStore(
  kind: StoreKind,
  options: { sqliteFile?: string; pgSchema?: string; migrate?: boolean; syncFile?: SyncFile } = {},
): Promise<TestStore> {
  let result: TestStore;
  if (kind === 'sqlite') {
    const dir = options.sqliteFile ? null : mkdtempSync(join(tmpdir(), 'bao-cao-cdcs-'));
    const file = options.sqliteFile ?? join(dir as string, 'test.sqlite');
    const store = openStore({ kind: 'sqlite', file, ...(options.syncFile ? { syncFile: options.syncFile } : {}) });
    result = {
      store,
      sqliteFile: file,
      async dispose({ keepData = false } = {}) {
        await store.close();
        if (!keepData && dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
    const schema = options.pgSchema ?? `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema if not exists ${schema}`);
    await admin.end();
    const store = openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema, maxConnections: 8 });
    result = {
      store,
      pgSchema: schema,
      async dispose({ keepData = false } = {}) {
        await store.close();
        if (keepData) return;
        const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await cleanup.connect();
        await cleanup.query(`drop schema if exists ${schema} cascade`);
        await cleanup.end();
      },
    };
  }
  if (options.migrate !== false) await result.store.migrate();
  return result;
}

export interface EnrolledDevice extends EnrolResponse {
  unionId: string;
  /** `{ authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

export interface TestServer {
  url: string;
  port: number;
  app: FastifyInstance;
  store: Store;
  kind: StoreKind;
  /** Pass back to startTestServer to restart on the same data. */
  sqliteFile?: string;
  pgSchema?: string;
  /** Stops listening (finishing requests in flight) and closes the store; keepData for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
  /** The province node every test server starts with (made on a fresh store; found again on a restart). */
  root: OrgNode;
  /** A new upper-level node (a commune union unless `kind`) under `parentId` (default: the root). */
  createNode(options?: { name?: string; parentId?: string; kind?: 'upper_commune' | 'upper_industrial_park' | 'upper_sector' | 'upper_other' | 'central_sector' }): Promise<OrgNode>;
  /** A new CĐCS under `superiorId` (default: the root), with the organisation's `code` when given. */
  createUnion(name?: string, superiorId?: string, code?: string): Promise<UnionRecord>;
  issueCode(unionId: string, options?: { validDays?: number; maxUses?: number }): Promise<IssuedEnrolmentCode>;
  /** A union (new unless `unionId`), a code, and `POST /api/enrol` over HTTP: a real device token. */
  enrolDevice(options?: { unionId?: string; deviceName?: string }): Promise<EnrolledDevice>;
  /** A staff account (admin on the root unless told) and a signed-in session: `{ authorization: 'Bearer …' }`. */
  staffSession(options?: { nodeId?: string; role?: StaffRole }): Promise<{ id: string; username: string; password: string; headers: Record<string, string> }>;
  /** Moves the server's clock (expiry of codes and sessions). */
  advanceClock(ms: number): void;
  /** A new union and an enrolment code for it (the code as its superior's staff would read it out). */
  createUnionWithCode(options?: { name?: string; validDays?: number; maxUses?: number }): Promise<{ union: UnionRecord; code: string }>;
  /** The superior's decision on a report (it must be marked ready); reaches devices through the change feed. */
  reviewReport(reportId: string, status: ReviewStatus, comment?: string): Promise<ServerReport>;
  /** The report as the server holds it now, read from the store; null when the server has none. */
  storedDocument(reportId: string): Promise<ReportDocument | null>;
}

export interface StartTestServerOptions {
  store?: StoreKind;
  sqliteFile?: string;
  pgSchema?: string;
  /** Listen on this port (a restart keeps the address devices know). Default: ephemeral. */
  port?: number;
  /** Defaults here are generous so that tests enrolling many devices are not throttled; rate-limit tests pass their own. */
  rateLimits?: Partial<RateLimits>;
  distDir?: string | null;
  logger?: BuildAppOptions['logger'];
  trustProxy?: BuildAppOptions['trustProxy'];
  timeouts?: BuildAppOptions['timeouts'];
  pressure?: BuildAppOptions['pressure'];
  /** Where the rate limits count (default: as the server decides for the store). */
  limitCounts?: BuildAppOptions['limitCounts'];
  /** SQLite: how the driver syncs the WAL (a test holds it). */
  syncFile?: SyncFile;
  /** Notifications to the phones: the worker's settings (tests call `app.notifications.tick()`). */
  notifications?: BuildAppOptions['notifications'];
}

const GENEROUS_LIMITS: RateLimits = {
  enrol: { limit: 10_000, windowMs: 60_000 },
  login: { limit: 10_000, windowMs: 60_000 },
  loginAccount: { limit: 10_000, windowMs: 60_000 },
  accountSecrets: { limit: 10_000, windowMs: 60_000 },
  push: { limit: 10_000, windowMs: 60_000 },
};

export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const kind = options.store ?? 'sqlite';
  const testStore = await openTestStore(kind, {
    ...(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {}),
    ...(options.syncFile ? { syncFile: options.syncFile } : {}),
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
  });
  const store = testStore.store;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);
  const app = await buildApp({
    store,
    distDir: options.distDir ?? null,
    now,
    rateLimits: { ...GENEROUS_LIMITS, ...options.rateLimits },
    logger: options.logger ?? false,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.pressure ? { pressure: options.pressure } : {}),
    ...(options.limitCounts ? { limitCounts: options.limitCounts } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const context = { store, now };
  const root = (await store.listRootNodes())[0] ?? (await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm', shortName: 'LĐLĐ tỉnh Thử Nghiệm' }));

  const server: TestServer = {
    url,
    port: address.port,
    app,
    store,
    kind,
    ...(testStore.sqliteFile ? { sqliteFile: testStore.sqliteFile } : {}),
    ...(testStore.pgSchema ? { pgSchema: testStore.pgSchema } : {}),
    async close({ keepData = false } = {}) {
      await app.close();
      await testStore.dispose({ keepData });
    },
    root,
    createNode: ({ name = `Công đoàn phường ${randomBytes(3).toString('hex')}`, parentId = root.id, kind = 'upper_commune' } = {}) =>
      createNode(context, CONSOLE, { parentId, kind, name }),
    createUnion: (name = `CĐCS Công ty ${randomBytes(3).toString('hex')}`, superiorId = root.id, code?: string) =>
      createUnion(context, CONSOLE, { name, superiorId, ...(code === undefined ? {} : { code }) }),
    issueCode: (unionId, codeOptions = {}) => issueEnrolmentCode(context, CONSOLE, unionId, codeOptions),
    async enrolDevice({ unionId, deviceName = 'Điện thoại thử' } = {}) {
      const union = unionId ?? (await server.createUnion()).id;
      const { code } = await server.issueCode(union);
      const response = await fetch(`${url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName }),
      });
      if (response.status !== 201) throw new Error(`enrol failed: ${response.status} ${await response.text()}`);
      const enrolled = (await response.json()) as EnrolResponse;
      return { ...enrolled, unionId: union, headers: { authorization: `Bearer ${enrolled.token}` } };
    },
    async staffSession({ nodeId = root.id, role = 'admin' } = {}) {
      const username = `staff-${randomBytes(3).toString('hex')}`;
      const password = randomBytes(12).toString('base64url');
      const member = await createStaff(context, CONSOLE, nodeId, { username, password, role });
      const response = await fetch(`${url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
      const { token } = (await response.json()) as { token: string };
      return { id: member.id, username, password, headers: { authorization: `Bearer ${token}` } };
    },
    advanceClock(ms: number) {
      clockOffset += ms;
    },
    async createUnionWithCode({ name, validDays, maxUses } = {}) {
      const union = await server.createUnion(name);
      const { code } = await server.issueCode(union.id, { ...(validDays ? { validDays } : {}), ...(maxUses ? { maxUses } : {}) });
      return { union, code };
    },
    async reviewReport(reportId, status, comment = status === 'returned' ? 'Đề nghị bổ sung số liệu.' : '') {
      // The reviewer decides on the revision it reads: here, the current one.
      const current = await store.findReport(reportId);
      return reviewReport(context, CONSOLE, reportId, { status, comment, revision: String(current?.revision ?? '') });
    },
    async storedDocument(reportId) {
      const record = await store.findReport(reportId);
      return record ? (JSON.parse(record.documentJson) as ReportDocument) : null;
    },
  };
  return server;
}

export type StaffLogin = Awaited<ReturnType<TestServer['staffSession']>>;

/** The setting of the tests of reach and roles: two communes under the province, a CĐCS under each, and their staff. */
export interface TwoCommunes {
  communeA: OrgNode;
  communeB: OrgNode;
  unionA: UnionRecord;
  unionB: UnionRecord;
  /** The province's admin; an admin, a reviewer and a viewer of commune A; an admin of commune B. */
  staff: Record<'province' | 'adminA' | 'reviewerA' | 'viewerA' | 'adminB', StaffLogin>;
}

export async function twoCommunes(server: TestServer): Promise<TwoCommunes> {
  const communeA = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
  const communeB = await server.createNode({ name: 'Công đoàn xã Bến Củi' });
  const unionA = await server.createUnion('CĐCS Công ty May An Tịnh', communeA.id);
  const unionB = await server.createUnion('CĐCS Trường Bến Củi', communeB.id);
  const staff = {
    province: await server.staffSession(),
    adminA: await server.staffSession({ nodeId: communeA.id, role: 'admin' }),
    reviewerA: await server.staffSession({ nodeId: communeA.id, role: 'reviewer' }),
    viewerA: await server.staffSession({ nodeId: communeA.id, role: 'viewer' }),
    adminB: await server.staffSession({ nodeId: communeB.id, role: 'admin' }),
  };
  return { communeA, communeB, unionA, unionB, staff };
}

/** A round of a past year, recorded after the fact (today's deadlines are refused: roundDeadline.test.ts). */
export const PAST_ROUND: OpenRoundRequest = {
  period: { year: 2025, kind: 'yearly' },
  title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2025',
  plan: 'Kế hoạch số 94/KH-LĐLĐ',
  activities: { from: '2025-01-01', to: '2025-11-30' },
  deadline: '2025-12-10',
  allowPastDeadline: true,
};

/** A valid report document (a draft unless changed), with a fresh UUID. */
export function sampleReport(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const now = '2025-10-01T08:00:00.000Z';
  const report = emptyReport(randomUUID(), { year: 2025, kind: 'yearly' }, now);
  report.membership.workers = 120;
  report.membership.members = 100;
  return { ...report, ...overrides };
}

/** A new CĐCS (under the root unless `superiorId`) whose enrolled device pushed `report` as the officer's app does; its id. */
export async function unionWithReport(server: TestServer, report: ReportDocument, union: { name: string; superiorId?: string; code?: string }): Promise<string> {
  const created = await server.createUnion(union.name, union.superiorId, union.code);
  await pushStored(server, await server.enrolDevice({ unionId: created.id }), report);
  return created.id;
}

/** A report that passes every rule and is marked ready to send. */
export function readyReport(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return sampleReport({ status: 'ready', ...overrides });
}

/**
 * A push over HTTP that must store a new revision (201 for the first, 200 after, on `revision`); returns
 * the revision the server gave it, to chain the next push on.
 */
export async function pushStored(server: { url: string }, device: Pick<EnrolledDevice, 'headers'>, document: ReportDocument, revision?: string): Promise<string> {
  const response = await fetch(`${server.url}/api/reports/${document.id}`, {
    method: 'PUT',
    headers: pushHeaders(device, revision === undefined ? {} : { revision }),
    body: JSON.stringify(document),
  });
  expect(response.status, await response.clone().text()).toBe(revision === undefined ? 201 : 200);
  return ((await response.json()) as PutReportResponse).report.revision;
}

/** Headers of a push: JSON, a fresh Idempotency-Key, and the precondition. */
export function pushHeaders(
  device: { headers: Record<string, string> },
  options: { revision?: string; key?: string } = {},
): Record<string, string> {
  return {
    ...device.headers,
    'content-type': 'application/json',
    'idempotency-key': options.key ?? randomUUID(),
    ...(options.revision === undefined ? { 'if-none-match': '*' } : { 'if-match': `"${options.revision}"` }),
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes that travelled, not decoded (fetch would decode a compressed body). */
  body: Buffer;
}

/** A GET over node:http that keeps the body as it came over the wire. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** An answer as the tests read it: the body parsed as JSON (the text when it is not JSON, null when empty). */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** `fetch`, with the answer read whole. */
export async function call<T = unknown>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** A request carrying `body` as JSON (POST unless told). */
export function json(headers: Record<string, string>, body: unknown, method = 'POST'): RequestInit {
  return { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A body sent as it is, with its own content type (a broken JSON, a text the API refuses). */
export interface RawBody {
  type: string;
  text: string;
}

/**
 * `method path` on the server, as `who` (a device or a staff session, or nobody), with `body` as JSON
 * when given, or `raw` as it is.
 */
export function api<T = unknown>(
  server: { url: string },
  method: string,
  path: string,
  who: { headers: Record<string, string> } | null,
  body?: unknown,
  raw?: RawBody,
): Promise<Answer<T>> {
  const headers = who?.headers ?? {};
  if (raw) return call<T>(`${server.url}${path}`, { method, headers: { ...headers, 'content-type': raw.type }, body: raw.text });
  return call<T>(`${server.url}${path}`, body === undefined ? { method, headers } : json(headers, body, method));
}

/** An error in the API's shape, with this status and code and a message: never a stack trace or a hash. */
export function expectApiError(answer: Answer, status: number, code: string): ApiError {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const body = answer.body as ApiError;
  expect(body.error).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+|[0-9a-f]{64}|scrypt\$/);
  return body;
}

/**
 * A report's row as the versions before 0021_reports_by_form wrote it (no form columns), for the tests
 * that fill a store migrated only part of the way.
 */
export function reportRowBeforeForms(report: ReportRecord): Omit<ReturnType<typeof fromReport>, 'form_id' | 'form_version'> {
  const { form_id: _id, form_version: _version, ...columns } = fromReport(report);
  return columns;
}
