/**
 * The server's state for the province's admin (`GET /api/staff/server`) and for a monitor
 * (`GET /api/health`): the store, and when the last good backup was made; for nobody else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeBackup } from '../../../src/server/services/backups';
import { api, describeOnEachStore, expectApiError, startTestServer, type TestServer, twoCommunes, type TwoCommunes } from '../helpers';
import { storeConfigOf } from '../restoredProvince';

describeOnEachStore(
  (kind) => `the server's state (${kind})`,
  (kind) => {
    let server: TestServer;
    let people: TwoCommunes;
    const folder = mkdtempSync(join(tmpdir(), 'bao-cao-state-'));
    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      people = await twoCommunes(server);
    });
    afterAll(async () => {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('tells the root admin and a monitor when the last good backup was made', async () => {
      const before = await api<{ store: string; lastBackup: unknown; nightlyBackups: unknown }>(server, 'GET', '/api/staff/server', people.staff.province);
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ store: kind, lastBackup: null, nightlyBackups: null });
      await makeBackup({ store: server.store, now: () => new Date() }, storeConfigOf(server), join(folder, 'b.sqlite'));
      const after = await api<{ lastBackup: { at: string; file: string; rows: number } }>(server, 'GET', '/api/staff/server', people.staff.province);
      expect(after.body.lastBackup).toMatchObject({ file: 'b.sqlite' });
      expect(Date.now() - Date.parse(after.body.lastBackup.at)).toBeLessThan(60_000);
      const health = await api<{ status: string; lastBackup: unknown }>(server, 'GET', '/api/health', null);
      expect(health.body).toEqual({ status: 'ok', store: kind, lastBackup: after.body.lastBackup });
    });

    it("is refused to a commune's admin, a root reviewer and a stranger", async () => {
      expectApiError(await api(server, 'GET', '/api/staff/server', people.staff.adminA), 403, 'forbidden');
      const reviewer = await server.staffSession({ role: 'reviewer' });
      expectApiError(await api(server, 'GET', '/api/staff/server', reviewer), 403, 'forbidden');
      expectApiError(await api(server, 'GET', '/api/staff/server', null), 401, 'unauthorized');
    });
  },
);
