/**
 * The sync API's behaviour, run against a real SQLite file and a real PostgreSQL schema (when
 * TEST_DATABASE_URL is set), over a real listening port.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodOverview } from '../../../src/domain/staff';
import type { ReportDocument } from '../../../src/domain/report';
import { MAX_REPORT_BODY_BYTES, type PutReportResponse, type ReportChangesResponse, type ServerReport } from '../../../src/domain/sync';
import {
  call,
  describeOnEachStore,
  type EnrolledDevice,
  expectApiError,
  pushHeaders,
  readyReport,
  sampleReport,
  startTestServer,
  type TestServer,
} from '../helpers';

describeOnEachStore((kind) => `sync API on ${kind}`, (kind) => {
  let server: TestServer;
  let device: EnrolledDevice;
  let sibling: EnrolledDevice; // the union's second device
  let stranger: EnrolledDevice; // another union's device
  let province: Record<string, string>; // the province's admin

  beforeAll(async () => {
    server = await startTestServer({ store: kind });
    device = await server.enrolDevice({ deviceName: 'Máy chủ tịch' });
    sibling = await server.enrolDevice({ unionId: device.unionId, deviceName: 'Máy phó chủ tịch' });
    stranger = await server.enrolDevice();
    province = (await server.staffSession()).headers;
  });
  afterAll(async () => {
    await server?.close();
  });

  const reportUrl = (id: string) => `${server.url}/api/reports/${id}`;

  function push(
    who: EnrolledDevice,
    report: ReportDocument,
    options: { revision?: string; key?: string; headers?: Record<string, string> } = {},
  ) {
    return call<PutReportResponse>(reportUrl(report.id), {
      method: 'PUT',
      headers: { ...pushHeaders(who, options), ...options.headers },
      body: JSON.stringify(report),
    });
  }

  it('answers health with the store it runs on', async () => {
    const answer = await call(`${server.url}/api/health`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', store: kind, lastBackup: null });
  });

  it('creates a report (201, ETag), reads it back, updates it with If-Match (200) and keeps every revision', async () => {
    const report = sampleReport();
    const created = await push(device, report);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body.report).toMatchObject({ revision: '1', unionId: device.unionId, review: null, document: report });

    const read = await call<{ report: ServerReport }>(reportUrl(report.id), { headers: device.headers });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body.report.document).toEqual(report);

    const edited = { ...report, membership: { ...report.membership, members: 110 } };
    const updated = await push(sibling, edited, { revision: '1' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body.report.document.membership.members).toBe(110);

    const revisions = await server.store.listRevisions(report.id);
    expect(revisions.map((r) => [r.revision, r.deviceId])).toEqual([
      [1, device.deviceId],
      [2, sibling.deviceId],
    ]);
  });

  it('creates without any precondition header too', async () => {
    const other = await server.enrolDevice();
    const report = sampleReport();
    const headers = { ...other.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() };
    const created = await call<PutReportResponse>(reportUrl(report.id), { method: 'PUT', headers, body: JSON.stringify(report) });
    expect(created.status).toBe(201);
    expect(created.body.report.revision).toBe('1');
  });

  it('makes no new revision when the pushed content equals the current revision, even with a stale If-Match', async () => {
    const report = sampleReport({ period: { year: 2023, kind: 'yearly' } });
    expect((await push(device, report)).status).toBe(201);
    const edited = { ...report, proposals: { text: 'Tăng kinh phí' } };
    expect((await push(sibling, edited, { revision: '1' })).status).toBe(200);
    const same = await push(device, edited, { revision: '1' });
    expect(same.status).toBe(200);
    expect(same.body.report.revision).toBe('2');
    expect(await server.store.listRevisions(report.id)).toHaveLength(2);
  });

  it('replays a push with the same Idempotency-Key: the stored answer, no new revision', async () => {
    const report = sampleReport({ period: { year: 2022, kind: 'yearly' } });
    const key = randomUUID();
    const first = await push(device, report, { key });
    expect(first.status).toBe(201);
    // The answer was lost; the device sends the same push again.
    const replay = await push(device, report, { key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('etag')).toBe('"1"');
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await server.store.listRevisions(report.id)).toHaveLength(1);
    // The remembered answer does not hold a third copy of the document (the revision row has it).
    const remembered = await server.store.db.selectFrom('idempotency').select('response').where('key', '=', key).executeTakeFirstOrThrow();
    expect(remembered.response).not.toContain('membership');

    // Still the stored answer after the report moved on.
    const edited = { ...report, proposals: { text: 'Thêm lớp tập huấn' } };
    expect((await push(device, edited, { revision: '1' })).status).toBe(200);
    const late = await push(device, report, { key });
    expect(late.status).toBe(201);
    expect(late.body.report.revision).toBe('1');
    expect(await server.store.listRevisions(report.id)).toHaveLength(2);

    // The same key with another body is a client bug, refused.
    const reused = await push(device, { ...edited, proposals: { text: 'khác' } }, { key, revision: '2' });
    expectApiError(reused, 422, 'idempotency_key_reused');
  });

  it('keeps keys per device: another device may use the same key', async () => {
    const report = sampleReport({ period: { year: 2021, kind: 'yearly' } });
    const key = 'shared-key-1';
    expect((await push(device, report, { key })).status).toBe(201);
    const edited = { ...report, proposals: { text: 'x' } };
    expect((await push(sibling, edited, { key, revision: '1' })).status).toBe(200);
  });

  it('refuses a push without Idempotency-Key or with a malformed precondition (400 bad_request)', async () => {
    const report = sampleReport({ period: { year: 2030, kind: 'yearly' } });
    const headers = pushHeaders(device);
    delete headers['idempotency-key'];
    expectApiError(await call(reportUrl(report.id), { method: 'PUT', headers, body: JSON.stringify(report) }), 400, 'bad_request');
    expectApiError(await push(device, report, { headers: { 'if-match': 'yesterday' } }), 400, 'bad_request');
    expectApiError(await push(device, report, { headers: { 'if-none-match': '"3"' } }), 400, 'bad_request');
  });

  it('answers a stale If-Match with 412 and the server copy in details.current', async () => {
    const report = sampleReport({ period: { year: 2025, kind: 'interim' } });
    expect((await push(device, report)).status).toBe(201);
    const theirs = { ...report, membership: { ...report.membership, femaleMembers: 40 } };
    expect((await push(sibling, theirs, { revision: '1' })).status).toBe(200);
    const mine = { ...report, membership: { ...report.membership, newMembers: 7 } };
    const stale = await push(device, mine, { revision: '1' });
    const error = expectApiError(stale, 412, 'stale_revision');
    const current = (error.details as { current: ServerReport }).current;
    expect(current.revision).toBe('2');
    expect(current.document).toEqual(theirs);
    expect(current.unionId).toBe(device.unionId);
    // After merging, the push on the current revision goes through.
    const merged = { ...theirs, membership: { ...theirs.membership, newMembers: 7 } };
    expect((await push(device, merged, { revision: '2' })).status).toBe(200);
  });

  it('answers a create of an existing id with 412 report_exists, and If-Match on an unknown id with 404', async () => {
    const report = sampleReport({ period: { year: 2026, kind: 'yearly' } });
    expect((await push(device, report)).status).toBe(201);
    const again = await push(sibling, { ...report, proposals: { text: 'khác' } });
    const error = expectApiError(again, 412, 'report_exists');
    expect((error.details as { current: ServerReport }).current.revision).toBe('1');
    expectApiError(await push(device, sampleReport({ period: { year: 2027, kind: 'yearly' } }), { revision: '4' }), 404, 'not_found');
  });

  it('refuses a second report for the same union and period with 409 period_taken naming the first', async () => {
    const first = sampleReport({ period: { year: 2028, kind: 'yearly' } });
    expect((await push(device, first)).status).toBe(201);
    const second = sampleReport({ period: { year: 2028, kind: 'yearly' } });
    const error = expectApiError(await push(sibling, second), 409, 'period_taken');
    expect(error.details).toEqual({ existingReportId: first.id });
    // Another union may report the same period.
    expect((await push(stranger, sampleReport({ period: { year: 2028, kind: 'yearly' } }))).status).toBe(201);
  });

  it("keeps a union's reports from another union's device (403)", async () => {
    const report = sampleReport({ period: { year: 2029, kind: 'yearly' } });
    expect((await push(device, report)).status).toBe(201);
    expectApiError(await call(reportUrl(report.id), { headers: stranger.headers }), 403, 'forbidden');
    expectApiError(await push(stranger, { ...report, proposals: { text: 'ghi đè' } }, { revision: '1' }), 403, 'forbidden');
    const feed = await call<ReportChangesResponse>(`${server.url}/api/reports`, { headers: stranger.headers });
    expect(feed.body.reports.map((r) => r.document.id)).not.toContain(report.id);
  });

  it('answers 401 without a token, with a wrong one, and after the province revokes the device', async () => {
    const report = sampleReport();
    expectApiError(await call(reportUrl(report.id)), 401, 'unauthorized');
    expectApiError(await call(`${server.url}/api/reports`, { headers: { authorization: 'Bearer not-a-real-token-at-all' } }), 401, 'unauthorized');
    // Authentication comes before the body: a stranger learns nothing from a malformed body.
    expectApiError(await call(reportUrl(report.id), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{oops' }), 401, 'unauthorized');

    const doomed = await server.enrolDevice({ unionId: device.unionId, deviceName: 'Máy bị mất' });
    expect((await call(`${server.url}/api/reports`, { headers: doomed.headers })).status).toBe(200);
    const revoked = await call<{ device: { revokedAt: string | null } }>(`${server.url}/api/staff/devices/${doomed.deviceId}/revoke`, {
      method: 'POST',
      headers: province,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.device.revokedAt).not.toBeNull();
    expectApiError(await call(`${server.url}/api/reports`, { headers: doomed.headers }), 401, 'unauthorized');
    expectApiError(await push(doomed, sampleReport({ period: { year: 2031, kind: 'yearly' } })), 401, 'unauthorized');
    // The union's other devices go on.
    expect((await call(`${server.url}/api/reports`, { headers: device.headers })).status).toBe(200);
  });

  it('maps body problems to 400 / 413 / 415 / 422 and never to 500', async () => {
    const report = sampleReport({ period: { year: 2032, kind: 'yearly' } });
    const url = reportUrl(report.id);
    expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: '{"id": ' }), 400, 'malformed_json');
    expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: '' }), 400, 'malformed_json');
    const huge = { ...report, proposals: { text: 'x'.repeat(MAX_REPORT_BODY_BYTES) } };
    expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(huge) }), 413, 'payload_too_large');
    expectApiError(
      await call(url, { method: 'PUT', headers: { ...pushHeaders(device), 'content-type': 'text/plain' }, body: JSON.stringify(report) }),
      415,
      'unsupported_media_type',
    );
    const noType = pushHeaders(device);
    delete noType['content-type'];
    expectApiError(await call(url, { method: 'PUT', headers: noType }), 415, 'unsupported_media_type');

    const broken = { ...report, membership: { ...report.membership, members: 'nhiều' } };
    const schema = expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(broken) }), 422, 'validation_failed');
    expect(schema.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'membership.members' })]));
    expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: 'null' }), 422, 'validation_failed');
    expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: '[1,2]' }), 422, 'validation_failed');

    const otherId = { ...report, id: randomUUID() };
    const mismatch = expectApiError(await call(url, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(otherId) }), 422, 'validation_failed');
    expect(mismatch.details).toEqual([expect.objectContaining({ path: 'id', code: 'id_mismatch' })]);
    expectApiError(await call(`${server.url}/api/reports/not-a-uuid`, { headers: device.headers }), 404, 'not_found');
    expectApiError(await call(`${server.url}/api/reports/${randomUUID()}`, { headers: device.headers }), 404, 'not_found');
    expectApiError(await call(`${server.url}/api/nothing-here`), 404, 'not_found');
  });

  it('accepts a draft that breaks the rules, refuses it marked ready (422 with the rule and path)', async () => {
    const report = sampleReport({ period: { year: 2033, kind: 'yearly' } });
    report.membership.members = 500; // more members than workers
    expect((await push(device, report)).status).toBe(201);
    const ready = { ...report, status: 'ready' as const };
    const error = expectApiError(await push(device, ready, { revision: '1' }), 422, 'validation_failed');
    expect(error.details).toEqual([expect.objectContaining({ path: 'membership.members', code: 'membersAboveWorkers' })]);
  });

  it('feeds the union its changes since a cursor, page by page, including the other device and the superior', async () => {
    const union = await server.enrolDevice({ deviceName: 'A' });
    const other = await server.enrolDevice({ unionId: union.unionId, deviceName: 'B' });
    const feed = (who: EnrolledDevice, query = '') =>
      call<ReportChangesResponse>(`${server.url}/api/reports${query}`, { headers: who.headers });

    const empty = await feed(union);
    expect(empty.body).toEqual({ reports: [], cursor: '0', hasMore: false, rounds: [], forms: [], superior: { id: server.root.id, kind: 'province', name: server.root.name, shortName: server.root.shortName } });

    const reports = [2021, 2022, 2023].map((year) => readyReport({ period: { year, kind: 'yearly' } }));
    for (const report of reports) expect((await push(union, report)).status).toBe(201);

    const page1 = await feed(other, '?limit=2');
    expect(page1.body.reports.map((r) => r.document.id)).toEqual([reports[0]?.id, reports[1]?.id]);
    expect(page1.body.hasMore).toBe(true);
    const page2 = await feed(other, `?since=${page1.body.cursor}&limit=2`);
    expect(page2.body.reports.map((r) => r.document.id)).toEqual([reports[2]?.id]);
    expect(page2.body.hasMore).toBe(false);
    const cursor = page2.body.cursor;
    expect(Number(cursor)).toBeGreaterThan(Number(page1.body.cursor));

    // Nothing changed: the same cursor and nothing to apply.
    expect((await feed(other, `?since=${cursor}`)).body).toMatchObject({ reports: [], cursor, hasMore: false });

    // The province returns one report: the devices see the decision and the comment.
    const returned = await call(`${server.url}/api/staff/reports/${reports[1]?.id}/review`, {
      method: 'POST',
      headers: { ...province, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'returned', comment: 'Thiếu số liệu nữ', revision: '1' }),
    });
    expect(returned.status).toBe(200);
    const afterReview = await feed(union, `?since=${cursor}`);
    expect(afterReview.body.reports).toHaveLength(1);
    expect(afterReview.body.reports[0]?.review).toMatchObject({ status: 'returned', comment: 'Thiếu số liệu nữ' });

    expectApiError(await feed(union, '?since=abc'), 400, 'bad_request');
    expectApiError(await feed(union, '?limit=0'), 400, 'bad_request');
  });

  it('runs the review cycle: returned needs a comment, a new revision clears it, accepted is final (409)', async () => {
    const report = readyReport({ period: { year: 2034, kind: 'yearly' } });
    expect((await push(device, report)).status).toBe(201);
    const review = (body: unknown) =>
      call<{ report: ServerReport }>(`${server.url}/api/staff/reports/${report.id}/review`, {
        method: 'POST',
        headers: { ...province, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const noComment = expectApiError(await review({ status: 'returned', comment: '  ', revision: '1' }), 422, 'validation_failed');
    expect(noComment.details).toEqual([expect.objectContaining({ path: 'comment' })]);
    expectApiError(await review({ status: 'maybe', revision: '1' }), 422, 'validation_failed');
    // A decision names the revision the reviewer read; a later one (or none) is not decided blind.
    const noRevision = expectApiError(await review({ status: 'accepted' }), 422, 'validation_failed');
    expect(noRevision.details).toEqual([expect.objectContaining({ path: 'revision' })]);
    expectApiError(await review({ status: 'accepted', revision: '7' }), 412, 'stale_revision');

    const returned = await review({ status: 'returned', comment: 'Bổ sung số đoàn viên nữ', revision: '1' });
    expect(returned.body.report.review).toMatchObject({ status: 'returned', revision: '1' });

    const fixed = { ...report, membership: { ...report.membership, femaleMembers: 30 } };
    const resent = await push(device, fixed, { revision: '1' });
    expect(resent.status).toBe(200);
    expect(resent.body.report.review).toBeNull();

    const accepted = await review({ status: 'accepted', revision: '2' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report.review).toMatchObject({ status: 'accepted', comment: '', revision: '2' });

    const late = { ...fixed, proposals: { text: 'sửa muộn' } };
    expectApiError(await push(device, late, { revision: '2' }), 409, 'report_accepted');
    expectApiError(await review({ status: 'returned', comment: 'đổi ý', revision: '2' }), 409, 'report_accepted');

    const detail = await call<{ revisions: { deviceName: string }[]; union: { id: string } }>(
      `${server.url}/api/staff/reports/${report.id}`,
      { headers: province },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.union.id).toBe(device.unionId);
    expect(detail.body.revisions.map((r) => r.deviceName)).toEqual(['Máy chủ tịch', 'Máy chủ tịch']);
    // Every kept revision can be read whole: who sent what, and when.
    const first = await call<{ revision: { revision: number; deviceName: string; document: ReportDocument } }>(
      `${server.url}/api/staff/reports/${report.id}/revisions/1`,
      { headers: province },
    );
    expect(first.status).toBe(200);
    expect(first.body.revision).toMatchObject({ revision: 1, deviceName: 'Máy chủ tịch', document: report });
    expectApiError(await call(`${server.url}/api/staff/reports/${report.id}/revisions/9`, { headers: province }), 404, 'not_found');
    expectApiError(await call(`${server.url}/api/staff/reports/${report.id}/revisions/1`, { headers: device.headers }), 401, 'unauthorized');

    // A draft cannot be reviewed.
    const draft = sampleReport({ period: { year: 2035, kind: 'yearly' } });
    expect((await push(device, draft)).status).toBe(201);
    const notReady = await call(`${server.url}/api/staff/reports/${draft.id}/review`, {
      method: 'POST',
      headers: { ...province, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'accepted', revision: '1' }),
    });
    expectApiError(notReady, 422, 'validation_failed');
  });

  it('shows the province which unions have reported for a period and their unionization rate', async () => {
    const created = await call<{ union: { id: string } }>(`${server.url}/api/staff/unions`, {
      method: 'POST',
      headers: { ...province, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'CĐCS Trường Tiểu học Suối Đá' }),
    });
    expect(created.status).toBe(201);
    const silentUnion = created.body.union.id;
    const reporter = await server.enrolDevice();
    const lost = await server.enrolDevice({ unionId: reporter.unionId, deviceName: 'Máy đã mất' });
    await server.store.write((tx) => tx.revokeDevice(lost.deviceId, new Date().toISOString()));
    const report = readyReport({ period: { year: 2025, kind: 'final' } });
    report.membership.workers = 200;
    report.membership.members = 150;
    const session = { date: '2025-06-10', ledBy: 'Chủ tịch CĐCS', participants: 40, recommendationsRaised: 3, recommendationsResolved: 2, notes: '' };
    report.dialogues = [
      { ...session, id: 'd1', kind: 'workplace' },
      { ...session, id: 'd2', kind: 'workersConference' },
    ];
    expect((await push(reporter, report)).status).toBe(201);

    const overview = await call<PeriodOverview>(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=final`, { headers: province });
    expect(overview.status).toBe(200);
    expect(overview.body.target).toBe(0.8);
    const mine = overview.body.unions.find((u) => u.id === reporter.unionId);
    expect(mine?.standing).toBe('sent');
    expect(mine?.report?.unionizationRate).toBe(0.75);
    expect(mine?.report?.meetsTarget).toBe(false);
    expect(mine?.report?.dialogueSessions).toBe(2);
    expect(mine?.activeDevices).toBe(1);
    expect(overview.body.unions.find((u) => u.id === silentUnion)?.activeDevices).toBe(0);
    expect(overview.body.unions.find((u) => u.id === silentUnion)?.standing).toBe('missing');
    expect(overview.body.summary.reported).toBe(1);
    expect(overview.body.summary.notReported).toBe(overview.body.unions.length - 1);

    expectApiError(await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=1999&kind=yearly`, { headers: province }), 400, 'bad_request');
    expectApiError(await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`), 401, 'unauthorized');
    // A device token is not a staff session.
    expectApiError(await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: device.headers }), 401, 'unauthorized');
  });

  it('issues enrolment codes over the staff API and enrols with them, forgiving case and dashes', async () => {
    const union = await server.createUnion('CĐCS Công ty Cao su');
    const issued = await call<{ code: string; maxUses: number }>(`${server.url}/api/staff/unions/${union.id}/enrolment-codes`, {
      method: 'POST',
      headers: { ...province, 'content-type': 'application/json' },
      body: JSON.stringify({ maxUses: 2 }),
    });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(issued.body.maxUses).toBe(2);
    const typed = issued.body.code.replace('-', ' ').toLowerCase();
    const enrol = (code: string, deviceName = 'Máy chị Hoa') =>
      call<{ token: string; union: { id: string; name: string } }>(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName }),
      });
    const first = await enrol(typed);
    expect(first.status).toBe(201);
    expect(first.body.union).toEqual({ id: union.id, name: 'CĐCS Công ty Cao su', employer: '', sector: '' });
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await enrol(issued.body.code.replace('-', ''))).status).toBe(201);
    // Used up: a third device needs a new code.
    expectApiError(await enrol(issued.body.code), 410, 'enrolment_code_expired');
    expectApiError(await enrol('AAAA-AAAA'), 400, 'enrolment_code_invalid');
    expectApiError(await enrol('0000-0000'), 400, 'enrolment_code_invalid');
    expectApiError(await enrol(issued.body.code, ''), 422, 'validation_failed');

    const devices = await call<{ devices: { name: string }[] }>(`${server.url}/api/staff/unions/${union.id}/devices`, { headers: province });
    expect(devices.body.devices).toHaveLength(2);
    // The token is stored only as a hash.
    const stored = JSON.stringify(await server.store.db.selectFrom('devices').selectAll().execute());
    expect(stored).not.toContain(first.body.token);
  });

  it('refuses an expired enrolment code with 410', async () => {
    const union = await server.createUnion();
    const { code } = await server.issueCode(union.id, { validDays: 7 });
    server.advanceClock(7 * 86_400_000 + 1000);
    try {
      const answer = await call(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'Máy muộn' }),
      });
      expectApiError(answer, 410, 'enrolment_code_expired');
    } finally {
      server.advanceClock(-(7 * 86_400_000 + 1000));
    }
  });

  it('signs staff members in with the right password only, and ends sessions', async () => {
    const { username, password } = await server.staffSession();
    const login = (body: unknown) =>
      call<{ token: string }>(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expectApiError(await login({ username, password: `${password}x` }), 401, 'unauthorized');
    expectApiError(await login({ username: 'nobody-here', password }), 401, 'unauthorized');
    const ok = await login({ username: username.toUpperCase(), password });
    expect(ok.status).toBe(200);
    const session = { authorization: `Bearer ${ok.body.token}` };
    expect((await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: session })).status).toBe(200);
    expect((await call(`${server.url}/api/staff/logout`, { method: 'POST', headers: session })).status).toBe(204);
    expectApiError(await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: session }), 401, 'unauthorized');

    // Sessions expire.
    const later = await login({ username, password });
    server.advanceClock(13 * 3_600_000);
    try {
      expectApiError(
        await call(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly`, { headers: { authorization: `Bearer ${later.body.token}` } }),
        401,
        'unauthorized',
      );
    } finally {
      server.advanceClock(-13 * 3_600_000);
    }
  });

  it('hands out strictly increasing change cursors and one revision per key under concurrent pushes', async () => {
    const a = await server.enrolDevice({ deviceName: 'A' });
    const b = await server.enrolDevice({ unionId: a.unionId, deviceName: 'B' });
    // Different reports from two devices at once: every one lands, each with its own change_seq.
    const kinds = ['yearly', 'interim', 'final'] as const;
    const many = Array.from({ length: 15 }, (_, i) =>
      sampleReport({ period: { year: 2021 + (i % 5), kind: kinds[Math.floor(i / 5)] ?? 'yearly' } }),
    );
    const answers = await Promise.all(many.map((report, i) => push(i % 2 ? a : b, report)));
    expect(answers.map((x) => x.status)).toEqual(many.map(() => 201));
    const rows = await server.store.listChanges(a.unionId, 0, 100);
    const seqs = rows.map((row) => row.changeSeq);
    expect(new Set(seqs).size).toBe(15);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);

    // The same push replayed many times at once: one revision, the same answer for all.
    const target = many[0] as ReportDocument;
    const edited = { ...target, proposals: { text: 'đồng thời' } };
    const key = randomUUID();
    const replays = await Promise.all(Array.from({ length: 8 }, () => push(b, edited, { key, revision: '1' })));
    expect(replays.map((x) => x.status)).toEqual(replays.map(() => 200));
    expect(new Set(replays.map((x) => x.body.report.revision))).toEqual(new Set(['2']));
    expect(await server.store.listRevisions(target.id)).toHaveLength(2);

    // Two devices editing the same base at once: exactly one wins, the other gets 412.
    const base = many[1] as ReportDocument;
    const racing = await Promise.all([
      push(a, { ...base, proposals: { text: 'A' } }, { revision: '1' }),
      push(b, { ...base, proposals: { text: 'B' } }, { revision: '1' }),
    ]);
    expect(racing.map((x) => x.status).sort()).toEqual([200, 412]);
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: { enrol: { limit: 3, windowMs: 60_000 }, login: { limit: 2, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers guessing enrolment codes with 429 and Retry-After', async () => {
    const attempt = () =>
      call(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'ABCD-EFGH', deviceName: 'đoán mò' }),
      });
    for (let i = 0; i < 3; i++) expectApiError(await attempt(), 400, 'enrolment_code_invalid');
    const limited = await attempt();
    const error = expectApiError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
    // A new window lets the officer try again.
    server.advanceClock(61_000);
    expectApiError(await attempt(), 400, 'enrolment_code_invalid');
  });

  it('answers guessing passwords with 429', async () => {
    const attempt = () =>
      call(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'password123' }),
      });
    expectApiError(await attempt(), 401, 'unauthorized');
    expectApiError(await attempt(), 401, 'unauthorized');
    const limited = await attempt();
    expectApiError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
