/**
 * The organisation tree over HTTP on both stores: staff see their node's subtree and nothing else
 * (404 for every id outside it, in the path, the query and the body, and nothing changes), roles
 * inside it (403), the tree's own rules (409, 422), moving a CĐCS with its reports staying where
 * they were filed, the roll-up by child node, and the officer's view of their superior.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import type { GrassrootsUnion, NodeDetail, NodeOverview, StaffMe, StaffReportView, UnionMove, UnionMoved } from '../../../src/domain/staff';
import type { EnrolPreview, EnrolResponse, ReportChangesResponse, ServerReport } from '../../../src/domain/sync';
import { announcePostgresSkip, api, expectApiError, type EnrolledDevice, pushHeaders, readyReport, startTestServer, STORE_KINDS, type TestServer, type TwoCommunes, twoCommunes } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`organisation tree on ${kind}`, () => {
    let server: TestServer;
    let communeA: OrgNode;
    let communeB: OrgNode;
    let unionA: GrassrootsUnion;
    let unionB: GrassrootsUnion;
    let deviceA: EnrolledDevice;
    let deviceB: EnrolledDevice;
    let reportB: ServerReport;
    let staff: TwoCommunes['staff'];

    async function push(device: EnrolledDevice, document: ReturnType<typeof readyReport>): Promise<ServerReport> {
      const response = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(document) });
      expect(response.status).toBe(201);
      return ((await response.json()) as { report: ServerReport }).report;
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      ({ communeA, communeB, unionA, unionB, staff } = await twoCommunes(server));
      deviceA = await server.enrolDevice({ unionId: unionA.id });
      deviceB = await server.enrolDevice({ unionId: unionB.id });
      reportB = await push(deviceB, readyReport());
    });
    afterAll(async () => {
      await server?.close();
    });

    it('tells a staff member who they are and shows their node with its way up, its children and its CĐCS', async () => {
      const me = await api<StaffMe>(server, 'GET', '/api/staff/me', staff.adminA);
      expect(me.status).toBe(200);
      expect(me.body.staff).toMatchObject({ username: staff.adminA.username, role: 'admin', nodeId: communeA.id });
      expect(me.body.node.node).toMatchObject({ id: communeA.id, kind: 'upper_commune', parentId: server.root.id });
      expect(me.body.node.ancestors.map((node) => node.id)).toEqual([server.root.id]);
      expect(me.body.node.unions.map((union) => union.id)).toEqual([unionA.id]);

      const root = await api<NodeDetail>(server, 'GET', `/api/staff/nodes/${server.root.id}`, staff.province);
      expect(root.body.children.map((child) => [child.id, child.unionCount])).toEqual([
        [communeA.id, 1],
        [communeB.id, 1],
      ]);
      expectApiError(await api(server, 'GET', '/api/staff/me', null), 401, 'unauthorized');
    });

    it("answers 404 for every id outside the caller's subtree, in the path, the query or the body, and changes nothing", async () => {
      const a = staff.adminA;
      const outside: [string, string, unknown?][] = [
        ['GET', `/api/staff/nodes/${communeB.id}`],
        ['GET', `/api/staff/nodes/${server.root.id}`],
        ['GET', `/api/staff/nodes/${communeB.id}/overview?year=2025&kind=yearly`],
        ['PATCH', `/api/staff/nodes/${communeB.id}`, { name: 'Đổi tên' }],
        ['DELETE', `/api/staff/nodes/${communeB.id}`],
        ['GET', `/api/staff/nodes/${communeB.id}/staff`],
        ['POST', `/api/staff/nodes/${communeB.id}/staff`, { username: 'ke.gian', password: 'mot-mat-khau-dai', role: 'admin' }],
        ['DELETE', `/api/staff/staff/${staff.adminB.id}`],
        ['POST', '/api/staff/nodes', { parentId: communeB.id, kind: 'upper_other', name: 'Chen vào' }],
        ['POST', '/api/staff/unions', { superiorId: communeB.id, name: 'CĐCS chen vào' }],
        ['POST', `/api/staff/unions/${unionB.id}/move`, { parentId: communeA.id, effectiveDate: '2025-07-01' }],
        ['POST', `/api/staff/unions/${unionA.id}/move`, { parentId: communeB.id, effectiveDate: '2025-07-01' }],
        ['PATCH', `/api/staff/nodes/${communeA.id}`, { parentId: communeB.id }],
        ['GET', `/api/staff/unions/${unionB.id}/history`],
        ['GET', `/api/staff/unions/${unionB.id}/devices`],
        ['POST', `/api/staff/unions/${unionB.id}/enrolment-codes`, {}],
        ['POST', `/api/staff/devices/${deviceB.deviceId}/revoke`],
        ['GET', `/api/staff/reports/${reportB.document.id}`],
        ['GET', `/api/staff/reports/${reportB.document.id}/revisions/1`],
        ['POST', `/api/staff/reports/${reportB.document.id}/review`, { status: 'accepted', comment: '' }],
      ];
      for (const [method, path, body] of outside) expectApiError(await api(server, method, path, a, body), 404, 'not_found');

      // Nothing changed: B's node, union, device, report and staff are as they were.
      const b = await api<NodeDetail>(server, 'GET', `/api/staff/nodes/${communeB.id}`, staff.province);
      expect(b.body.node.name).toBe(communeB.name);
      expect(b.body.children).toEqual([]);
      expect(b.body.unions.map((union) => union.id)).toEqual([unionB.id]);
      expect((await api<StaffMe>(server, 'GET', '/api/staff/me', staff.adminB)).status).toBe(200);
      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports', deviceB);
      expect(feed.status).toBe(200);
      expect(feed.body.reports[0]?.review).toBeNull();
      expect((await api<NodeDetail>(server, 'GET', `/api/staff/nodes/${communeA.id}`, staff.province)).body.node.parentId).toBe(server.root.id);
    });

    it('lets each role do only what it may inside the subtree (403 otherwise)', async () => {
      const reportA = await push(deviceA, readyReport({ period: { year: 2024, kind: 'yearly' } }));
      const path = `/api/staff/reports/${reportA.document.id}`;
      expect((await api(server, 'GET', path, staff.viewerA)).status).toBe(200);
      expectApiError(await api(server, 'POST', `${path}/review`, staff.viewerA, { status: 'accepted', comment: '' }), 403, 'forbidden');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.viewerA, {}), 403, 'forbidden');
      expectApiError(await api(server, 'POST', `/api/staff/devices/${deviceA.deviceId}/revoke`, staff.viewerA), 403, 'forbidden');
      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.reviewerA, { parentId: communeA.id, kind: 'upper_other', name: 'Tổ công đoàn' }), 403, 'forbidden');
      expectApiError(await api(server, 'POST', '/api/staff/unions', staff.reviewerA, { name: 'CĐCS mới' }), 403, 'forbidden');
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${communeA.id}/staff`, staff.reviewerA), 403, 'forbidden');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${unionA.id}/move`, staff.reviewerA, { parentId: communeA.id, effectiveDate: '2025-07-01' }), 403, 'forbidden');
      // An admin manages what is below their node, not the node itself.
      expectApiError(await api(server, 'PATCH', `/api/staff/nodes/${communeA.id}`, staff.adminA, { name: 'Tự đổi tên' }), 403, 'forbidden');
      expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${communeA.id}`, staff.adminA), 403, 'forbidden');
      expectApiError(await api(server, 'DELETE', `/api/staff/staff/${staff.adminA.id}`, staff.adminA), 422, 'validation_failed');

      const reviewed = await api<{ report: ServerReport }>(server, 'POST', `${path}/review`, staff.reviewerA, { status: 'returned', comment: 'Bổ sung số liệu nữ.', revision: reportA.revision });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body.report.review?.status).toBe('returned');
      const code = await api<{ code: string }>(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA, {});
      expect(code.status).toBe(201);
    });

    it('creates, renames, moves and deletes nodes and staff under the rules of the tree', async () => {
      const created = await api<{ node: OrgNode }>(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: communeA.id, kind: 'upper_other', name: 'Công đoàn khối cơ quan phường', shortName: 'CĐ khối cơ quan', code: 'at-kcq' });
      expect(created.status).toBe(201);
      expect(created.body.node).toMatchObject({ parentId: communeA.id, code: 'AT-KCQ', shortName: 'CĐ khối cơ quan' });
      const child = created.body.node;
      const grandchild = (await api<{ node: OrgNode }>(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: child.id, kind: 'upper_other', name: 'Tổ công đoàn' })).body.node;

      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: communeA.id, kind: 'upper_other', name: 'Trùng mã', code: 'AT-KCQ' }), 409, 'taken');
      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: communeA.id, kind: 'district', name: 'LĐLĐ huyện' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: communeA.id, kind: 'upper_other', name: '' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.adminA, { parentId: 'not-a-uuid', kind: 'upper_other', name: 'X' }), 404, 'not_found');
      expectApiError(await api(server, 'POST', '/api/staff/nodes', staff.adminA, '{not json'), 422, 'validation_failed');
      const malformed = await fetch(`${server.url}/api/staff/nodes`, { method: 'POST', headers: { ...staff.adminA.headers, 'content-type': 'application/json' }, body: '{' });
      expect(malformed.status).toBe(400);

      // Under itself or its own descendant: 422 node_cycle, and the tree stays as it was.
      expectApiError(await api(server, 'PATCH', `/api/staff/nodes/${child.id}`, staff.adminA, { parentId: grandchild.id }), 422, 'node_cycle');
      expectApiError(await api(server, 'PATCH', `/api/staff/nodes/${child.id}`, staff.adminA, { parentId: child.id }), 422, 'node_cycle');
      expect((await api<NodeDetail>(server, 'GET', `/api/staff/nodes/${grandchild.id}`, staff.adminA)).body.ancestors.map((node) => node.id)).toEqual([server.root.id, communeA.id, child.id]);

      // The province moves the subtree under B: the grandchild's way up follows.
      const moved = await api<{ node: OrgNode }>(server, 'PATCH', `/api/staff/nodes/${child.id}`, staff.province, { parentId: communeB.id, name: 'Công đoàn khối cơ quan xã' });
      expect(moved.status).toBe(200);
      expect(moved.body.node).toMatchObject({ parentId: communeB.id, name: 'Công đoàn khối cơ quan xã' });
      expect((await api<NodeDetail>(server, 'GET', `/api/staff/nodes/${grandchild.id}`, staff.adminB)).body.ancestors.map((node) => node.id)).toEqual([server.root.id, communeB.id, child.id]);
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${grandchild.id}`, staff.adminA), 404, 'not_found');

      // Staff on a node below, by the admin above it.
      const member = await api<{ staff: { id: string } }>(server, 'POST', `/api/staff/nodes/${grandchild.id}/staff`, staff.adminB, { username: 'thu.to', password: 'mot-mat-khau-dai', role: 'viewer' });
      expect(member.status).toBe(201);
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${grandchild.id}/staff`, staff.adminB, { username: 'THU.TO', password: 'mot-mat-khau-dai', role: 'viewer' }), 409, 'taken');
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${grandchild.id}/staff`, staff.adminB, { username: 'ngan', password: 'ngắn', role: 'viewer' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${grandchild.id}/staff`, staff.adminB, { username: 'vai.tro', password: 'mot-mat-khau-dai', role: 'owner' }), 422, 'validation_failed');
      expect((await api<{ staff: { username: string }[] }>(server, 'GET', `/api/staff/nodes/${grandchild.id}/staff`, staff.adminB)).body.staff.map((s) => s.username)).toEqual(['thu.to']);

      // A node that still holds staff or nodes is not deleted; emptied, it is.
      const refused = expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${grandchild.id}`, staff.adminB), 422, 'node_not_empty');
      expect(refused.details).toEqual({ childNodes: 0, unions: 0, reports: 0, staff: 1 });
      expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${child.id}`, staff.adminB), 422, 'node_not_empty');
      expect((await api(server, 'DELETE', `/api/staff/staff/${member.body.staff.id}`, staff.adminB)).status).toBe(204);
      expect((await api(server, 'DELETE', `/api/staff/nodes/${grandchild.id}`, staff.adminB)).status).toBe(204);
      expect((await api(server, 'DELETE', `/api/staff/nodes/${child.id}`, staff.adminB)).status).toBe(204);
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${child.id}`, staff.province), 404, 'not_found');
      expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${child.id}`, staff.adminB), 404, 'not_found');
      expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${child.id}`, null), 401, 'unauthorized');
    });

    it("moves a CĐCS to another superior: devices keep working, a filed report stays, what comes after goes to the new one, the history says who", async () => {
      const union = await server.createUnion('CĐCS Công ty Gạch Tân Hội', communeA.id);
      const device = await server.enrolDevice({ unionId: union.id });
      const sent2025 = await push(device, readyReport({ period: { year: 2025, kind: 'final' } }));

      expectApiError(await api(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeA.id, effectiveDate: '2025-07-01' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeB.id, effectiveDate: '2999-01-01' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeB.id, effectiveDate: '2025-02-30' }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeB.id }), 422, 'validation_failed');
      // Not before the union was placed where it is (today, when it was created).
      expectApiError(await api(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeB.id, effectiveDate: '2025-06-30' }), 422, 'validation_failed');
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      const moved = await api<UnionMoved>(server, 'POST', `/api/staff/unions/${union.id}/move`, staff.province, { parentId: communeB.id, effectiveDate: today });
      expect(moved.status).toBe(200);
      expect(moved.body.union.superiorId).toBe(communeB.id);

      // The device goes on, and learns its new superior from the change feed.
      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports', device);
      expect(feed.body.superior).toMatchObject({ id: communeB.id, name: communeB.name, kind: 'upper_commune' });
      const sent2026 = await push(device, readyReport({ period: { year: 2026, kind: 'yearly' } }));

      // The former superior keeps the report it received and may still review it; not the later one.
      const old = await api<StaffReportView>(server, 'GET', `/api/staff/reports/${sent2025.document.id}`, staff.adminA);
      expect(old.status).toBe(200);
      expect(old.body.superior.id).toBe(communeA.id);
      expect((await api(server, 'POST', `/api/staff/reports/${sent2025.document.id}/review`, staff.reviewerA, { status: 'accepted', comment: '', revision: sent2025.revision })).status).toBe(200);
      expectApiError(await api(server, 'GET', `/api/staff/reports/${sent2026.document.id}`, staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'GET', `/api/staff/unions/${union.id}/devices`, staff.adminA), 404, 'not_found');
      expect((await api<StaffReportView>(server, 'GET', `/api/staff/reports/${sent2026.document.id}`, staff.adminB)).body.superior.id).toBe(communeB.id);
      expectApiError(await api(server, 'GET', `/api/staff/reports/${sent2025.document.id}`, staff.adminB), 404, 'not_found');

      // Each period's line sits with the superior it belongs to, once across the tree.
      const overview = async (who: { headers: Record<string, string> }, node: OrgNode, year: number, period: string) =>
        (await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${node.id}/overview?year=${year}&kind=${period}`, who)).body;
      const a2025 = await overview(staff.adminA, communeA, 2025, 'final');
      expect(a2025.unions.find((line) => line.id === union.id)).toMatchObject({ movedAway: true, superiorId: communeA.id, standing: 'accepted' });
      expect((await overview(staff.adminB, communeB, 2025, 'final')).unions.find((line) => line.id === union.id)).toBeUndefined();
      expect((await overview(staff.adminB, communeB, 2026, 'yearly')).unions.find((line) => line.id === union.id)).toMatchObject({ movedAway: false, standing: 'sent' });
      expect((await overview(staff.adminA, communeA, 2026, 'yearly')).unions.find((line) => line.id === union.id)).toBeUndefined();

      // A node that received reports is never deleted: they keep their superior.
      const refused = expectApiError(await api(server, 'DELETE', `/api/staff/nodes/${communeA.id}`, staff.province), 422, 'node_not_empty');
      expect((refused.details as { reports: number }).reports).toBeGreaterThan(0);

      const history = await api<{ moves: UnionMove[] }>(server, 'GET', `/api/staff/unions/${union.id}/history`, staff.adminB);
      expect(history.body.moves).toEqual([
        expect.objectContaining({ from: null, to: { id: communeA.id, name: communeA.name }, movedBy: null }),
        expect.objectContaining({
          from: { id: communeA.id, name: communeA.name },
          to: { id: communeB.id, name: communeB.name },
          effectiveDate: today,
          movedBy: { id: staff.province.id, username: staff.province.username },
        }),
      ]);
    });

    it('rolls the period up by child node for the province, and lists a commune union its CĐCS, with totals computed in SQL', async () => {
      const period = '?year=2025&kind=yearly';
      // Without year and kind the node's default period (test/server/services/period.test.ts); one without the other is refused.
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${server.root.id}/overview?year=2025`, staff.province), 400, 'bad_request');
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${server.root.id}/overview${period}&scope=all`, staff.province), 400, 'bad_request');
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${server.root.id}/overview${period}`, null), 401, 'unauthorized');
      const direct = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${server.root.id}/overview${period}`, staff.province);
      expect(direct.status).toBe(200);
      expect(direct.body.node.id).toBe(server.root.id);
      expect(direct.body.rollup.map((row) => row.node.id)).toEqual([communeA.id, communeB.id]);
      const rowB = direct.body.rollup[1]?.summary;
      // B: unionB sent its 2025 report (120 workers, 100 members); the moved union's 2025 report was final, not yearly.
      expect(rowB).toMatchObject({ reported: 1, workers: 120, members: 100, meetingTarget: 1 });
      expect(direct.body.summary.unions).toBe(direct.body.direct.unions + direct.body.rollup.reduce((sum, row) => sum + row.summary.unions, 0));
      const subtree = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${server.root.id}/overview${period}&scope=subtree`, staff.province);
      expect(subtree.body.unions.length).toBe(subtree.body.summary.unions);
      expect(subtree.body.unions.find((line) => line.id === unionB.id)).toMatchObject({ superiorId: communeB.id, standing: 'sent', report: { workers: 120, members: 100, meetsTarget: true } });
    });

    it('previews an enrolment code without using it: which union, which superior', async () => {
      const issued = await server.issueCode(unionA.id, { maxUses: 1 });
      for (let i = 0; i < 2; i++) {
        const preview = await api<EnrolPreview>(server, 'POST', '/api/enrol/preview', null, { code: issued.code.toLowerCase().replace('-', ' ') });
        expect(preview.status).toBe(200);
        expect(preview.body).toMatchObject({ union: { id: unionA.id, name: unionA.name }, superior: { id: communeA.id, name: communeA.name, kind: 'upper_commune', shortName: '' }, usesLeft: 1 });
      }
      const enrolled = await api<EnrolResponse>(server, 'POST', '/api/enrol', null, { code: issued.code, deviceName: 'Máy mới' });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.superior?.id).toBe(communeA.id);
      // What the officer's profile starts from: the union's record, and its address as the tree's names tell it.
      expect(enrolled.body.union).toEqual({ id: unionA.id, name: unionA.name, employer: '', sector: '' });
      expect(enrolled.body.address).toEqual({ commune: 'phường An Tịnh', province: 'tỉnh Thử Nghiệm' });
      expectApiError(await api(server, 'POST', '/api/enrol/preview', null, { code: issued.code }), 410, 'enrolment_code_expired');
      expectApiError(await api(server, 'POST', '/api/enrol/preview', null, { code: 'ZZZZ-ZZZZ' }), 400, 'enrolment_code_invalid');
      expectApiError(await api(server, 'POST', '/api/enrol/preview', null, {}), 422, 'validation_failed');
    });
  });
}
