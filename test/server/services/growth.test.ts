/**
 * One device cannot grow the store without bound: its pushes are limited per minute (429 with
 * Retry-After), and a report keeps its newest drafts' revisions and every ready one, however many
 * revisions it went through. Both stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, PutReportResponse } from '../../../src/domain/sync';
import { KEPT_DRAFT_REVISIONS } from '../../../src/server/services/reports';
import { announcePostgresSkip, pushHeaders, sampleReport, startTestServer, type StartTestServerOptions, STORE_KINDS, TEST_DATABASE_URL, type EnrolledDevice, type TestServer } from '../helpers';
import type { ReportDocument } from '../../../src/domain/report';

announcePostgresSkip();

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function push(target: TestServer, device: EnrolledDevice, report: ReportDocument, revision?: string) {
  return fetch(`${target.url}/api/reports/${report.id}`, {
    method: 'PUT',
    headers: pushHeaders(device, revision === undefined ? {} : { revision }),
    body: JSON.stringify(report),
  });
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the history of one report on ${kind}`, () => {
    it(`keeps the newest ${KEPT_DRAFT_REVISIONS} revisions and every ready one, and a replay of a thinned push answers 412 with the current copy`, async () => {
      server = await startTestServer({ store: kind });
      const device = await server.enrolDevice();
      const base = sampleReport();
      let revision: string | undefined;
      let firstKey = '';
      const readyAt = new Set([10, 30]);
      const total = KEPT_DRAFT_REVISIONS * 3;
      for (let n = 1; n <= total; n++) {
        const document = { ...base, status: readyAt.has(n) ? ('ready' as const) : ('draft' as const), proposals: { text: `Lần sửa ${n}` } };
        const headers = pushHeaders(device, revision === undefined ? {} : { revision });
        if (n === 1) firstKey = headers['idempotency-key']!;
        const answer = await fetch(`${server.url}/api/reports/${base.id}`, { method: 'PUT', headers, body: JSON.stringify(document) });
        expect(answer.status, `push ${n}`).toBe(n === 1 ? 201 : 200);
        revision = ((await answer.json()) as PutReportResponse).report.revision;
      }
      expect(revision).toBe(String(total));
      const kept = (await server.store.listRevisions(base.id)).map((entry) => entry.revision);
      const newest = Array.from({ length: KEPT_DRAFT_REVISIONS }, (_, i) => total - KEPT_DRAFT_REVISIONS + 1 + i);
      expect(kept).toEqual([10, 30, ...newest].sort((a, b) => a - b));
      for (const ready of readyAt) expect(JSON.parse((await server.store.findRevisionDocument(base.id, ready))!).status).toBe('ready');

      // The first push's answer was lost and it comes back now: its revision is gone, the device learns how the report stands.
      const replay = await fetch(`${server.url}/api/reports/${base.id}`, {
        method: 'PUT',
        headers: { ...pushHeaders(device), 'idempotency-key': firstKey },
        body: JSON.stringify({ ...base, status: 'draft', proposals: { text: 'Lần sửa 1' } }),
      });
      expect(replay.status).toBe(412);
      const refused = (await replay.json()) as ApiError & { details: { current: { revision: string } } };
      expect(refused).toMatchObject({ error: 'stale_revision' });
      expect(refused.details.current.revision).toBe(String(total));
    });
  });
}

/** The plugin's own store in memory (SQLite's one process), ours in the database on both stores (PostgreSQL's default). */
const PUSH_COUNTS: { name: string; options: StartTestServerOptions; available: boolean }[] = [
  { name: 'in memory', options: { store: 'sqlite', limitCounts: 'memory' }, available: true },
  { name: 'in SQLite', options: { store: 'sqlite', limitCounts: 'database' }, available: true },
  { name: 'in PostgreSQL', options: { store: 'postgres' }, available: Boolean(TEST_DATABASE_URL) },
];

for (const { name, options, available } of PUSH_COUNTS) {
  (available ? describe : describe.skip)(`pushes per device (${name})`, () => {
    it('answers a device that pushes faster than any officer with 429 and Retry-After, and leaves other devices alone', async () => {
      server = await startTestServer({ ...options, rateLimits: { push: { limit: 5, windowMs: 60_000 } } });
      const fast = await server.enrolDevice();
      const other = await server.enrolDevice();
      const report = sampleReport();
      let revision: string | undefined;
      const statuses: number[] = [];
      for (let n = 1; n <= 7; n++) {
        const answer = await push(server, fast, { ...report, proposals: { text: `Lần ${n}` } }, revision);
        statuses.push(answer.status);
        if (answer.ok) revision = ((await answer.json()) as PutReportResponse).report.revision;
        else {
          const retryAfter = Number(answer.headers.get('retry-after'));
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(60);
          expect(await answer.json()).toMatchObject({ error: 'rate_limited', details: { retryAfterSeconds: retryAfter } });
        }
      }
      expect(statuses).toEqual([201, 200, 200, 200, 200, 429, 429]);
      expect(await server.store.listRevisions(report.id)).toHaveLength(5);
      expect((await push(server, other, sampleReport())).status).toBe(201);
      // A push answer carries no rate-limit headers: a pull that finds nothing costs few bytes.
      const plain = await push(server, other, sampleReport({ period: { year: 2024, kind: 'yearly' } }));
      expect(plain.headers.get('x-ratelimit-limit')).toBeNull();
    });
  });
}
