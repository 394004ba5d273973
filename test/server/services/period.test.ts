/**
 * Issue 21 on both stores: the period a node's screens open on (no year and kind asked) is its open
 * round's, else the latest period with reports sent under it, else what a new phone proposes; and the
 * overview names the reports that unions listed as not reported sent for another period.
 * The server's clock stands at 7 December 2026, 05:31 in Vietnam (22:31 on the 6th in UTC).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import type { ReportPeriod } from '../../../src/domain/period';
import type { NodeRound } from '../../../src/domain/round';
import type { NodeOverview } from '../../../src/domain/staff';
import { announcePostgresSkip, pushStored, readyReport, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

const MORNING = Date.parse('2026-12-06T22:31:00.000Z');
const Y2025: ReportPeriod = { year: 2025, kind: 'yearly' };
const Y2026: ReportPeriod = { year: 2026, kind: 'yearly' };

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the period the staff screens open on, on ${kind}`, () => {
    let server: TestServer;
    let commune: OrgNode;
    let quiet: OrgNode;
    let reviewer: Record<string, string>;
    let province: Record<string, string>;
    let late2024: string;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      server.advanceClock(MORNING - Date.now());
      commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
      quiet = await server.createNode({ name: 'Công đoàn phường Tân Ninh' });
      reviewer = (await server.staffSession({ nodeId: commune.id, role: 'reviewer' })).headers;
      province = (await server.staffSession({ nodeId: server.root.id, role: 'viewer' })).headers;
    });
    afterAll(() => server?.close());

    async function overview(node: OrgNode, headers: Record<string, string>, query = ''): Promise<NodeOverview> {
      const response = await fetch(`${server.url}/api/staff/nodes/${node.id}/overview${query}`, { headers });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as NodeOverview;
    }

    /** A union under the commune whose phone sends a report of each period, in order. */
    async function unionSending(name: string, ...periods: ReportPeriod[]): Promise<string> {
      const union = await server.createUnion(name, commune.id);
      const device = await server.enrolDevice({ unionId: union.id });
      for (const period of periods) await pushStored(server, device, readyReport({ period }));
      return union.id;
    }

    it("opens, without a round, on what a new phone proposes, then on the latest period with reports", async () => {
      // On 7 December 2026 with nothing sent, a phone proposes the 2025 report (the rule of today).
      expect((await overview(quiet, province)).period).toEqual(Y2025);
      late2024 = await unionSending('CĐCS Trường Mầm non Hoa Sen', { year: 2024, kind: 'yearly' });
      expect((await overview(commune, reviewer)).period).toEqual({ year: 2024, kind: 'yearly' });
      await unionSending('CĐCS Công ty May Tây Ninh', Y2025);
      const latest = await overview(commune, reviewer);
      expect(latest.period).toEqual(Y2025);
      expect(latest.unions.find((union) => union.name === 'CĐCS Công ty May Tây Ninh')?.standing).toBe('sent');
    });

    it("opens on the commune's open round, where the phone's proposal puts the report, and names reports sent for another year", async () => {
      const opened = await fetch(`${server.url}/api/staff/nodes/${commune.id}/rounds`, {
        method: 'POST',
        headers: { ...reviewer, 'content-type': 'application/json' },
        body: JSON.stringify({ period: Y2026, title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2026', activities: { from: '2026-01-01', to: '2026-11-30' }, deadline: '2026-11-30', allowPastDeadline: true }),
      });
      expect(opened.status).toBe(201);
      const { round } = (await opened.json()) as { round: NodeRound };

      // After the round opened: one union sends for 2025 by mistake, one sends for both years.
      server.advanceClock(60_000);
      const mistaken = await unionSending('CĐCS Công ty Giày Dương Minh Châu', Y2025);
      const both = await unionSending('CĐCS Công ty Cao su Tây Ninh', Y2025, Y2026);

      const shown = await overview(commune, reviewer);
      expect(shown.period).toEqual(Y2026);
      const standing = Object.fromEntries(shown.unions.map((union) => [union.id, union.standing]));
      expect(standing[both]).toBe('sent');
      expect(standing[mistaken]).toBe('missing');
      // Only the report sent since the round opened, by a union not reported for 2026. The 2025 report
      // sent before the round opened is last year's report, not a mistake.
      expect(shown.otherPeriods).toEqual([{ period: Y2025, unionIds: [mistaken] }]);
      // The province's staff see the same in the subtree (the CLI's scope); their own default is the
      // latest period sent under them, as no round is open on the province.
      const subtree = await overview(commune, province, '?scope=subtree');
      expect(subtree.otherPeriods).toEqual([{ period: Y2025, unionIds: [mistaken] }]);
      expect((await overview(server.root, province)).period).toEqual(Y2026);

      // Asked for 2025 (no round): the mistaken report is there; the union that has not sent 2025 sent
      // 2024's during 2025's year or after, which is said.
      const of2025 = await overview(commune, reviewer, '?year=2025&kind=yearly');
      expect(of2025.unions.find((union) => union.id === mistaken)?.standing).toBe('sent');
      expect(of2025.otherPeriods).toEqual([{ period: { year: 2024, kind: 'yearly' }, unionIds: [late2024] }]);

      // Closed: the latest period with reports again (2026, sent by one union).
      const closed = await fetch(`${server.url}/api/staff/rounds/${round.id}/close`, { method: 'POST', headers: reviewer });
      expect(closed.status).toBe(200);
      expect((await overview(commune, reviewer)).period).toEqual(Y2026);
    });

    it('refuses a year without a kind, or a kind without a year', async () => {
      for (const query of ['?year=2026', '?kind=yearly']) {
        const response = await fetch(`${server.url}/api/staff/nodes/${commune.id}/overview${query}`, { headers: reviewer });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toBe('bad_request');
      }
    });
  });
}
