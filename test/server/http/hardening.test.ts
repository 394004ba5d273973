/**
 * Hostile or clumsy requests: whatever a client sends, the answer is our JSON error with a 4xx status,
 * never a 500, never Fastify's own error shape, never a stack trace or a hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES, type ApiError } from '../../../src/domain/sync';
import { buildApp } from '../../../src/server/app';
import {
  describeOnEachStore,
  type EnrolledDevice,
  openTestStore,
  pushHeaders,
  sampleReport,
  startTestServer,
  type TestServer,
} from '../helpers';

describeOnEachStore((kind) => `hostile requests on ${kind}`, (kind) => {
  let server: TestServer;
  let device: EnrolledDevice;
  beforeAll(async () => {
    server = await startTestServer({ store: kind });
    device = await server.enrolDevice();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function expectClientError(path: string, init: RequestInit, status: number, code: string): Promise<void> {
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    expect(response.status, `${init.method ?? 'GET'} ${path}: ${text}`).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as ApiError & { statusCode?: unknown; code?: unknown };
    expect(body.error).toBe(code);
    expect(API_ERROR_CODES).toContain(body.error);
    // Fastify's own shape ({statusCode, code: 'FST_…'}) must not leak through.
    expect(body).not.toHaveProperty('statusCode');
    expect(text).not.toMatch(/FST_|\bat .+:\d+:\d+|[0-9a-f]{64}/);
  }

  it('answers a path Fastify cannot route (bad percent-encoding, over-long id) with our 400', async () => {
    const report = sampleReport();
    await expectClientError('/api/reports/%E0%A4%A', { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) }, 400, 'bad_request');
    await expectClientError(`/api/reports/${'a'.repeat(2_000)}`, { headers: device.headers }, 400, 'bad_request');
  });

  it('answers bodies that are JSON but not a report with 422, and prototype tricks with 400', async () => {
    const report = sampleReport();
    for (const body of ['[]', 'null', '"report"', '42', '{"id":{"$gt":""}}']) {
      await expectClientError(`/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body }, 422, 'validation_failed');
    }
    await expectClientError(
      `/api/reports/${report.id}`,
      { method: 'PUT', headers: pushHeaders(device), body: '{"__proto__":{"status":"ready"}}' },
      400,
      'malformed_json',
    );
    // Nothing of it reached the store.
    const changes = await fetch(`${server.url}/api/reports`, { headers: device.headers });
    expect(((await changes.json()) as { reports: unknown[] }).reports).toEqual([]);
  });

  it('answers odd headers and query strings with 400 or 401, not 500', async () => {
    const report = sampleReport();
    const body = JSON.stringify(report);
    await expectClientError(`/api/reports/${report.id}`, { method: 'PUT', headers: { ...pushHeaders(device), 'idempotency-key': 'ä'.repeat(3) }, body }, 400, 'bad_request');
    await expectClientError(`/api/reports/${report.id}`, { method: 'PUT', headers: { ...pushHeaders(device, { revision: '1' }), 'if-match': '*' }, body }, 400, 'bad_request');
    await expectClientError('/api/reports?since=1&since=2', { headers: device.headers }, 400, 'bad_request');
    await expectClientError('/api/reports?since=-1', { headers: device.headers }, 400, 'bad_request');
    await expectClientError('/api/reports?limit=100000', { headers: device.headers }, 400, 'bad_request');
    await expectClientError('/api/reports', { headers: { authorization: `Bearer ${'x'.repeat(10_000)}` } }, 401, 'unauthorized');
    await expectClientError('/api/reports', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 401, 'unauthorized');
  });

  it('answers what PostgreSQL cannot store or compare (NUL in text, integers past 32 bits) with 4xx on both stores', async () => {
    const report = sampleReport();
    const pushed = await fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) });
    expect(pushed.status).toBe(201);
    const province = await server.staffSession();
    const json = { ...province.headers, 'content-type': 'application/json' };
    await expectClientError('/api/reports?since=2147483648', { headers: device.headers }, 400, 'bad_request');
    await expectClientError(`/api/staff/reports/${report.id}/revisions/99999999999`, { headers: province.headers }, 404, 'not_found');
    await expectClientError('/api/staff/unions/%00/devices', { headers: province.headers }, 404, 'not_found');
    await expectClientError('/api/staff/unions/%00/enrolment-codes', { method: 'POST', headers: province.headers }, 404, 'not_found');
    await expectClientError('/api/staff/devices/%00/revoke', { method: 'POST', headers: province.headers }, 404, 'not_found');
    await expectClientError('/api/staff/unions', { method: 'POST', headers: json, body: JSON.stringify({ name: 'CĐCS\u0000' }) }, 422, 'validation_failed');
    await expectClientError('/api/staff/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lan\u0000', password: 'x' }) }, 422, 'validation_failed');
    const { code } = await server.issueCode(device.unionId);
    await expectClientError('/api/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Máy\u0000' }) }, 422, 'validation_failed');
  });

  it('recognises the API after the path is decoded: /%61pi/… carries the API headers', async () => {
    const encoded = await fetch(`${server.url}/%61pi/reports`, { headers: { ...device.headers, origin: 'https://example.org' } });
    expect(encoded.status).toBe(200);
    expect(encoded.headers.get('cache-control')).toBe('no-store');
    expect(encoded.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(encoded.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await fetch(`${server.url}/%61pi/nothing-here`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('matches the Authorization scheme without regard to case (RFC 9110)', async () => {
    const token = device.headers.authorization!.replace(/^Bearer /, '');
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const answer = await fetch(`${server.url}/api/reports`, { headers: { authorization: `${scheme} ${token}` } });
      expect(answer.status, scheme).toBe(200);
    }
    // The token itself stays exact.
    await expectClientError('/api/reports', { headers: { authorization: `Bearer ${token.toUpperCase()}x` } }, 401, 'unauthorized');
  });

  it('answers a body in a charset other than UTF-8 with 415, and stores nothing', async () => {
    const report = sampleReport({ period: { year: 2023, kind: 'yearly' }, proposals: { text: 'Đề nghị tăng lương' } });
    const body = Buffer.from(JSON.stringify(report), 'latin1');
    for (const type of ['application/json; charset=iso-8859-1', 'application/json;charset="windows-1258"', 'application/json; charset=utf-16']) {
      await expectClientError(`/api/reports/${report.id}`, { method: 'PUT', headers: { ...pushHeaders(device), 'content-type': type }, body }, 415, 'unsupported_media_type');
    }
    expect(await server.store.findReport(report.id)).toBeUndefined();
    const utf8 = await fetch(`${server.url}/api/reports/${report.id}`, {
      method: 'PUT',
      headers: { ...pushHeaders(device), 'content-type': 'application/json; charset="UTF-8"' },
      body: JSON.stringify(report),
    });
    expect(utf8.status).toBe(201);
    expect(JSON.parse((await server.store.findReport(report.id))!.documentJson).proposals.text).toBe('Đề nghị tăng lương');
  });

  it("keeps a device token out of the staff's endpoints", async () => {
    await expectClientError(`/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: device.headers }, 401, 'unauthorized');
  });
});

describe('the app in-process, without a port', () => {
  it('answers health, a push and a refusal through inject, as it does over the network', async () => {
    const opened = await openTestStore('sqlite');
    const app = await buildApp({ store: opened.store, distDir: null });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok', store: 'sqlite', lastBackup: null });
      const refused = await app.inject({ method: 'PUT', url: `/api/reports/${sampleReport().id}`, payload: '{}', headers: { 'content-type': 'application/json' } });
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ error: 'unauthorized' });
      const notJson = await app.inject({ method: 'POST', url: '/api/enrol', payload: 'code=K7QF-M2XP', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(notJson.statusCode).toBe(415);
      expect(notJson.json()).toMatchObject({ error: 'unsupported_media_type' });
    } finally {
      await app.close();
      await opened.dispose();
    }
  });
});
