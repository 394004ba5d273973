/**
 * A CĐCS's devices and enrolment codes as its superior's staff manage them, and every review decision
 * kept in the report's history, over HTTP on both stores: codes still valid are listed with their last
 * two characters and who issued them, never the code itself; a withdrawn code no longer enrols (410,
 * saying why), ids of another unit are 404 and roles 403;
 * decisions come back oldest first with who made them, and the upgrade carries the last one over.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrassrootsUnion, IssuedEnrolmentCode, StaffReportView, UnionDevice, UnionEnrolmentCode } from '../../../src/domain/staff';
import type { ServerReport } from '../../../src/domain/sync';
import { announcePostgresSkip, api, type Answer, expectApiError, openTestStore, pushHeaders, readyReport, reportRowBeforeForms, startTestServer, STORE_KINDS, type TestServer, type TwoCommunes, twoCommunes } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`devices, codes and decisions on ${kind}`, () => {
    let server: TestServer;
    let unionA: GrassrootsUnion;
    let unionB: GrassrootsUnion;
    let staff: TwoCommunes['staff'];

    async function enrolWith(code: string): Promise<Answer> {
      return api(server, 'POST', '/api/enrol', null, { code, deviceName: 'Máy thử' });
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      ({ unionA, unionB, staff } = await twoCommunes(server));
    });
    afterAll(async () => {
      await server?.close();
    });

    it('lists the codes still valid with their expiry and uses left, never the code itself', async () => {
      const kept = await api<{ code: string; expiresAt: string }>(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA, { maxUses: 2, validDays: 3 });
      expect(kept.status).toBe(201);
      const usedUp = await server.issueCode(unionA.id, { maxUses: 1 });
      expect((await enrolWith(usedUp.code)).status).toBe(201);
      const expiring = await server.issueCode(unionA.id, { validDays: 1 });
      expect((await enrolWith(kept.body.code)).status).toBe(201);

      const listed = await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.viewerA);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      expect(listed.status).toBe(200);
      // Newest first; the used-up code is gone.
      expect(listed.body.codes.map((code) => [code.expiresAt, code.maxUses, code.usesLeft])).toEqual([
        [expiring.expiresAt, expiring.maxUses, expiring.maxUses],
        [kept.body.expiresAt, 2, 1],
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(kept.body.code);
      expect(JSON.stringify(listed.body)).not.toContain(expiring.code);

      // Two days on, the one-day code has expired and drops out of the list (asked of the store: a
      // clock moved that far would end the staff sessions too).
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
      expect((await server.store.listValidEnrolmentCodes(unionA.id, inTwoDays)).map((code) => code.expiresAt)).toEqual([kept.body.expiresAt]);
    });

    it('withdraws a code: it leaves the list and enrolling with it answers 410', async () => {
      const issued = await server.issueCode(unionA.id);
      const listed = await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA);
      const entry = listed.body.codes.find((code) => code.expiresAt === issued.expiresAt && code.usesLeft === issued.maxUses) as UnionEnrolmentCode;
      expect(entry).toBeDefined();

      expectApiError(await api(server, 'POST', `/api/staff/enrolment-codes/${entry.id}/withdraw`, staff.viewerA), 403, 'forbidden');
      expectApiError(await api(server, 'POST', `/api/staff/enrolment-codes/${entry.id}/withdraw`, staff.adminB), 404, 'not_found');
      expect((await enrolWith(issued.code)).status).not.toBe(410);
      const again = await server.issueCode(unionA.id);
      const againEntry = (await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA)).body.codes[0] as UnionEnrolmentCode;

      const withdrawn = await api<{ code: UnionEnrolmentCode }>(server, 'POST', `/api/staff/enrolment-codes/${againEntry.id}/withdraw`, staff.reviewerA);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.code).toMatchObject({ id: againEntry.id, unionId: unionA.id });
      const after = await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA);
      expect(after.body.codes.map((code) => code.id)).not.toContain(againEntry.id);
      expectApiError(await enrolWith(again.code), 410, 'enrolment_code_expired');
      expectApiError(await api(server, 'POST', '/api/enrol/preview', null, { code: again.code }), 410, 'enrolment_code_expired');
      // Withdrawing twice changes nothing and is no error.
      expect((await api(server, 'POST', `/api/staff/enrolment-codes/${againEntry.id}/withdraw`, staff.reviewerA)).status).toBe(200);
    });

    it('lists each code with its last characters and who issued it, never more of the code', async () => {
      const issued = await api<IssuedEnrolmentCode>(server, 'POST', `/api/staff/unions/${unionB.id}/enrolment-codes`, staff.adminB, { maxUses: 2, validDays: 3 });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ unionId: unionB.id, maxUses: 2, createdAt: expect.any(String) });
      expect(Date.parse(issued.body.expiresAt) - Date.parse(issued.body.createdAt)).toBe(3 * 86_400_000);
      const fromCommandLine = await server.issueCode(unionB.id);

      const listed = await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionB.id}/enrolment-codes`, staff.adminB);
      const ours = listed.body.codes.find((code) => code.id === issued.body.id);
      expect(ours).toEqual({
        id: issued.body.id,
        unionId: unionB.id,
        createdAt: issued.body.createdAt,
        expiresAt: issued.body.expiresAt,
        maxUses: 2,
        usesLeft: 2,
        codeHint: issued.body.code.slice(-2),
        issuedBy: { id: staff.adminB.id, username: staff.adminB.username },
      });
      expect(listed.body.codes.find((code) => code.id === fromCommandLine.id)?.issuedBy).toEqual({ id: null, username: 'admin' });
      // Of the code, the last two characters only (the whole entry is above).
      expect(JSON.stringify(listed.body)).not.toContain(issued.body.code);
    });

    it('refuses to issue a code for more phones or days than allowed, and to a viewer', async () => {
      for (const body of [{ maxUses: 0 }, { maxUses: 21 }, { validDays: 0 }, { validDays: 91 }, { maxUses: 2.5 }, { validDays: '3' }])
        expectApiError(await api(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA, body), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.viewerA, { maxUses: 2 }), 403, 'forbidden');
      expectApiError(await api(server, 'POST', `/api/staff/unions/${unionB.id}/enrolment-codes`, staff.reviewerA, { maxUses: 2 }), 404, 'not_found');
    });

    it('tells the phone why a code no longer enrols: withdrawn, expired or used up', async () => {
      const withdrawn = await api<IssuedEnrolmentCode>(server, 'POST', `/api/staff/unions/${unionA.id}/enrolment-codes`, staff.reviewerA, { maxUses: 1 });
      // The province's admin, above the commune, withdraws it.
      const provinceAdmin = await server.staffSession();
      expect((await api(server, 'POST', `/api/staff/enrolment-codes/${withdrawn.body.id}/withdraw`, provinceAdmin)).status).toBe(200);
      const usedUp = await server.issueCode(unionA.id, { maxUses: 1 });
      expect((await enrolWith(usedUp.code)).status).toBe(201);
      const expiring = await server.issueCode(unionA.id, { validDays: 1 });

      for (const [code, reason] of [
        [withdrawn.body.code, 'withdrawn'],
        [usedUp.code, 'used_up'],
      ] as const) {
        expect(expectApiError(await enrolWith(code), 410, 'enrolment_code_expired').details).toEqual({ reason });
        expect(expectApiError(await api(server, 'POST', '/api/enrol/preview', null, { code }), 410, 'enrolment_code_expired').details).toEqual({ reason });
      }
      // Its day passed (set in the store: a clock moved a day on would end the staff sessions too).
      await server.store.db.updateTable('enrolment_codes').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expiring.id).execute();
      expect(expectApiError(await enrolWith(expiring.code), 410, 'enrolment_code_expired').details).toEqual({ reason: 'expired' });
    });

    it("answers 404 for another unit's codes and devices, and for ids that are no codes", async () => {
      const codeB = await server.issueCode(unionB.id);
      const entryB = (await api<{ codes: UnionEnrolmentCode[] }>(server, 'GET', `/api/staff/unions/${unionB.id}/enrolment-codes`, staff.adminB)).body.codes[0] as UnionEnrolmentCode;
      expect(entryB).toBeDefined();
      expectApiError(await api(server, 'GET', `/api/staff/unions/${unionB.id}/enrolment-codes`, staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'POST', `/api/staff/enrolment-codes/${entryB.id}/withdraw`, staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'POST', `/api/staff/enrolment-codes/${randomUUID()}/withdraw`, staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'POST', '/api/staff/enrolment-codes/not-a-code/withdraw', staff.adminA), 404, 'not_found');
      // B's code still works.
      expect((await enrolWith(codeB.code)).status).toBe(201);
    });

    it('lists a union’s devices and revokes one, which then cannot sync', async () => {
      const device = await server.enrolDevice({ unionId: unionA.id, deviceName: 'Điện thoại chủ tịch' });
      const listed = await api<{ devices: UnionDevice[] }>(server, 'GET', `/api/staff/unions/${unionA.id}/devices`, staff.viewerA);
      expect(listed.body.devices.find((entry) => entry.id === device.deviceId)).toMatchObject({ name: 'Điện thoại chủ tịch', revokedAt: null });
      const revoked = await api<{ device: UnionDevice }>(server, 'POST', `/api/staff/devices/${device.deviceId}/revoke`, staff.reviewerA);
      expect(revoked.status).toBe(200);
      expect(revoked.body.device.revokedAt).not.toBeNull();
      expectApiError(await api(server, 'GET', '/api/reports', device), 401, 'unauthorized');
    });

    it('keeps every review decision with who made it, oldest first', async () => {
      const device = await server.enrolDevice({ unionId: unionA.id });
      const document = readyReport();
      const first = await fetch(`${server.url}/api/reports/${document.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(document) });
      const sent = ((await first.json()) as { report: ServerReport }).report;
      const path = `/api/staff/reports/${document.id}`;
      expect((await api<StaffReportView>(server, 'GET', path, staff.viewerA)).body.decisions).toEqual([]);

      const returned = await api<{ report: ServerReport }>(server, 'POST', `${path}/review`, staff.reviewerA, { status: 'returned', comment: 'Bổ sung số đoàn viên.', revision: sent.revision });
      expect(returned.status).toBe(200);
      const resend = await fetch(`${server.url}/api/reports/${document.id}`, {
        method: 'PUT',
        headers: pushHeaders(device, { revision: sent.revision }),
        body: JSON.stringify({ ...document, membership: { ...document.membership, members: 110 } }),
      });
      expect(resend.status).toBe(200);
      const resent = ((await resend.json()) as { report: ServerReport }).report;
      const accepted = await api(server, 'POST', `${path}/review`, staff.adminA, { status: 'accepted', comment: 'Đạt.', revision: resent.revision });
      expect(accepted.status).toBe(200);

      const view = await api<StaffReportView>(server, 'GET', path, staff.viewerA);
      expect(view.body.decisions).toEqual([
        {
          status: 'returned',
          comment: 'Bổ sung số đoàn viên.',
          decidedAt: expect.any(String),
          revision: sent.revision,
          decidedBy: { id: staff.reviewerA.id, username: staff.reviewerA.username },
          node: { id: unionA.superiorId, name: 'Công đoàn phường An Tịnh' },
        },
        {
          status: 'accepted',
          comment: 'Đạt.',
          decidedAt: view.body.report.review?.decidedAt,
          revision: resent.revision,
          decidedBy: { id: staff.adminA.id, username: staff.adminA.username },
          node: { id: unionA.superiorId, name: 'Công đoàn phường An Tịnh' },
        },
      ]);
      const [returnedAt, acceptedAt] = view.body.decisions.map((decision) => decision.decidedAt) as [string, string];
      expect(returnedAt <= acceptedAt).toBe(true);
    });
  });

  (available ? describe : describe.skip)(`review decisions migration on ${kind}`, () => {
    it('carries the last decision of every reviewed report over, without an author', async () => {
      const test = await openTestStore(kind, { migrate: false });
      try {
        const { store } = test;
        await store.migrate({ to: '0009_reporting_rounds' });
        const nodeId = randomUUID();
        const unionId = randomUUID();
        const now = '2025-11-01T08:00:00.000Z';
        const reviewed = readyReport();
        const draft = readyReport();
        await store.write(async (tx) => {
          await tx.insertNode({ id: nodeId, kind: 'province', name: 'LĐLĐ tỉnh', shortName: '', code: null, parentId: null, path: `/${nodeId}/`, createdAt: now });
          await tx.insertUnion({ id: unionId, name: 'CĐCS Cũ', createdAt: now, superiorId: nodeId });
        });
        // Report rows as 0009 wrote them (no form columns yet: 0021).
        const base = { unionId, year: 2025, kind: 'yearly', revision: 3, savedAt: now, createdAt: now, changeSeq: 1, superiorId: nodeId };
        await store.db
          .insertInto('reports')
          .values([
            reportRowBeforeForms({
              ...base,
              id: reviewed.id,
              documentJson: JSON.stringify(reviewed),
              reviewJson: JSON.stringify({ status: 'returned', comment: 'Thiếu biên bản.', decidedAt: '2025-11-02T09:00:00.000Z', revision: '3' }),
            }),
            reportRowBeforeForms({ ...base, id: draft.id, year: 2024, changeSeq: 2, documentJson: JSON.stringify(draft), reviewJson: null }),
          ] as never)
          .execute();
        expect((await store.migrate()).applied).toContain('0010_review_decisions');
        expect(await store.listReviewDecisions(reviewed.id)).toEqual([
          { status: 'returned', comment: 'Thiếu biên bản.', decidedAt: '2025-11-02T09:00:00.000Z', revision: '3', decidedBy: null, node: null },
        ]);
        expect(await store.listReviewDecisions(draft.id)).toEqual([]);
      } finally {
        await test.dispose();
      }
    });
  });
}
