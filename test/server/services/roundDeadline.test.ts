/**
 * A round's deadline on the server, on a real SQLite file and a real PostgreSQL schema: a deadline
 * before today is refused (422 `deadline_past`) unless the request says it is meant; the deadline can
 * be moved (`POST /api/staff/rounds/:id/deadline`), the move is kept in the round's history and reaches
 * the phones with their next pull; a CĐCS the closed round was reopened for gets its own deadline and
 * the date it was reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../../src/domain/calendar';
import type { OrgNode } from '../../../src/domain/organisation';
import type { NodeRound } from '../../../src/domain/round';
import type { ReportChangesResponse } from '../../../src/domain/sync';
import { announcePostgresSkip, call, type EnrolledDevice, expectApiError, json, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

const DAY = 86_400_000;
/** An ISO date `days` from today in Vietnam (negative: before). */
const dayFromToday = (days: number) => vietnamDate(Date.now() + days * DAY);

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`a round's deadline on ${kind}`, () => {
    let server: TestServer;
    let commune: OrgNode;
    let reviewer: Record<string, string>;
    let viewer: Record<string, string>;
    let stranger: Record<string, string>;
    let device: EnrolledDevice;
    let neighbour: EnrolledDevice;
    const year = Number(dayFromToday(0).slice(0, 4));
    const round = (deadline: string, extra: Record<string, unknown> = {}) => ({
      period: { year, kind: 'yearly' },
      title: `Báo cáo kết quả thực hiện Nghị quyết năm ${year}`,
      activities: { from: `${year}-01-01`, to: `${year}-12-31` },
      deadline,
      ...extra,
    });

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
      const other = await server.createNode({ name: 'Công đoàn phường Tân Ninh' });
      reviewer = (await server.staffSession({ nodeId: commune.id, role: 'reviewer' })).headers;
      viewer = (await server.staffSession({ nodeId: commune.id, role: 'viewer' })).headers;
      stranger = (await server.staffSession({ nodeId: other.id, role: 'admin' })).headers;
      device = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty May Tây Ninh', commune.id)).id });
      neighbour = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id)).id });
    });
    afterAll(() => server?.close());

    const pull = async (who: EnrolledDevice) => (await call<ReportChangesResponse>(`${server.url}/api/reports`, { headers: who.headers })).body;
    const rounds = () => `${server.url}/api/staff/nodes/${commune.id}/rounds`;

    it('refuses to open a round with a deadline before today: 422 deadline_past on the deadline, nothing opened', async () => {
      const refused = expectApiError(await call(rounds(), json(reviewer, round(dayFromToday(-7)))), 422, 'deadline_past');
      expect(refused.details).toEqual([expect.objectContaining({ path: 'deadline', code: 'deadline_past' })]);
      expect((await call<{ rounds: NodeRound[] }>(rounds(), { headers: reviewer })).body.rounds).toEqual([]);
      expect((await pull(device)).rounds).toEqual([]);
    });

    let opened: NodeRound;
    it('opens a round due today, and one recorded after the fact when the request says so', async () => {
      const today = await call<{ round: NodeRound }>(rounds(), json(reviewer, round(dayFromToday(0))));
      expect(today.status).toBe(201);
      opened = today.body.round;
      const late = await call<{ round: NodeRound }>(rounds(), json(reviewer, round('2025-11-30', { period: { year: 2025, kind: 'yearly' }, activities: { from: '2025-01-01', to: '2025-11-30' }, allowPastDeadline: true })));
      expect(late.status).toBe(201);
      expect(late.body.round.deadline).toBe('2025-11-30');
    });

    it('moves the deadline: the staff list and the phones read the new one, and the history keeps the change', async () => {
      const later = dayFromToday(20);
      const moved = await call<{ round: NodeRound }>(`${server.url}/api/staff/rounds/${opened.id}/deadline`, json(reviewer, { deadline: later }));
      expect(moved.status).toBe(200);
      expect(moved.body.round).toMatchObject({ id: opened.id, deadline: later });
      const listed = (await call<{ rounds: NodeRound[] }>(rounds(), { headers: viewer })).body.rounds.find((r) => r.id === opened.id);
      expect(listed?.deadline).toBe(later);
      expect((await pull(device)).rounds?.find((r) => r.id === opened.id)).toMatchObject({ deadline: later, closedAt: null });

      const history = await server.store.listRoundChanges(opened.id);
      expect(history).toEqual([expect.objectContaining({ field: 'deadline', from: dayFromToday(0), to: later, changedByStaffId: expect.any(String) })]);
      // The same deadline again changes nothing and adds nothing to the history.
      expect((await call(`${server.url}/api/staff/rounds/${opened.id}/deadline`, json(reviewer, { deadline: later }))).status).toBe(200);
      expect(await server.store.listRoundChanges(opened.id)).toHaveLength(1);
    });

    it('refuses a past deadline, one before the activities, a viewer and a stranger, and changes nothing', async () => {
      const at = `${server.url}/api/staff/rounds/${opened.id}/deadline`;
      expectApiError(await call(at, json(reviewer, { deadline: dayFromToday(-1) })), 422, 'deadline_past');
      const before = expectApiError(await call(at, json(reviewer, { deadline: `${year - 1}-12-31`, allowPastDeadline: true })), 422, 'validation_failed');
      expect(before.details).toEqual([expect.objectContaining({ path: 'deadline' })]);
      expectApiError(await call(at, json(reviewer, { deadline: 'mai' })), 422, 'validation_failed');
      expectApiError(await call(at, json(viewer, { deadline: dayFromToday(30) })), 403, 'forbidden');
      expectApiError(await call(at, json(stranger, { deadline: dayFromToday(30) })), 404, 'not_found');
      expectApiError(await call(`${server.url}/api/staff/rounds/not-a-uuid/deadline`, json(reviewer, { deadline: dayFromToday(30) })), 404, 'not_found');
      expect(await server.store.listRoundChanges(opened.id)).toHaveLength(1);
    });

    it('gives a CĐCS the closed round was reopened for its own deadline and the day it was reopened', async () => {
      expect((await call(`${server.url}/api/staff/rounds/${opened.id}/close`, { method: 'POST', headers: reviewer })).status).toBe(200);
      const own = dayFromToday(13);
      const reopened = await call<{ round: NodeRound }>(`${server.url}/api/staff/rounds/${opened.id}/reopenings`, json(reviewer, { unionId: neighbour.unionId, deadline: own }));
      expect(reopened.status).toBe(200);
      const reopening = reopened.body.round.reopenings[0]!;
      expect((await pull(neighbour)).rounds?.find((r) => r.id === opened.id)).toMatchObject({ closedAt: null, deadline: own, reopenedAt: reopening.reopenedAt });
      expect((await pull(device)).rounds?.find((r) => r.id === opened.id)).toMatchObject({ closedAt: expect.any(String), reopenedAt: null });
    });
  });
}
