/**
 * Issue 21: a move keeps history as it happened, over HTTP on both stores. A report accepted by a ward
 * union, whose CĐCS then moves to an industrial-park union, still names the ward as the one that
 * accepted it (the staff's history and the phone's copy); the ward keeps the periods that fell due
 * before the move (reported or not), and the park is not told the CĐCS is missing them; periods due
 * after the move belong to the park.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../../src/domain/calendar';
import type { OrgNode } from '../../../src/domain/organisation';
import type { GrassrootsUnion, NodeOverview, StaffReportView, UnionMoved } from '../../../src/domain/staff';
import type { ReportChangesResponse, ServerReport } from '../../../src/domain/sync';
import { announcePostgresSkip, api, pushHeaders, readyReport, startTestServer, STORE_KINDS, type EnrolledDevice, type StaffLogin, type TestServer } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`a CĐCS moved to another superior on ${kind}`, () => {
    let server: TestServer;
    let ward: OrgNode;
    let park: OrgNode;
    let union: GrassrootsUnion;
    let device: EnrolledDevice;
    let wardReviewer: StaffLogin;
    let parkViewer: StaffLogin;
    let provinceAdmin: StaffLogin;
    let reportId: string;
    // The move takes effect today (a union's first placement is dated the day it is created, and a
    // move is never dated before it): last year's period fell due before it, next year's after it.
    const today = vietnamDate(new Date());
    const thisYear = Number(today.slice(0, 4));
    const lastYear = thisYear - 1;
    const yearBefore = thisYear - 2;
    const nextYear = thisYear + 1;

    const overview = async (node: OrgNode, who: StaffLogin, year: number) => {
      const answer = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${node.id}/overview?year=${year}&kind=yearly`, who);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body;
    };

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      ward = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
      park = await server.createNode({ name: 'Công đoàn các khu công nghiệp Phước Đông', kind: 'upper_industrial_park' });
      union = await server.createUnion('CĐCS Công ty May An Tịnh', ward.id);
      device = await server.enrolDevice({ unionId: union.id });
      wardReviewer = await server.staffSession({ nodeId: ward.id, role: 'reviewer' });
      parkViewer = await server.staffSession({ nodeId: park.id, role: 'viewer' });
      provinceAdmin = await server.staffSession({ nodeId: server.root.id, role: 'admin' });

      // Last year: sent to the ward and accepted there. The year before: never sent (owed to the ward).
      const document = readyReport({ period: { year: lastYear, kind: 'yearly' } });
      reportId = document.id;
      const sent = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(document) });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const { revision } = ((await sent.json()) as { report: ServerReport }).report;
      const accepted = await api(server, 'POST', `/api/staff/reports/${document.id}/review`, wardReviewer, { status: 'accepted', comment: 'Số liệu đầy đủ.', revision });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

      // Then the CĐCS moves to the park from today: after the deadlines of those years, before next year's.
      const moved = await api<UnionMoved>(server, 'POST', `/api/staff/unions/${union.id}/move`, provinceAdmin, { parentId: park.id, effectiveDate: today });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('names the ward as the one that accepted, on the staff’s history and on the phone', async () => {
      const view = await api<StaffReportView>(server, 'GET', `/api/staff/reports/${reportId}`, provinceAdmin);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      expect(view.body.decisions.map((decision) => [decision.status, decision.node?.name])).toEqual([['accepted', 'Công đoàn phường An Tịnh']]);
      expect(view.body.report.review?.node).toEqual({ id: ward.id, name: 'Công đoàn phường An Tịnh' });

      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', device);
      expect(feed.status, JSON.stringify(feed.body)).toBe(200);
      const onPhone = feed.body.reports.find((report) => report.document.id === reportId);
      expect(onPhone?.review).toMatchObject({ status: 'accepted', node: { id: ward.id, name: 'Công đoàn phường An Tịnh' } });
    });

    it('keeps last year’s report with the ward; the park does not list the CĐCS as missing it', async () => {
      const atWard = await overview(ward, wardReviewer, lastYear);
      expect(atWard.unions.find((line) => line.id === union.id)).toMatchObject({ standing: 'accepted', movedAway: true });
      expect(atWard.summary).toMatchObject({ unions: 1, reported: 1, accepted: 1 });

      const atPark = await overview(park, parkViewer, lastYear);
      expect(atPark.unions.map((line) => line.id)).not.toContain(union.id);
      expect(atPark.summary).toMatchObject({ unions: 0, notReported: 0 });
    });

    it('keeps a period due before the move and never sent with the ward, not the park', async () => {
      const atWard = await overview(ward, wardReviewer, yearBefore);
      expect(atWard.unions.find((line) => line.id === union.id)?.standing).toBe('missing');
      expect(atWard.summary).toMatchObject({ unions: 1, notReported: 1 });

      const atPark = await overview(park, parkViewer, yearBefore);
      expect(atPark.unions.map((line) => line.id)).not.toContain(union.id);
      expect(atPark.summary).toMatchObject({ unions: 0, notReported: 0 });
    });

    it('lists the CĐCS in the province’s exports under the superior of each period', async () => {
      // The exports read the subtree's lines (scope=subtree): last year's report under the ward, next year's period under the park.
      const subtree = async (year: number) => {
        const answer = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${server.root.id}/overview?year=${year}&kind=yearly&scope=subtree`, provinceAdmin);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        return answer.body.unions.filter((line) => line.id === union.id);
      };
      expect((await subtree(lastYear)).map((line) => [line.superiorName, line.standing, line.report?.members])).toEqual([
        ['Công đoàn phường An Tịnh', 'accepted', 100],
      ]);
      expect((await subtree(nextYear)).map((line) => [line.superiorName, line.standing])).toEqual([['Công đoàn các khu công nghiệp Phước Đông', 'missing']]);
    });

    it('gives the park the periods due after the move', async () => {
      const atPark = await overview(park, parkViewer, nextYear);
      expect(atPark.unions.find((line) => line.id === union.id)?.standing).toBe('missing');
      const atWard = await overview(ward, wardReviewer, nextYear);
      expect(atWard.unions.map((line) => line.id)).not.toContain(union.id);
    });

    it('names the ward as it was when it accepted, after the ward is renamed', async () => {
      const renamed = await api(server, 'PATCH', `/api/staff/nodes/${ward.id}`, provinceAdmin, { name: 'Công đoàn phường An Tịnh (sau sáp nhập)' });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      const view = await api<StaffReportView>(server, 'GET', `/api/staff/reports/${reportId}`, provinceAdmin);
      expect(view.body.decisions.map((decision) => decision.node?.name)).toEqual(['Công đoàn phường An Tịnh']);
      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', device);
      expect(feed.body.reports.find((report) => report.document.id === reportId)?.review?.node?.name).toBe('Công đoàn phường An Tịnh');
    });
  });
}
