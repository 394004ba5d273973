/**
 * Issue 23, the audit log, over HTTP on both stores: every kind of change the server already makes
 * writes one entry in its own transaction (who, from which node and address, the node and union it
 * happened under, before and after, never a password or code); a change that fails writes nothing;
 * admins read their subtree's entries and nothing above (403 for other roles, 404 for a node out of
 * reach); the filters, Vietnam's days and the paging.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditAction, AuditChoices, AuditEntry, AuditPage } from '../../../src/domain/audit';
import { DAY_MS, vietnamDate } from '../../../src/domain/calendar';
import type { OrgNode } from '../../../src/domain/organisation';
import type { NodeRound } from '../../../src/domain/round';
import type { GrassrootsUnion, IssuedEnrolmentCode, StaffMember, UnionDevice } from '../../../src/domain/staff';
import type { ServerReport } from '../../../src/domain/sync';
import { setStaffPassword } from '../../../src/server/services/staff';
import type { StoreWrites } from '../../../src/server/store/store';
import {
  api,
  describeOnEachStore,
  expectApiError,
  PAST_ROUND,
  pushStored,
  readyReport,
  startTestServer,
  twoCommunes,
  type StaffLogin,
  type TestServer,
  type TwoCommunes,
} from '../helpers';

const ROUND = PAST_ROUND;

/** Every entry of the log, newest first, as the store keeps it. */
async function wholeLog(server: TestServer): Promise<AuditEntry[]> {
  return server.store.listAuditEntries({ underPath: '/', includeUnplaced: true, limit: 10_000 });
}

describeOnEachStore(
  (kind) => `the audit log on ${kind}`,
  (kind) => {
    let server: TestServer;
    let tree: TwoCommunes;
    let province: StaffLogin;

    /** `GET /api/staff/audit` with these query parameters, as `who`. */
    const audit = (who: StaffLogin, query: Record<string, string> = {}) => api<AuditPage>(server, 'GET', `/api/staff/audit?${new URLSearchParams(query).toString()}`, who);

    /** The newest entry of `action` about `targetId` (or any), as the province's admin reads it. */
    async function newest(action: AuditAction, targetId?: string): Promise<AuditEntry> {
      const answer = await audit(province, { action, limit: '200' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const entry = answer.body.entries.find((found) => targetId === undefined || found.target?.id === targetId);
      if (!entry) throw new Error(`no ${action} entry about ${targetId ?? 'anything'}`);
      return entry;
    }

    /** Who made an entry over HTTP: the member, at their node, from the test's address. */
    const madeBy = (member: StaffLogin, nodeId: string) => ({ actor: { staffId: member.id, username: member.username, nodeId }, address: '127.0.0.1' });

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      tree = await twoCommunes(server);
      province = tree.staff.province;
    });

    afterAll(async () => {
      await server?.close();
    });

    // ---- sign-in ----

    it('records a sign-in with the member, their node and the address it came from', async () => {
      const member = await server.staffSession({ nodeId: tree.communeA.id, role: 'viewer' });
      const entry = await newest('staff.login', member.id);
      expect(entry).toMatchObject({ ...madeBy(member, tree.communeA.id), nodeId: tree.communeA.id, target: { kind: 'staff', id: member.id } });
      expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    });

    it("records a failed sign-in under the account's node, and one for a name no account has above every node", async () => {
      const wrong = await api(server, 'POST', '/api/staff/login', null, { username: tree.staff.viewerA.username.toUpperCase(), password: 'not-the-password-1' });
      expectApiError(wrong, 401, 'unauthorized');
      const known = await newest('staff.login_failed', tree.staff.viewerA.id);
      expect(known).toMatchObject({ actor: { staffId: null, username: tree.staff.viewerA.username, nodeId: null }, address: '127.0.0.1', nodeId: tree.communeA.id });
      expect(JSON.stringify(known)).not.toContain('not-the-password-1');
      // Commune A's admins see guesses at their staff's names.
      const seenByA = await audit(tree.staff.adminA, { action: 'staff.login_failed' });
      expect(seenByA.body.entries.map((entry) => entry.id)).toContain(known.id);

      expectApiError(await api(server, 'POST', '/api/staff/login', null, { username: 'khong-ai-ten-nay', password: 'whatever-password' }), 401, 'unauthorized');
      const unknown = (await audit(province, { action: 'staff.login_failed' })).body.entries.find((entry) => entry.actor.username === 'khong-ai-ten-nay');
      expect(unknown).toMatchObject({ nodeId: null, target: null, actor: { staffId: null, nodeId: null }, address: '127.0.0.1' });
      // Only the root's admins read it: not commune A's.
      expect((await audit(tree.staff.adminA, { action: 'staff.login_failed' })).body.entries.map((entry) => entry.actor.username)).not.toContain('khong-ai-ten-nay');
    });

    it('records a sign-out', async () => {
      const member = await server.staffSession({ nodeId: tree.communeB.id, role: 'reviewer' });
      expect((await api(server, 'POST', '/api/staff/logout', member)).status).toBe(204);
      expect(await newest('staff.logout', member.id)).toMatchObject({ ...madeBy(member, tree.communeB.id), nodeId: tree.communeB.id });
    });

    // ---- accounts ----

    it('records a staff account created and deleted, with its name and role and never its password', async () => {
      const created = await api<{ staff: StaffMember }>(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/staff`, tree.staff.adminA, {
        username: 'can-bo-moi',
        password: 'mat-khau-rat-bi-mat',
        role: 'reviewer',
      });
      expect(created.status).toBe(201);
      const id = created.body.staff.id;
      const createdEntry = await newest('staff.created', id);
      expect(createdEntry).toMatchObject({ ...madeBy(tree.staff.adminA, tree.communeA.id), nodeId: tree.communeA.id, before: null, after: { username: 'can-bo-moi', role: 'reviewer' } });
      expect(JSON.stringify(createdEntry)).not.toContain('mat-khau-rat-bi-mat');

      expect((await api(server, 'DELETE', `/api/staff/staff/${id}`, tree.staff.adminA)).status).toBe(204);
      expect(await newest('staff.deleted', id)).toMatchObject({ ...madeBy(tree.staff.adminA, tree.communeA.id), before: { username: 'can-bo-moi', role: 'reviewer' }, after: null });
    });

    it("records the command line's password reset as the console's, from no address", async () => {
      // A member of its own: a reset ends the member's sessions.
      const member = await server.staffSession({ nodeId: tree.communeA.id, role: 'viewer' });
      await setStaffPassword({ store: server.store, now: () => new Date() }, member.username, 'mat-khau-moi-cua-console');
      const entry = await newest('staff.password_reset', member.id);
      expect(entry).toMatchObject({ actor: { staffId: null, username: 'admin', nodeId: null }, address: null, nodeId: tree.communeA.id });
      expect(JSON.stringify(entry)).not.toContain('mat-khau-moi-cua-console');
    });

    // ---- the tree ----

    it("records the root made by the command line as the console's", async () => {
      expect(await newest('node.created', server.root.id)).toMatchObject({
        actor: { staffId: null, username: 'admin', nodeId: null },
        address: null,
        nodeId: server.root.id,
        after: { kind: 'province', name: server.root.name },
      });
    });

    it('records a node created, changed, moved and deleted', async () => {
      const created = await api<{ node: OrgNode }>(server, 'POST', '/api/staff/nodes', province, { parentId: tree.communeA.id, kind: 'upper_other', name: 'Công đoàn khối cơ quan' });
      expect(created.status).toBe(201);
      const id = created.body.node.id;
      expect(await newest('node.created', id)).toMatchObject({
        ...madeBy(province, server.root.id),
        nodeId: id,
        after: { kind: 'upper_other', name: 'Công đoàn khối cơ quan', code: null, parent: tree.communeA.name },
      });

      expect((await api(server, 'PATCH', `/api/staff/nodes/${id}`, province, { name: 'Công đoàn khối doanh nghiệp', code: 'KDN' })).status).toBe(200);
      expect(await newest('node.updated', id)).toMatchObject({
        before: { name: 'Công đoàn khối cơ quan', code: null },
        after: { name: 'Công đoàn khối doanh nghiệp', code: 'KDN' },
      });

      expect((await api(server, 'PATCH', `/api/staff/nodes/${id}`, province, { parentId: tree.communeB.id })).status).toBe(200);
      const moved = await newest('node.moved', id);
      expect(moved).toMatchObject({ before: { parentId: tree.communeA.id, parent: tree.communeA.name }, after: { parentId: tree.communeB.id, parent: tree.communeB.name } });
      // Read where the node stands now: commune B's admins, not commune A's.
      expect((await audit(tree.staff.adminB, { action: 'node.moved' })).body.entries.map((entry) => entry.id)).toContain(moved.id);
      expect((await audit(tree.staff.adminA, { action: 'node.moved' })).body.entries.map((entry) => entry.id)).not.toContain(moved.id);

      expect((await api(server, 'DELETE', `/api/staff/nodes/${id}`, province)).status).toBe(204);
      expect(await newest('node.deleted', id)).toMatchObject({ nodeId: tree.communeB.id, before: { name: 'Công đoàn khối doanh nghiệp', code: 'KDN' }, after: null });
    });

    it('records a union created, changed and moved, under its superior and naming the union', async () => {
      const created = await api<{ union: GrassrootsUnion }>(server, 'POST', '/api/staff/unions', tree.staff.adminA, { name: 'CĐCS Hợp tác xã Tân Phú', employer: 'HTX Tân Phú' });
      expect(created.status).toBe(201);
      const id = created.body.union.id;
      expect(await newest('union.created', id)).toMatchObject({
        ...madeBy(tree.staff.adminA, tree.communeA.id),
        nodeId: tree.communeA.id,
        unionId: id,
        after: { name: 'CĐCS Hợp tác xã Tân Phú', employer: 'HTX Tân Phú', superior: tree.communeA.name },
      });

      expect((await api(server, 'PATCH', `/api/staff/unions/${id}`, tree.staff.adminA, { name: 'CĐCS HTX Tân Phú', employer: 'HTX Tân Phú' })).status).toBe(200);
      const updated = await newest('union.updated', id);
      // Only what changed: the employer was sent unchanged.
      expect(updated.before).toEqual({ name: 'CĐCS Hợp tác xã Tân Phú' });
      expect(updated.after).toEqual({ name: 'CĐCS HTX Tân Phú' });

      const today = vietnamDate(new Date());
      expect((await api(server, 'POST', `/api/staff/unions/${id}/move`, province, { parentId: tree.communeB.id, effectiveDate: today })).status).toBe(200);
      expect(await newest('union.moved', id)).toMatchObject({
        nodeId: tree.communeB.id,
        unionId: id,
        before: { superiorId: tree.communeA.id, superior: tree.communeA.name },
        after: { superiorId: tree.communeB.id, superior: tree.communeB.name, effectiveDate: today },
      });
    });

    // ---- phones ----

    it('records an enrolment code issued and withdrawn without the code, and a device revoked', async () => {
      const issued = await api<IssuedEnrolmentCode>(server, 'POST', `/api/staff/unions/${tree.unionA.id}/enrolment-codes`, tree.staff.reviewerA, { maxUses: 3 });
      expect(issued.status).toBe(201);
      const entry = await newest('enrolment_code.issued', issued.body.id);
      expect(entry).toMatchObject({ ...madeBy(tree.staff.reviewerA, tree.communeA.id), nodeId: tree.communeA.id, unionId: tree.unionA.id, after: { maxUses: 3, expiresAt: issued.body.expiresAt } });
      const code = issued.body.code.replace(/[^A-Za-z0-9]/g, '');
      expect(JSON.stringify(entry).replace(/[^A-Za-z0-9]/g, '')).not.toContain(code);

      expect((await api(server, 'POST', `/api/staff/enrolment-codes/${issued.body.id}/withdraw`, tree.staff.reviewerA)).status).toBe(200);
      const withdrawn = await newest('enrolment_code.withdrawn', issued.body.id);
      expect(withdrawn).toMatchObject({ unionId: tree.unionA.id, before: { usesLeft: 3 }, after: { withdrawnAt: expect.any(String) } });
      // Withdrawing again changes nothing and records nothing.
      await api(server, 'POST', `/api/staff/enrolment-codes/${issued.body.id}/withdraw`, tree.staff.reviewerA);
      expect((await audit(province, { action: 'enrolment_code.withdrawn' })).body.entries.filter((found) => found.target?.id === issued.body.id)).toHaveLength(1);

      const device = await server.enrolDevice({ unionId: tree.unionA.id, deviceName: 'Điện thoại chị Lan' });
      expect((await api<{ device: UnionDevice }>(server, 'POST', `/api/staff/devices/${device.deviceId}/revoke`, tree.staff.reviewerA)).status).toBe(200);
      expect(await newest('device.revoked', device.deviceId)).toMatchObject({
        ...madeBy(tree.staff.reviewerA, tree.communeA.id),
        unionId: tree.unionA.id,
        before: { name: 'Điện thoại chị Lan', revokedAt: null },
        after: { name: 'Điện thoại chị Lan', revokedAt: expect.any(String) },
      });
    });

    // ---- rounds ----

    it('records a round opened, its deadline changed, closed, reopened, reopened for one CĐCS and that withdrawn', async () => {
      const opened = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, tree.staff.reviewerA, ROUND);
      expect(opened.status).toBe(201);
      const id = opened.body.round.id;
      const named = { title: ROUND.title, period: ROUND.period };
      expect(await newest('round.opened', id)).toMatchObject({
        ...madeBy(tree.staff.reviewerA, tree.communeA.id),
        nodeId: tree.communeA.id,
        target: { kind: 'round', id },
        after: { ...named, plan: ROUND.plan, activities: ROUND.activities, deadline: ROUND.deadline },
      });

      expect((await api(server, 'POST', `/api/staff/rounds/${id}/deadline`, tree.staff.reviewerA, { deadline: '2025-12-20', allowPastDeadline: true })).status).toBe(200);
      expect(await newest('round.changed', id)).toMatchObject({ before: { ...named, deadline: '2025-12-10' }, after: { ...named, deadline: '2025-12-20' } });

      expect((await api(server, 'POST', `/api/staff/rounds/${id}/close`, tree.staff.reviewerA)).status).toBe(200);
      const closed = await newest('round.closed', id);
      expect(closed).toMatchObject({ before: { closedAt: null }, after: { closedAt: expect.any(String) } });

      expect((await api(server, 'POST', `/api/staff/rounds/${id}/open`, tree.staff.reviewerA)).status).toBe(200);
      expect(await newest('round.reopened', id)).toMatchObject({ unionId: null, before: { closedAt: closed.after?.closedAt }, after: { closedAt: null } });

      await api(server, 'POST', `/api/staff/rounds/${id}/close`, tree.staff.reviewerA);
      expect((await api(server, 'POST', `/api/staff/rounds/${id}/reopenings`, province, { unionId: tree.unionA.id, deadline: '2026-01-15' })).status).toBe(200);
      const forUnion = (await audit(province, { action: 'round.reopened', union: tree.unionA.id })).body.entries[0];
      expect(forUnion).toMatchObject({ ...madeBy(province, server.root.id), nodeId: tree.communeA.id, unionId: tree.unionA.id, target: { id }, after: { deadline: '2026-01-15' } });

      expect((await api(server, 'DELETE', `/api/staff/rounds/${id}/reopenings/${tree.unionA.id}`, province)).status).toBe(200);
      expect(await newest('round.reopening_withdrawn', id)).toMatchObject({ unionId: tree.unionA.id, before: { deadline: '2026-01-15' } });
    });

    // ---- review ----

    it('records a report returned, accepted and its acceptance withdrawn, with the comments and never the figures', async () => {
      const device = await server.enrolDevice({ unionId: tree.unionB.id });
      const document = readyReport({ period: { year: 2024, kind: 'yearly' } });
      const revision = await pushStored(server, device, document);
      const reviewer = await server.staffSession({ nodeId: tree.communeB.id, role: 'reviewer' });
      const review = (body: unknown) => api<{ report: ServerReport }>(server, 'POST', `/api/staff/reports/${document.id}/review`, reviewer, body);

      expect((await review({ status: 'returned', comment: 'Bổ sung biên bản hội nghị.', revision })).status).toBe(200);
      const returned = await newest('review.returned', document.id);
      expect(returned).toMatchObject({
        ...madeBy(reviewer, tree.communeB.id),
        nodeId: tree.communeB.id,
        unionId: tree.unionB.id,
        target: { kind: 'report', id: document.id },
        before: { status: null, revision },
        after: { status: 'returned', comment: 'Bổ sung biên bản hội nghị.', revision, period: { year: 2024, kind: 'yearly' } },
      });
      expect(JSON.stringify(returned)).not.toContain('membership');

      expect((await review({ status: 'accepted', comment: 'Đạt.', revision })).status).toBe(200);
      expect(await newest('review.accepted', document.id)).toMatchObject({ before: { status: 'returned' }, after: { status: 'accepted', comment: 'Đạt.' } });

      const withdrawn = await api(server, 'POST', `/api/staff/reports/${document.id}/withdraw-acceptance`, reviewer, { reason: 'Chấp nhận nhầm.' });
      expect(withdrawn.status).toBe(200);
      expect(await newest('review.withdrawn', document.id)).toMatchObject({ before: { status: 'accepted' }, after: { status: 'withdrawn', comment: 'Chấp nhận nhầm.' } });
    });

    // ---- a change that fails ----

    it('writes nothing for a change that fails: a taken name, a refused review, a round out of reach, a code taken', async () => {
      const before = await wholeLog(server);
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/staff`, tree.staff.adminA, { username: tree.staff.viewerA.username, password: 'mot-mat-khau-dai', role: 'viewer' }), 409, 'taken');
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeB.id}/rounds`, tree.staff.adminA, ROUND), 404, 'not_found');
      expectApiError(await api(server, 'POST', '/api/staff/unions', tree.staff.viewerA, { name: 'CĐCS không được lập' }), 403, 'forbidden');
      await api(server, 'PATCH', `/api/staff/unions/${tree.unionA.id}`, province, { code: 'TRUNG-MA' });
      const withCode = await wholeLog(server);
      expectApiError(await api(server, 'PATCH', `/api/staff/unions/${tree.unionB.id}`, province, { code: 'TRUNG-MA' }), 409, 'taken');
      const device = await server.enrolDevice({ unionId: tree.unionA.id });
      const document = readyReport({ period: { year: 2023, kind: 'yearly' } });
      const revision = await pushStored(server, device, document);
      const afterPush = await wholeLog(server);
      expectApiError(await api(server, 'POST', `/api/staff/reports/${document.id}/review`, tree.staff.reviewerA, { status: 'returned', comment: '', revision }), 422, 'validation_failed');
      expectApiError(await api(server, 'POST', `/api/staff/reports/${document.id}/review`, tree.staff.reviewerA, { status: 'accepted', revision: '999' }), 412, 'stale_revision');
      expectApiError(await api(server, 'POST', `/api/staff/reports/${document.id}/withdraw-acceptance`, tree.staff.reviewerA, { reason: 'Chưa chấp nhận mà.' }), 409, 'report_not_accepted');
      expect(withCode.length - before.length).toBe(1);
      expect((await wholeLog(server)).map((entry) => entry.id)).toEqual(afterPush.map((entry) => entry.id));
      // The code issued and the enrolment between the two: one entry (the code), the enrolment is no staff change.
      expect(afterPush.length - withCode.length).toBe(1);
    });

    it('keeps neither the change nor its entry when the write fails after the entry was inserted', async () => {
      // The store fails its write right after a successful audit insert (a disk full, a lost connection):
      // the change and its entry were both written in the transaction, and both must roll back.
      const store = server.store;
      const member = await server.staffSession({ nodeId: tree.communeA.id, role: 'viewer' });
      const unionName = (await store.findUnion(tree.unionA.id))?.name;
      const logBefore = await wholeLog(server);
      const realWrite = store.write.bind(store);
      let failures = 0;
      store.write = <T>(work: (tx: StoreWrites) => Promise<T>) =>
        realWrite((tx) =>
          work(
            new Proxy(tx, {
              get(target, name, receiver) {
                if (name === 'insertAuditEntry')
                  return async (entry: Parameters<StoreWrites['insertAuditEntry']>[0]) => {
                    await target.insertAuditEntry(entry);
                    failures++;
                    throw new Error('the disk is full');
                  };
                const value: unknown = Reflect.get(target, name, receiver);
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
              },
            }),
          ),
        );
      try {
        expectApiError(await api(server, 'PATCH', `/api/staff/staff/${member.id}`, tree.staff.adminA, { role: 'admin' }), 500, 'internal');
        expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/staff`, tree.staff.adminA, { username: 'khong-duoc-tao', password: 'mot-mat-khau-dai', role: 'viewer' }), 500, 'internal');
        expectApiError(await api(server, 'PATCH', `/api/staff/unions/${tree.unionA.id}`, tree.staff.adminA, { name: 'CĐCS không được đổi tên' }), 500, 'internal');
        expectApiError(await api(server, 'PUT', `/api/staff/nodes/${tree.communeA.id}/security`, tree.staff.adminA, { requireTotp: true }), 500, 'internal');
        expect(failures).toBe(4);

        expect((await store.findStaff(member.id))?.role).toBe('viewer');
        expect(await store.findStaffByUsername('khong-duoc-tao')).toBeUndefined();
        expect((await store.findUnion(tree.unionA.id))?.name).toBe(unionName);
        expect(await store.nodeRequiresTotp(tree.communeA.id)).toBe(false);
        expect((await wholeLog(server)).map((entry) => entry.id)).toEqual(logBefore.map((entry) => entry.id));
      } finally {
        store.write = realWrite;
      }
    });

    // ---- reading ----

    it('is for admins only, of their own subtree: 403 for a reviewer, 404 for a node above or beside', async () => {
      expectApiError(await audit(tree.staff.reviewerA), 403, 'forbidden');
      expectApiError(await audit(tree.staff.viewerA), 403, 'forbidden');
      expectApiError(await api(server, 'GET', '/api/staff/audit', null), 401, 'unauthorized');
      expectApiError(await audit(tree.staff.adminA, { node: server.root.id }), 404, 'not_found');
      expectApiError(await audit(tree.staff.adminA, { node: tree.communeB.id }), 404, 'not_found');
      expectApiError(await api(server, 'GET', `/api/staff/audit/choices?node=${tree.communeB.id}`, tree.staff.adminA), 404, 'not_found');

      const seen = await audit(tree.staff.adminA, { limit: '200' });
      expect(seen.status).toBe(200);
      // Everything that happened at commune A, and nothing of the province's own node, of commune B, or above every node.
      const atA = (await wholeLog(server)).filter((entry) => entry.nodeId === tree.communeA.id).map((entry) => entry.id);
      expect(atA.length).toBeGreaterThan(0);
      expect(seen.body.entries.map((entry) => entry.id)).toEqual(expect.arrayContaining(atA));
      const nodesSeen = new Set(seen.body.entries.map((entry) => entry.nodeId));
      expect(nodesSeen.has(server.root.id)).toBe(false);
      expect(nodesSeen.has(tree.communeB.id)).toBe(false);
      expect(nodesSeen.has(null)).toBe(false);
      // The names the screen shows: the actors' nodes (the province's too) and the unions.
      expect(seen.body.names.nodes[tree.communeA.id]).toBe(tree.communeA.name);
      expect(seen.body.names.unions[tree.unionA.id]).toBe(tree.unionA.name);

      const choices = await api<AuditChoices>(server, 'GET', '/api/staff/audit/choices', tree.staff.adminA);
      expect(choices.status).toBe(200);
      expect(choices.body.people.map((person) => person.staffId)).toContain(tree.staff.reviewerA.id);
      expect(choices.body.people.map((person) => person.staffId)).not.toContain(tree.staff.adminB.id);
      expect(choices.body.unions).toContainEqual({ id: tree.unionA.id, name: tree.unionA.name });
      expect(choices.body.unions.map((union) => union.id)).not.toContain(tree.unionB.id);
    });

    it('answers a query it cannot read with a 422 naming the parameter, never a 500', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ action: 'staff.login,no.such' }, 'action'],
        [{ from: '2026-13-01' }, 'from'],
        [{ to: '7/12/2026' }, 'to'],
        [{ from: '2026-12-07', to: '2026-12-01' }, 'to'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '500' }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ before: 'not-a-cursor' }, 'before'],
        [{ actor: 'someone' }, 'actor'],
        [{ union: "1' or '1'='1" }, 'union'],
      ];
      for (const [query, path] of cases) {
        const error = expectApiError(await audit(province, query), 422, 'validation_failed');
        expect(error.details, JSON.stringify(query)).toEqual([expect.objectContaining({ path })]);
      }
      expectApiError(await audit(province, { node: 'not-an-id' }), 404, 'not_found');
    });

    it('filters by person, union, kinds and Vietnam days, and pages newest first without gaps or repeats', async () => {
      const byReviewer = await audit(province, { actor: tree.staff.reviewerA.id, limit: '200' });
      expect(byReviewer.body.entries.length).toBeGreaterThan(0);
      expect(byReviewer.body.entries.every((entry) => entry.actor.staffId === tree.staff.reviewerA.id)).toBe(true);

      const ofUnion = await audit(province, { union: tree.unionA.id, limit: '200' });
      expect(ofUnion.body.entries.length).toBeGreaterThan(0);
      expect(ofUnion.body.entries.every((entry) => entry.unionId === tree.unionA.id)).toBe(true);

      const kinds = await audit(province, { action: 'staff.login,staff.logout', limit: '200' });
      expect(new Set(kinds.body.entries.map((entry) => entry.action))).toEqual(new Set(['staff.login', 'staff.logout']));

      // Two days on, in Vietnam: an entry of that day, and the days before it left out.
      const today = vietnamDate(new Date());
      server.advanceClock(2 * DAY_MS);
      // The sessions of two days ago have expired: sign in again (an entry of the later day).
      province = await server.staffSession();
      const laterDay = vietnamDate(new Date(Date.now() + 2 * DAY_MS));
      const onLaterDay = await audit(province, { from: laterDay, to: laterDay, limit: '200' });
      expect(onLaterDay.body.entries.map((entry) => entry.target?.id)).toContain(province.id);
      expect(onLaterDay.body.entries.every((entry) => vietnamDate(entry.at) === laterDay)).toBe(true);
      const untilToday = await audit(province, { to: today, limit: '200' });
      expect(untilToday.body.entries.length).toBeGreaterThan(0);
      expect(untilToday.body.entries.every((entry) => vietnamDate(entry.at) <= today)).toBe(true);

      const whole = (await wholeLog(server)).filter((entry) => entry.nodeId !== null);
      const paged: AuditEntry[] = [];
      let before: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof audit>> = await audit(province, { limit: '7', ...(before ? { before } : {}) });
        expect(page.status).toBe(200);
        expect(page.body.entries.length).toBeLessThanOrEqual(7);
        paged.push(...page.body.entries);
        before = page.body.next;
      } while (before);
      // The province's admins also read the entries above every node (failed sign-ins with unknown names).
      expect(paged.filter((entry) => entry.nodeId !== null).map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
      expect(new Set(paged.map((entry) => entry.id)).size).toBe(paged.length);
      expect(paged.map((entry) => entry.at)).toEqual([...paged.map((entry) => entry.at)].sort().reverse());
    });

  },
);
