/**
 * A push that changes no figure an overview sums (only the report's text, say) updates the report without
 * touching the indexes those overviews read (src/server/store/push.ts, `updateReportContent`); the
 * overviews must still show every figure as the latest push has it, on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/domain/report';
import type { NodeOverview } from '../../../src/domain/staff';
import { announcePostgresSkip, type EnrolledDevice, pushStored, readyReport, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`pushes that change only the text, on ${kind}`, () => {
    let server: TestServer;
    let staff: { headers: Record<string, string> };

    const push = (device: EnrolledDevice, document: ReportDocument, revision?: string) => pushStored(server, device, document, revision);

    async function summary() {
      const response = await fetch(`${server.url}/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly&scope=subtree`, { headers: staff.headers });
      expect(response.status).toBe(200);
      return ((await response.json()) as NodeOverview).summary;
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      staff = await server.staffSession();
    });
    afterAll(async () => {
      await server.close();
    });

    it('keeps the overview right through text-only pushes, and follows the figures when they change', async () => {
      const device = await server.enrolDevice();
      const report = readyReport();
      report.membership.workers = 200;
      report.membership.members = 150;
      let revision = await push(device, report);
      expect(await summary()).toMatchObject({ reported: 1, workers: 200, members: 150, meetingTarget: 0 });

      // Only the text: the figures stay as they were.
      report.proposals.text = 'Đề nghị cấp trên hỗ trợ tập huấn cho cán bộ công đoàn.';
      revision = await push(device, report, revision);
      report.proposals.text += ' Và tổ chức hội nghị người lao động.';
      revision = await push(device, report, revision);
      expect(await summary()).toMatchObject({ reported: 1, workers: 200, members: 150, meetingTarget: 0 });
      const stored = await server.store.findReport(report.id);
      expect(stored?.revision).toBe(3);
      expect(JSON.parse(stored!.documentJson).proposals.text).toBe(report.proposals.text);

      // A figure changes: the overview follows it (members 170 of 200 = 85 %: the target is met).
      report.membership.members = 170;
      revision = await push(device, report, revision);
      expect(await summary()).toMatchObject({ reported: 1, workers: 200, members: 170, meetingTarget: 1 });

      // Back to a draft (a column the indexes hold, not a figure): it no longer counts as reported.
      report.status = 'draft';
      await push(device, report, revision);
      expect(await summary()).toMatchObject({ reported: 0, notReported: 1 });
    });
  });
}
