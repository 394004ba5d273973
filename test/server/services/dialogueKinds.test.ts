/**
 * Dialogue sessions by kind in the overviews (issue 8), on both stores: each line counts its report's
 * `document.dialogues` by kind, and every total (the node's summary, the CĐCS directly under it, each
 * roll-up row) adds the kinds over the CĐCS that reported, as it adds the sessions; a draft's sessions
 * show on its line but count nowhere. The counts follow each push and review.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import { DIALOGUE_KINDS, type DialogueKind, type DialogueKindCounts, type DialogueSession, type ReportDocument } from '../../../src/domain/report';
import type { NodeOverview } from '../../../src/domain/staff';
import { announcePostgresSkip, type EnrolledDevice, pushStored, readyReport, sampleReport, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

function sessions(...kinds: DialogueKind[]): DialogueSession[] {
  return kinds.map((kind, index) => ({
    id: `d${index + 1}`,
    date: '2025-06-10',
    kind,
    ledBy: 'Chủ tịch CĐCS',
    participants: 30,
    recommendationsRaised: 2,
    recommendationsResolved: 1,
    notes: '',
  }));
}

function counts(partial: Partial<DialogueKindCounts>): DialogueKindCounts {
  return Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, partial[kind] ?? 0])) as DialogueKindCounts;
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`dialogue sessions by kind on ${kind}`, () => {
    let server: TestServer;
    let commune: OrgNode;
    let province: { headers: Record<string, string> };

    const push = (device: EnrolledDevice, document: ReportDocument, revision?: string) => pushStored(server, device, document, revision);

    async function overview(node: OrgNode): Promise<NodeOverview> {
      const response = await fetch(`${server.url}/api/staff/nodes/${node.id}/overview?year=2025&kind=yearly&scope=subtree`, { headers: province.headers });
      expect(response.status).toBe(200);
      return (await response.json()) as NodeOverview;
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      commune = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
      province = await server.staffSession();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('counts each line by kind, totals the reported ones per node and roll-up row, and follows pushes and reviews', async () => {
      const sent = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty Dệt Long Hoa', commune.id)).id });
      const drafting = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Trường Mầm non Long Hoa', commune.id)).id });
      const direct = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Bệnh viện tỉnh', server.root.id)).id });

      const sentReport = readyReport({ dialogues: sessions('workplace', 'workplace', 'workersConference') });
      const sentRevision = await push(sent, sentReport);
      await push(drafting, sampleReport({ status: 'draft', dialogues: sessions('other', 'other') }));
      const directReport = readyReport({ dialogues: sessions('districtCommittee', 'partyGovernmentLeaders') });
      await push(direct, directReport);

      let root = await overview(server.root);
      const line = (unionId: string) => root.unions.find((each) => each.id === unionId)?.report;
      expect(line(sent.unionId)).toMatchObject({ dialogueSessions: 3, dialogueSessionsByKind: counts({ workplace: 2, workersConference: 1 }) });
      // A draft's line shows its sessions; no total counts them.
      expect(line(drafting.unionId)).toMatchObject({ dialogueSessions: 2, dialogueSessionsByKind: counts({ other: 2 }) });
      expect(line(direct.unionId)).toMatchObject({ dialogueSessionsByKind: counts({ districtCommittee: 1, partyGovernmentLeaders: 1 }) });
      expect(root.rollup).toHaveLength(1);
      expect(root.rollup[0]?.summary).toMatchObject({ dialogueSessions: 3, dialogueSessionsByKind: counts({ workplace: 2, workersConference: 1 }) });
      expect(root.direct).toMatchObject({ dialogueSessions: 2, dialogueSessionsByKind: counts({ districtCommittee: 1, partyGovernmentLeaders: 1 }) });
      expect(root.summary).toMatchObject({
        dialogueSessions: 5,
        dialogueSessionsByKind: counts({ workplace: 2, workersConference: 1, districtCommittee: 1, partyGovernmentLeaders: 1 }),
      });
      const sumOfKinds = (byKind: DialogueKindCounts) => DIALOGUE_KINDS.reduce((total, each) => total + byKind[each], 0);
      expect(sumOfKinds(root.summary.dialogueSessionsByKind)).toBe(root.summary.dialogueSessions);
      expect((await overview(commune)).summary.dialogueSessionsByKind).toEqual(counts({ workplace: 2, workersConference: 1 }));

      // The officer changes a session's kind and adds one: the columns follow the update.
      const edited = readyReport({ ...sentReport, dialogues: sessions('workplace', 'other', 'workersConference', 'workersConference') });
      await push(sent, edited, sentRevision);
      // A review rewrites the row too, and keeps the counts.
      await server.reviewReport(line(sent.unionId)!.id, 'returned', 'Bổ sung biên bản đối thoại.');
      root = await overview(server.root);
      expect(line(sent.unionId)).toMatchObject({ dialogueSessions: 4, dialogueSessionsByKind: counts({ workplace: 1, other: 1, workersConference: 2 }) });
      expect(root.rollup[0]?.summary.dialogueSessionsByKind).toEqual(counts({ workplace: 1, other: 1, workersConference: 2 }));
      expect(root.summary.dialogueSessions).toBe(6);
    });
  });
}
