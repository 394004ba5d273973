/**
 * Issue 21: an acceptance made by mistake is withdrawn with a reason, over HTTP on both stores. The
 * union's phone reads the acceptance's comment, then the withdrawal and its reason, in the change feed;
 * the report waits for a decision again (overview "Đã gửi", a new revision accepted); the history keeps
 * the acceptance and its withdrawal, in that order, with who made them. Only a reviewer of the node
 * that accepted, or of a node above, may withdraw (403 inside the subtree, 404 outside it, with nothing
 * of the report in the answer); a client's mistake is a JSON error code, never a 500. Migration 0012
 * gives the decisions made before it their author's node.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import type { ReportDocument } from '../../../src/domain/report';
import type { GrassrootsUnion, NodeOverview, StaffReportView } from '../../../src/domain/staff';
import type { ReportChangesResponse, ServerReport } from '../../../src/domain/sync';
import { announcePostgresSkip, api as serverApi, expectApiError as expectError, openTestStore, pushHeaders, readyReport, reportRowBeforeForms, startTestServer, STORE_KINDS, type EnrolledDevice, type RawBody, type TestServer } from '../helpers';

announcePostgresSkip();

type Who = { headers: Record<string, string> };

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`withdrawing an acceptance on ${kind}`, () => {
    let server: TestServer;
    let communeA: OrgNode;
    let communeB: OrgNode;
    let unionA: GrassrootsUnion;
    let unionB: GrassrootsUnion;
    let device: EnrolledDevice;
    const staff = {} as Record<'reviewerA' | 'viewerA' | 'adminA' | 'reviewerB' | 'reviewerProvince', Who & { id: string; username: string }>;

    const api = <T = unknown>(method: string, path: string, who: Who | null, body?: unknown, raw?: RawBody) => serverApi<T>(server, method, path, who, body, raw);

    /** A report of union A, sent (marked ready) from its phone. */
    async function sentReport(year = 2025): Promise<{ document: ReportDocument; revision: string }> {
      const document = readyReport({ period: { year, kind: 'yearly' } });
      const response = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(document) });
      expect(response.status, await response.clone().text()).toBe(201);
      return { document, revision: ((await response.json()) as { report: ServerReport }).report.revision };
    }

    const withdraw = (id: string, who: Who | null, body: unknown = { reason: 'Chấp nhận nhầm: số đoàn viên nữ chưa khớp biên bản.' }) =>
      api<{ report: ServerReport }>('POST', `/api/staff/reports/${id}/withdraw-acceptance`, who, body);
    const accept = (id: string, revision: string, who: Who, comment = 'Số liệu đầy đủ.') =>
      api<{ report: ServerReport }>('POST', `/api/staff/reports/${id}/review`, who, { status: 'accepted', comment, revision });

    /** The report as the union's phone reads it in the change feed. */
    async function onPhone(id: string): Promise<ServerReport | undefined> {
      const feed = await api<ReportChangesResponse>('GET', '/api/reports?since=0', device);
      expect(feed.status).toBe(200);
      return feed.body.reports.find((report) => report.document.id === id);
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      communeA = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
      communeB = await server.createNode({ name: 'Công đoàn xã Bến Củi' });
      unionA = await server.createUnion('CĐCS Công ty May An Tịnh', communeA.id);
      unionB = await server.createUnion('CĐCS Trường Bến Củi', communeB.id);
      device = await server.enrolDevice({ unionId: unionA.id });
      staff.reviewerA = await server.staffSession({ nodeId: communeA.id, role: 'reviewer' });
      staff.viewerA = await server.staffSession({ nodeId: communeA.id, role: 'viewer' });
      staff.adminA = await server.staffSession({ nodeId: communeA.id, role: 'admin' });
      staff.reviewerB = await server.staffSession({ nodeId: communeB.id, role: 'reviewer' });
      staff.reviewerProvince = await server.staffSession({ nodeId: server.root.id, role: 'reviewer' });
    });
    afterAll(async () => {
      await server?.close();
    });

    it("brings the acceptance's comment, then the withdrawal and its reason, to the phone; the report waits for a decision again", async () => {
      const { document, revision } = await sentReport(2025);
      const accepted = await accept(document.id, revision, staff.reviewerA, 'Số liệu đầy đủ, cảm ơn công đoàn.');
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect((await onPhone(document.id))?.review).toMatchObject({ status: 'accepted', comment: 'Số liệu đầy đủ, cảm ơn công đoàn.', revision });
      expect((await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.reviewerA)).body.mayWithdrawAcceptance).toBe(true);

      const reason = 'Chấp nhận nhầm: số đoàn viên nữ chưa khớp biên bản.';
      const withdrawn = await withdraw(document.id, staff.reviewerA, { reason: `  ${reason}  ` });
      expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
      expect(withdrawn.body.report.review).toEqual({ status: 'withdrawn', comment: reason, decidedAt: expect.any(String), revision, node: { id: communeA.id, name: communeA.name } });
      expect(withdrawn.body.report.revision).toBe(revision);
      // The phone learns it on its next pull: the reason, on the revision it had sent.
      expect((await onPhone(document.id))?.review).toEqual(withdrawn.body.report.review);

      // The history keeps both, in the order they were made, with who made them.
      const view = await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.viewerA);
      expect(view.body.decisions.map((decision) => [decision.status, decision.comment, decision.revision, decision.decidedBy?.username])).toEqual([
        ['accepted', 'Số liệu đầy đủ, cảm ơn công đoàn.', revision, staff.reviewerA.username],
        ['withdrawn', reason, revision, staff.reviewerA.username],
      ]);
      const [acceptedAt, withdrawnAt] = view.body.decisions.map((decision) => decision.decidedAt) as [string, string];
      expect(acceptedAt < withdrawnAt).toBe(true);
      expect(view.body.mayWithdrawAcceptance).toBe(false);

      // The superior's table says "sent" again, and counts it as neither accepted nor returned.
      const overview = await api<NodeOverview>('GET', `/api/staff/nodes/${communeA.id}/overview?year=2025&kind=yearly`, staff.viewerA);
      expect(overview.body.unions.find((line) => line.id === unionA.id)?.standing).toBe('sent');
      expect(overview.body.summary).toMatchObject({ reported: 1, accepted: 0, returned: 0 });

      // The union may send again (an accepted report refused every change); the new revision clears the withdrawal.
      const fixed = { ...document, membership: { ...document.membership, femaleMembers: 40 } };
      const resend = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device, { revision }), body: JSON.stringify(fixed) });
      expect(resend.status, await resend.clone().text()).toBe(200);
      const resent = ((await resend.json()) as { report: ServerReport }).report;
      expect(resent.review).toBeNull();
      // And the superior decides afresh.
      expect((await accept(document.id, resent.revision, staff.reviewerA)).status).toBe(200);
    });

    it('lets a reviewer of the accepting node or above withdraw, and no one else', async () => {
      const { document, revision } = await sentReport(2024);
      expect((await accept(document.id, revision, staff.reviewerA)).status).toBe(200);
      // A viewer reads, and may not withdraw.
      expectError(await withdraw(document.id, staff.viewerA), 403, 'forbidden');
      expect((await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.viewerA)).body.mayWithdrawAcceptance).toBe(false);
      // Another commune's reviewer does not learn that the report exists: the answer names nothing of it.
      const outside = expectError(await withdraw(document.id, staff.reviewerB), 404, 'not_found');
      expect(JSON.stringify(outside)).not.toContain(document.id);
      expect(JSON.stringify(outside)).not.toContain(unionA.name);
      expect(JSON.stringify(outside)).not.toContain('accepted');
      // The province, above the commune that accepted, may.
      expect((await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.reviewerProvince)).body.mayWithdrawAcceptance).toBe(true);
      expect((await withdraw(document.id, staff.reviewerProvince)).status).toBe(200);

      // Accepted by the province now: the commune's staff, below it, may not withdraw it.
      expect((await accept(document.id, revision, staff.reviewerProvince)).status).toBe(200);
      expect((await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.adminA)).body.mayWithdrawAcceptance).toBe(false);
      expectError(await withdraw(document.id, staff.adminA), 403, 'forbidden');
      expectError(await withdraw(document.id, staff.reviewerA), 403, 'forbidden');
      expect((await onPhone(document.id))?.review?.status).toBe('accepted');
      expect((await withdraw(document.id, staff.reviewerProvince)).status).toBe(200);
    });

    it("counts an acceptance whose node is not known as made at the node the report is filed under", async () => {
      const { document } = await sentReport(2023);
      // The admin command line's decision keeps no node.
      await server.reviewReport(document.id, 'accepted');
      expect((await api<StaffReportView>('GET', `/api/staff/reports/${document.id}`, staff.reviewerA)).body.mayWithdrawAcceptance).toBe(true);
      expect((await withdraw(document.id, staff.reviewerA)).status).toBe(200);
    });

    it("answers a client's mistakes with a JSON error code, never a 500", async () => {
      const { document, revision } = await sentReport(2022);
      // Nothing to withdraw yet: only sent.
      expectError(await withdraw(document.id, staff.reviewerA), 409, 'report_not_accepted');
      expect((await accept(document.id, revision, staff.reviewerA)).status).toBe(200);
      for (const body of [{}, { reason: '   ' }, { reason: 42 }, { reason: 'x'.repeat(5_001) }, { reason: 'Nhầm\u0000' }, ['Nhầm'], null]) {
        const refused = expectError(await withdraw(document.id, staff.reviewerA, body), 422, 'validation_failed');
        expect(refused.message).toBeTruthy();
      }
      expectError(await api('POST', `/api/staff/reports/${document.id}/withdraw-acceptance`, staff.reviewerA, undefined, { type: 'application/json', text: '{"reason": "Nh' }), 400, 'malformed_json');
      expectError(await api('POST', `/api/staff/reports/${document.id}/withdraw-acceptance`, staff.reviewerA, undefined, { type: 'text/plain', text: 'Nhầm' }), 415, 'unsupported_media_type');
      expectError(await withdraw(randomUUID(), staff.reviewerA), 404, 'not_found');
      expectError(await withdraw('not-a-report', staff.reviewerA), 404, 'not_found');
      expectError(await withdraw(document.id, null), 401, 'unauthorized');
      // Still accepted after all that; withdrawn once, a second withdrawal has nothing to withdraw.
      expect((await onPhone(document.id))?.review?.status).toBe('accepted');
      expect((await withdraw(document.id, staff.reviewerA)).status).toBe(200);
      expectError(await withdraw(document.id, staff.reviewerA), 409, 'report_not_accepted');
      // A review comment that PostgreSQL's text cannot hold is the client's mistake too.
      expectError(await api('POST', `/api/staff/reports/${document.id}/review`, staff.reviewerA, { status: 'returned', comment: 'Thiếu\u0000', revision }), 422, 'validation_failed');
    });

    it("refuses union B's report to A's reviewer as unknown, whatever its state", async () => {
      const deviceB = await server.enrolDevice({ unionId: unionB.id });
      const document = readyReport({ period: { year: 2021, kind: 'yearly' } });
      const pushed = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(deviceB), body: JSON.stringify(document) });
      expect(pushed.status).toBe(201);
      expectError(await withdraw(document.id, staff.reviewerA), 404, 'not_found');
      expect((await accept(document.id, '1', staff.reviewerB)).status).toBe(200);
      const refused = expectError(await withdraw(document.id, staff.reviewerA), 404, 'not_found');
      expect(JSON.stringify(refused)).not.toContain(unionB.name);
      expect((await withdraw(document.id, staff.reviewerB)).status).toBe(200);
    });
  });

  (available ? describe : describe.skip)(`decision nodes migration on ${kind}`, () => {
    it("gives the decisions made before 0012 their author's node, and none where the account is gone", async () => {
      const test = await openTestStore(kind, { migrate: false });
      try {
        const { store } = test;
        await store.migrate({ to: '0011_attempt_windows' });
        const provinceId = randomUUID();
        const communeId = randomUUID();
        const unionId = randomUUID();
        const staffId = randomUUID();
        const now = '2025-11-01T08:00:00.000Z';
        const byStaff = readyReport();
        const byGone = readyReport({ period: { year: 2024, kind: 'yearly' } });
        const base = { unionId, year: 2025, kind: 'yearly', revision: 1, savedAt: now, createdAt: now, changeSeq: 1, superiorId: communeId };
        const review = JSON.stringify({ status: 'accepted', comment: '', decidedAt: now, revision: '1' });
        await store.write(async (tx) => {
          await tx.insertNode({ id: provinceId, kind: 'province', name: 'LĐLĐ tỉnh', shortName: '', code: null, parentId: null, path: `/${provinceId}/`, createdAt: now });
          await tx.insertNode({ id: communeId, kind: 'upper_commune', name: 'Công đoàn phường', shortName: '', code: null, parentId: provinceId, path: `/${provinceId}/${communeId}/`, createdAt: now });
          await tx.insertUnion({ id: unionId, name: 'CĐCS Cũ', createdAt: now, superiorId: communeId });
          await tx.insertStaff({ id: staffId, username: 'lan', passwordHash: 'x', nodeId: communeId, role: 'reviewer', createdAt: now });
        });
        // Report rows as 0011 wrote them (no form columns yet: 0021).
        await store.db
          .insertInto('reports')
          .values([
            reportRowBeforeForms({ ...base, id: byStaff.id, documentJson: JSON.stringify(byStaff), reviewJson: review }),
            reportRowBeforeForms({ ...base, id: byGone.id, year: 2024, changeSeq: 2, documentJson: JSON.stringify(byGone), reviewJson: review }),
          ] as never)
          .execute();
        // Rows as 0011 wrote them (no node column yet).
        const row = (reportId: string, staff: string | null) => ({
          id: randomUUID(),
          report_id: reportId,
          revision: 1,
          status: 'accepted',
          comment: '',
          decided_at: now,
          staff_id: staff,
          staff_username: staff ? 'lan' : null,
        });
        await store.db.insertInto('review_decisions').values([row(byStaff.id, staffId), row(byGone.id, randomUUID())]).execute();

        expect((await store.migrate()).applied).toContain('0012_decision_nodes');
        expect(await store.findAcceptanceNodePath(byStaff.id)).toBe(`/${provinceId}/${communeId}/`);
        expect(await store.findAcceptanceNodePath(byGone.id)).toBeNull();
      } finally {
        await test.dispose();
      }
    });
  });
}
