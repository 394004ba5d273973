/**
 * Upgrading loses nothing: a database written by the one-district server (migration 0003, frozen in
 * test/server/fixtures) starts under today's server on both stores. The district becomes one
 * historical node under a province node, its user that node's admin (who can still sign in and sees
 * everything as before), and every union, device, code, report, revision, review and idempotency key stays.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeOverview, StaffMe, StaffReportView, UnionMove } from '../../../src/domain/staff';
import { UPGRADE_DISTRICT_NAME, UPGRADE_PROVINCE_NAME } from '../../../src/server/store/migrations';
import { announcePostgresSkip, openTestStore, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dump = JSON.parse(readFileSync(join(FIXTURES, '0003-district.json'), 'utf8')) as {
  migratedTo: string;
  silentUnionId: string;
  tables: Record<string, Record<string, unknown>[]>;
};
const rows = dump.tables;
const TABLE_ORDER = ['unions', 'devices', 'enrolment_codes', 'district_users', 'district_sessions', 'reports', 'report_revisions', 'idempotency'];

/** The fixture as the store of `kind`: the SQLite file itself, or its rows loaded into a PostgreSQL schema migrated to 0003. */
async function oldDatabase(kind: 'sqlite' | 'postgres'): Promise<{ sqliteFile?: string; pgSchema?: string; cleanup: () => void }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bao-cao-upgrade-'));
    const file = join(dir, 'old.sqlite');
    copyFileSync(join(FIXTURES, '0003-district.sqlite'), file);
    return { sqliteFile: file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const opened = await openTestStore('postgres', { migrate: false });
  await opened.store.migrate({ to: dump.migratedTo });
  for (const table of TABLE_ORDER)
    for (const row of rows[table] ?? []) await opened.store.db.insertInto(table as never).values(row as never).execute();
  await opened.dispose({ keepData: true });
  return { pgSchema: opened.pgSchema as string, cleanup: () => undefined };
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`upgrade of a one-district database on ${kind}`, () => {
    let server: TestServer | undefined;
    let cleanup = () => undefined as void;
    afterEach(async () => {
      await server?.close();
      server = undefined;
      cleanup();
    });

    it('turns the district into a node under a province, its user into its admin, and keeps every record', async () => {
      const old = await oldDatabase(kind);
      cleanup = old.cleanup;
      server = await startTestServer({ store: kind, ...(old.sqliteFile ? { sqliteFile: old.sqliteFile } : {}), ...(old.pgSchema ? { pgSchema: old.pgSchema } : {}) });
      const { store } = server;

      // The tree: one province (the root the server found) and the historical district under it.
      expect(server.root).toMatchObject({ kind: 'province', name: UPGRADE_PROVINCE_NAME, parentId: null });
      const district = (await store.listChildNodes(await store.findNode(server.root.id).then((node) => node!)))[0];
      expect(district).toMatchObject({ kind: 'district', name: UPGRADE_DISTRICT_NAME, parentId: server.root.id, unionCount: 3 });

      // Every union, under the district, with its first placement in the history.
      for (const union of rows.unions ?? []) {
        expect(await store.findUnion(union.id as string)).toMatchObject({ name: union.name, code: union.code, superiorId: district!.id });
        const moves: UnionMove[] = await store.listUnionMoves(union.id as string);
        expect(moves).toEqual([expect.objectContaining({ from: null, to: { id: district!.id, name: UPGRADE_DISTRICT_NAME }, movedBy: null })]);
      }
      for (const device of rows.devices ?? []) expect(await store.findDevice(device.id as string)).toMatchObject({ unionId: device.union_id, revokedAt: null });
      for (const code of rows.enrolment_codes ?? []) expect(await store.findEnrolmentCodeByHash(code.code_hash as string)).toMatchObject({ id: code.id, uses: Number(code.uses) });
      for (const report of rows.reports ?? []) {
        const kept = await store.findReport(report.id as string);
        expect(kept).toMatchObject({ revision: Number(report.revision), documentJson: report.document, reviewJson: report.review, changeSeq: Number(report.change_seq) });
        const sent = (JSON.parse(report.document as string) as { status: string }).status === 'ready' || report.review !== null;
        expect(kept?.superiorId).toBe(sent ? district!.id : null);
        expect((await store.listRevisions(report.id as string)).length).toBe((rows.report_revisions ?? []).filter((revision) => revision.report_id === report.id).length);
      }
      for (const entry of rows.idempotency ?? []) expect(await store.findIdempotency(entry.device_id as string, entry.key as string)).toMatchObject({ bodyHash: entry.body_hash });

      // The district user is the district node's admin, with the same password and the session they had.
      const user = rows.district_users?.[0] as { id: string; username: string };
      expect(await store.findStaffByUsername(user.username)).toMatchObject({ id: user.id, role: 'admin', nodeId: district!.id });
      const session = rows.district_sessions?.[0] as { token_hash: string };
      expect(await store.findSessionByTokenHash(session.token_hash)).toMatchObject({ staffId: user.id, nodeId: district!.id });
      const login = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: 'mot-mat-khau-dai' }),
      });
      expect(login.status).toBe(200);
      const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
      const me = (await (await fetch(`${server.url}/api/staff/me`, { headers })).json()) as StaffMe;
      expect(me.node.node.id).toBe(district!.id);

      // What the district saw before, it sees now: 2025 sent (returned, then sent again), a draft, one silent union; 2024 accepted.
      const overview = async (period: string) =>
        (await (await fetch(`${server!.url}/api/staff/nodes/${district!.id}/overview?${period}`, { headers })).json()) as NodeOverview;
      const y2025 = await overview('year=2025&kind=yearly');
      expect(y2025.unions.map((line) => line.standing).sort()).toEqual(['draft', 'missing', 'sent']);
      expect(y2025.unions.find((line) => line.id === dump.silentUnionId)?.standing).toBe('missing');
      expect(y2025.summary).toMatchObject({ unions: 3, reported: 1, workers: 120, members: 100, meetingTarget: 1, dialogueSessions: 1 });
      // The fixture's one session (written before kinds had columns), counted by its kind.
      expect(y2025.summary.dialogueSessionsByKind).toEqual({ workplace: 1, districtCommittee: 0, partyGovernmentLeaders: 0, workersConference: 0, other: 0 });
      const y2024 = await overview('year=2024&kind=yearly');
      expect(y2024.summary).toMatchObject({ reported: 1, accepted: 1 });
      const sent = y2025.unions.find((line) => line.standing === 'sent');
      const view = (await (await fetch(`${server.url}/api/staff/reports/${sent?.report?.id}`, { headers })).json()) as StaffReportView;
      expect(view.revisions.map((revision) => revision.revision)).toEqual([1, 2]);
      expect(view.superior.id).toBe(district!.id);
    });
  });
}
