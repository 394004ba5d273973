/**
 * Reporting rounds on the server, on a real SQLite file and a real PostgreSQL schema: staff open,
 * close and reopen a round on their node (subtree-checked), devices receive the rounds that apply
 * to their union in every pull, and a push to a closed round is refused with 409 `round_closed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgNode } from '../../../src/domain/organisation';
import type { NodeRound, RoundClosedDetails } from '../../../src/domain/round';
import type { ReportChangesResponse } from '../../../src/domain/sync';
import { announcePostgresSkip, call, type EnrolledDevice, expectApiError, json, PAST_ROUND, pushHeaders, readyReport, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

const ROUND = PAST_ROUND;

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`reporting rounds on ${kind}`, () => {
    let server: TestServer;
    let commune: OrgNode;
    let otherCommune: OrgNode;
    let reviewer: Record<string, string>;
    let viewer: Record<string, string>;
    let stranger: Record<string, string>;
    let province: Record<string, string>;
    let device: EnrolledDevice;
    let neighbour: EnrolledDevice;
    let outsider: EnrolledDevice;
    let round: NodeRound;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
      otherCommune = await server.createNode({ name: 'Công đoàn phường Tân Ninh' });
      reviewer = (await server.staffSession({ nodeId: commune.id, role: 'reviewer' })).headers;
      viewer = (await server.staffSession({ nodeId: commune.id, role: 'viewer' })).headers;
      stranger = (await server.staffSession({ nodeId: otherCommune.id, role: 'admin' })).headers;
      province = (await server.staffSession({ nodeId: server.root.id, role: 'reviewer' })).headers;
      device = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty May Tây Ninh', commune.id)).id });
      neighbour = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Trường Mầm non Hoa Sen', commune.id)).id });
      outsider = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty Cao su', otherCommune.id)).id });
    });
    afterAll(() => server?.close());

    const pull = async (who: EnrolledDevice) => (await call<ReportChangesResponse>(`${server.url}/api/reports`, { headers: who.headers })).body;
    const push = (who: EnrolledDevice, document: unknown) =>
      call(`${server.url}/api/reports/${(document as { id: string }).id}`, { method: 'PUT', headers: pushHeaders(who), body: JSON.stringify(document) });

    it('opens a round on the node, which reaches the phones below it and no others', async () => {
      const opened = await call<{ round: NodeRound }>(`${server.url}/api/staff/nodes/${commune.id}/rounds`, json(reviewer, ROUND));
      expect(opened.status).toBe(201);
      round = opened.body.round;
      const { allowPastDeadline: _allowed, ...asOpened } = ROUND;
      expect(round).toMatchObject({ ...asOpened, openedBy: { nodeId: commune.id, name: 'Công đoàn xã Dương Minh Châu' }, closedAt: null, reopenings: [] });

      const feed = await pull(device);
      expect(feed.rounds).toEqual([expect.objectContaining({ id: round.id, deadline: '2025-12-10', closedAt: null, title: ROUND.title })]);
      expect(feed.rounds?.[0]).not.toHaveProperty('reopenings');
      expect((await pull(outsider)).rounds).toEqual([]);

      const listed = await call<{ rounds: NodeRound[] }>(`${server.url}/api/staff/nodes/${commune.id}/rounds`, { headers: viewer });
      expect(listed.body.rounds.map((r) => r.id)).toEqual([round.id]);
    });

    it("lists the nearest superior's round first when the province opened one for the same period", async () => {
      const provinceRound = await call<{ round: NodeRound }>(
        `${server.url}/api/staff/nodes/${server.root.id}/rounds`,
        json(province, { ...ROUND, title: 'Báo cáo năm 2025 (toàn tỉnh)', deadline: '2025-12-20' }),
      );
      expect(provinceRound.status).toBe(201);
      expect((await pull(device)).rounds?.map((r) => r.id)).toEqual([round.id, provinceRound.body.round.id]);
      expect((await pull(outsider)).rounds?.map((r) => r.id)).toEqual([provinceRound.body.round.id]);
    });

    it("holds a ready report to the round's activity dates", async () => {
      const outside = readyReport({
        grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2025-12-05' },
      });
      const refused = expectApiError(await push(device, outside), 422, 'validation_failed');
      expect(refused.details).toEqual([expect.objectContaining({ path: 'grassrootsDemocracy.workersConferenceDate', code: 'dateOutsidePeriod' })]);
      const inside = { ...outside, grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2025-11-05' } };
      expect((await push(device, inside)).status).toBe(201);
    });

    it('refuses every push to a closed round with 409 round_closed and the date it closed', async () => {
      const closed = await call<{ round: NodeRound }>(`${server.url}/api/staff/rounds/${round.id}/close`, { method: 'POST', headers: reviewer });
      expect(closed.status).toBe(200);
      expect(closed.body.round.closedAt).toEqual(expect.any(String));

      const refused = expectApiError(await push(neighbour, readyReport()), 409, 'round_closed');
      expect(refused.details as RoundClosedDetails).toEqual({ roundId: round.id, title: ROUND.title, closedAt: closed.body.round.closedAt });
      expect((await pull(neighbour)).rounds?.[0]).toMatchObject({ id: round.id, closedAt: closed.body.round.closedAt });
      // Nothing was stored for the refused push.
      expect((await pull(neighbour)).reports).toEqual([]);
    });

    it('reopens a closed round for one CĐCS with its own deadline; the others stay closed', async () => {
      const reopened = await call<{ round: NodeRound }>(
        `${server.url}/api/staff/rounds/${round.id}/reopenings`,
        json(reviewer, { unionId: neighbour.unionId, deadline: '2025-12-31' }),
      );
      expect(reopened.status).toBe(200);
      expect(reopened.body.round.reopenings).toEqual([expect.objectContaining({ unionId: neighbour.unionId, deadline: '2025-12-31' })]);
      expect((await pull(neighbour)).rounds?.[0]).toMatchObject({ closedAt: null, deadline: '2025-12-31' });
      expect((await push(neighbour, readyReport())).status).toBe(201);
      expectApiError(await push(device, readyReport()), 409, 'round_closed');

      const withdrawn = await call<{ round: NodeRound }>(`${server.url}/api/staff/rounds/${round.id}/reopenings/${neighbour.unionId}`, {
        method: 'DELETE',
        headers: reviewer,
      });
      expect(withdrawn.body.round.reopenings).toEqual([]);
      expect((await pull(neighbour)).rounds?.[0]?.closedAt).toEqual(expect.any(String));
    });

    it('answers a client mistake with 400, 401, 403, 404, 409 or 422, never 500, and changes nothing', async () => {
      const rounds = `${server.url}/api/staff/nodes/${commune.id}/rounds`;
      expectApiError(await call(rounds, { method: 'POST', headers: { ...reviewer, 'content-type': 'application/json' }, body: '{"period":' }), 400, 'malformed_json');
      expectApiError(await call(rounds, json({}, ROUND)), 401, 'unauthorized');
      expectApiError(await call(rounds, json(viewer, { ...ROUND, period: { year: 2026, kind: 'yearly' } })), 403, 'forbidden');
      // Another commune's staff: this node, this round and this union do not exist for them.
      expectApiError(await call(rounds, { headers: stranger }), 404, 'not_found');
      expectApiError(await call(`${server.url}/api/staff/rounds/${round.id}/close`, { method: 'POST', headers: stranger }), 404, 'not_found');
      expectApiError(await call(`${server.url}/api/staff/rounds/not-a-uuid/close`, { method: 'POST', headers: reviewer }), 404, 'not_found');
      expectApiError(
        await call(`${server.url}/api/staff/rounds/${round.id}/reopenings`, json(reviewer, { unionId: outsider.unionId })),
        404,
        'not_found',
      );
      // The province's round is not the commune's to close.
      const provinceRounds = (await call<{ rounds: NodeRound[] }>(rounds, { headers: reviewer })).body.rounds.filter((r) => r.openedBy.nodeId === server.root.id);
      expect(provinceRounds).toHaveLength(1);
      expectApiError(await call(`${server.url}/api/staff/rounds/${provinceRounds[0]!.id}/close`, { method: 'POST', headers: reviewer }), 404, 'not_found');

      const taken = expectApiError(await call(rounds, json(reviewer, ROUND)), 409, 'taken');
      expect(taken.details).toEqual([expect.objectContaining({ path: 'period' })]);
      const badDates = expectApiError(
        await call(rounds, json(reviewer, { ...ROUND, period: { year: 2026, kind: 'yearly' }, activities: { from: '2026-12-01', to: '2026-01-01' }, deadline: '2026-12-10' })),
        422,
        'validation_failed',
      );
      expect(badDates.details).toEqual([expect.objectContaining({ path: 'activities.to' })]);
      expectApiError(await call(rounds, json(reviewer, { ...ROUND, title: '' })), 422, 'validation_failed');

      const open = await call<{ round: NodeRound }>(`${server.url}/api/staff/rounds/${round.id}/open`, { method: 'POST', headers: reviewer });
      expect(open.body.round.closedAt).toBeNull();
      expectApiError(await call(`${server.url}/api/staff/rounds/${round.id}/reopenings`, json(reviewer, { unionId: device.unionId })), 422, 'validation_failed');
      expect((await call<{ rounds: NodeRound[] }>(rounds, { headers: reviewer })).body.rounds.filter((r) => r.openedBy.nodeId === commune.id)).toHaveLength(1);
    });
  });
}
