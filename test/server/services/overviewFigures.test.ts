/**
 * The exports' lines (issue 21), on both stores: a province's `scope=subtree` overview lists the CĐCS of
 * the communes below it, each with the name of the node it is under and every figure of its report
 * (read from the document), while the screens' `scope=direct` lines stay without the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from '../../../src/domain/reportFigures';
import type { NodeOverview } from '../../../src/domain/staff';
import { filledReport } from '../../app/staff/filledReport';
import { announcePostgresSkip, pushStored, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the exports' overview lines on ${kind}`, () => {
    let server: TestServer;
    let headers: Record<string, string>;

    async function overview(nodeId: string, scope: string): Promise<NodeOverview> {
      const response = await fetch(`${server.url}/api/staff/nodes/${nodeId}/overview?year=2025&kind=yearly&scope=${scope}`, { headers });
      expect(response.status).toBe(200);
      return (await response.json()) as NodeOverview;
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      headers = (await server.staffSession()).headers;
    });
    afterAll(async () => {
      await server?.close();
    });

    it("lists a province's subtree with each CĐCS's superior and every figure of its report", async () => {
      const commune = await server.createNode({ name: 'Công đoàn phường An Tịnh' });
      const device = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty Điện tử Trảng Bàng', commune.id)).id });
      const silent = await server.createUnion('CĐCS Trường Tiểu học Lộc Hưng', commune.id);
      const report = { ...filledReport(), id: crypto.randomUUID() };
      await pushStored(server, device, report);

      const subtree = await overview(server.root.id, 'subtree');
      const line = subtree.unions.find((each) => each.id === device.unionId)!;
      expect(line.superiorName).toBe('Công đoàn phường An Tịnh');
      expect(line.report?.figures).toEqual(reportFigures(report));
      expect(line.report?.figures?.dialogueSessions).toBe(7);
      expect(subtree.unions.find((each) => each.id === silent.id)).toMatchObject({ superiorName: 'Công đoàn phường An Tịnh', report: null });

      // The screens' lines stay brief.
      const direct = await overview(commune.id, 'direct');
      expect(direct.unions.find((each) => each.id === device.unionId)?.report?.figures).toBeUndefined();
    });
  });
}
