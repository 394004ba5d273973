/**
 * A server stopped and started again on the same port and data keeps every report, token and cursor:
 * what the sync tests' "server down, then back" relies on (and what a province's restart must do).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from './helpers';
import type { EnrolResponse, PutReportResponse, ReportChangesResponse } from '../../src/domain/sync';
import { announcePostgresSkip, pushHeaders, readyReport, startTestServer, STORE_KINDS, type TestServer } from './helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`restart on ${kind}`, () => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('keeps reports, device tokens, cursors and review decisions across a restart on the same port', async () => {
      server = await startTestServer({ store: kind });
      const { union, code } = await server.createUnionWithCode({ name: 'CĐCS Công ty Dệt Hòa Thành' });
      const enrolled = await fetch(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.toLowerCase().replace('-', ''), deviceName: 'Máy chị Hoa' }),
      });
      expect(enrolled.status).toBe(201);
      const { token, union: enrolledUnion } = (await enrolled.json()) as EnrolResponse;
      expect(enrolledUnion).toEqual({ id: union.id, name: 'CĐCS Công ty Dệt Hòa Thành', employer: '', sector: '' });
      const device = { headers: { authorization: `Bearer ${token}` } };

      const report = readyReport();
      const pushed = await fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) });
      expect(pushed.status).toBe(201);
      const first = (await (await fetch(`${server.url}/api/reports`, { headers: device.headers })).json()) as ReportChangesResponse;
      expect(first.reports.map((r) => r.document.id)).toEqual([report.id]);

      const { port, url } = server;
      const data = { ...(server.sqliteFile ? { sqliteFile: server.sqliteFile } : {}), ...(server.pgSchema ? { pgSchema: server.pgSchema } : {}) };
      await server.close({ keepData: true });
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();

      server = await startTestServer({ store: kind, port, ...data });
      expect(server.url).toBe(url);
      // Same token, same report, and the cursor from before still means "nothing new".
      const again = await fetch(`${url}/api/reports?since=${first.cursor}`, { headers: device.headers });
      expect(again.status).toBe(200);
      expect(((await again.json()) as ReportChangesResponse).reports).toEqual([]);
      const read = (await (await fetch(`${url}/api/reports/${report.id}`, { headers: device.headers })).json()) as PutReportResponse;
      expect(read.report.document).toEqual(report);

      // The province's decision after the restart reaches the device through the same cursor.
      await server.reviewReport(report.id, 'returned', 'Bổ sung số nữ đoàn viên.');
      const changes = (await (await fetch(`${url}/api/reports?since=${first.cursor}`, { headers: device.headers })).json()) as ReportChangesResponse;
      expect(changes.reports).toHaveLength(1);
      expect(changes.reports[0]?.review).toMatchObject({ status: 'returned', comment: 'Bổ sung số nữ đoàn viên.' });
      expect(changes.reports[0]?.revision).toBe(read.report.revision);
    });

    if (kind === 'postgres')
      it('starts on a fresh schema while another schema of the same database holds its own migrations', async () => {
        // A province's PostgreSQL may host other applications, or a second copy of this server.
        const neighbour = await openTestStore('postgres');
        try {
          server = await startTestServer({ store: 'postgres' });
          const health = await fetch(`${server.url}/api/health`);
          expect(await health.json()).toEqual({ status: 'ok', store: 'postgres', lastBackup: null });
          expect((await server.enrolDevice()).token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
        } finally {
          await neighbour.dispose();
        }
      });
  });
}
