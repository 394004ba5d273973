/**
 * Accounts fit for an office (issue 23), on both stores: the member's own password change, an admin's
 * reset and the forced change after it, the member's sessions and the idle limit, two-step sign-in with
 * TOTP codes computed here with `otpauth` (as any authenticator app would), recovery codes, a subtree
 * that requires two-step sign-in, and the limits on guessing.
 */
import * as OTPAuth from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction, AuditPage } from '../../../src/domain/audit';
import type { StaffMember, StaffSecondStep, StaffSession, StaffSessionInfo, TotpSetup } from '../../../src/domain/staff';
import { STAFF_IDLE_MINUTES } from '../../../src/domain/staff';
import { accountMessages } from '../../../src/app/staff/account/messages';
import { accountRefusal } from '../../../src/app/staff/account/refusals';
import { StaffApiError } from '../../../src/app/staff/api';
import { staffMessages } from '../../../src/app/staff/messages';
import { setStaffPassword } from '../../../src/server/services/staff';
import { api, describeOnEachStore, expectApiError, type StaffLogin, startTestServer, type TestServer, twoCommunes, type TwoCommunes } from '../helpers';

const MINUTE = 60_000;

describeOnEachStore(
  (kind) => `staff accounts (${kind})`,
  (kind) => {
    let server: TestServer;
    let org: TwoCommunes;
    /** The server's clock is ahead of this process's by this much (advanceClock). */
    let clockOffset = 0;

    function advance(ms: number): void {
      clockOffset += ms;
      server.advanceClock(ms);
    }

    /** The code an authenticator app shows now (by the server's clock), or `stepsFromNow` steps later. */
    function totpCode(secret: string, stepsFromNow = 0): string {
      return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: Date.now() + clockOffset + stepsFromNow * 30_000 });
    }

    async function signIn(username: string, password: string) {
      return api<StaffSession | StaffSecondStep>(server, 'POST', '/api/staff/login', null, { username, password });
    }

    async function sessionOf(username: string, password: string): Promise<{ headers: Record<string, string>; restriction: StaffSession['restriction'] }> {
      const answer = await signIn(username, password);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const session = answer.body as StaffSession;
      return { headers: { authorization: `Bearer ${session.token}` }, restriction: session.restriction };
    }

    async function auditActions(staffId: string): Promise<AuditAction[]> {
      const entries = await server.store.listAuditEntries({ underPath: '/', limit: 500 });
      return entries.filter((entry) => entry.target?.id === staffId).map((entry) => entry.action);
    }

    /** Sets up and confirms two-step sign-in for `who`: the secret and the recovery codes. */
    async function enableTotp(who: { headers: Record<string, string> }): Promise<{ secret: string; recoveryCodes: string[] }> {
      const setup = await api<TotpSetup>(server, 'POST', '/api/staff/me/totp/setup', who);
      expect(setup.status).toBe(200);
      const confirmed = await api<{ recoveryCodes: string[] }>(server, 'POST', '/api/staff/me/totp/confirm', who, { code: totpCode(setup.body.secret) });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      return { secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
    }

    beforeEach(async () => {
      clockOffset = 0;
      server = await startTestServer({ store: kind });
      org = await twoCommunes(server);
    });

    afterEach(async () => {
      await server.close();
    });

    describe('changing one’s own password', () => {
      it('refuses a wrong current password, a short, common or own-name one; a right change ends the other sessions', async () => {
        const me: StaffLogin = org.staff.reviewerA;
        const other = await sessionOf(me.username, me.password);
        const change = (body: unknown) => api(server, 'POST', '/api/staff/me/password', me, body);

        const wrongOld = expectApiError(await change({ currentPassword: 'không phải mật khẩu', newPassword: 'một mật khẩu mới đủ dài' }), 422, 'validation_failed');
        expect(wrongOld.details).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' })]);
        for (const [newPassword, code] of [
          ['ngắn quá', 'too_short'],
          ['qwertyuiop', 'common'],
          ['Password123', 'common'],
          // Test accounts are named `staff-` and six characters: long enough to be a password.
          [me.username.toUpperCase(), 'same_as_username'],
        ] as const) {
          const refused = expectApiError(await change({ currentPassword: me.password, newPassword }), 422, 'validation_failed');
          expect(refused.details, newPassword).toEqual([expect.objectContaining({ path: 'newPassword', code })]);
        }

        expect((await change({ currentPassword: me.password, newPassword: 'một mật khẩu mới đủ dài' })).status).toBe(204);
        expect((await api(server, 'GET', '/api/staff/me', me)).status).toBe(200);
        expectApiError(await api(server, 'GET', '/api/staff/me', other), 401, 'unauthorized');
        expect((await signIn(me.username, me.password)).status).toBe(401);
        expect((await signIn(me.username, 'một mật khẩu mới đủ dài')).status).toBe(200);
        expect(await auditActions(me.id)).toContain('staff.password_changed');
      });

      it('refuses a password equal to the user name, at creation and from the command line too', async () => {
        const created = await api(server, 'POST', `/api/staff/nodes/${org.communeA.id}/staff`, org.staff.adminA, { username: 'nguyen.van.an', password: 'nguyen.van.an', role: 'viewer' });
        expect((expectApiError(created, 422, 'validation_failed').details as { code: string }[])[0]?.code).toBe('same_as_username');
        const common = await api(server, 'POST', `/api/staff/nodes/${org.communeA.id}/staff`, org.staff.adminA, { username: 'nguyen.van.an', password: '1234567890', role: 'viewer' });
        expect((expectApiError(common, 422, 'validation_failed').details as { code: string }[])[0]?.code).toBe('common');
        const commandLine = { store: server.store, now: () => new Date() };
        await expect(setStaffPassword(commandLine, org.staff.viewerA.username, 'qwertyuiop')).rejects.toMatchObject({ status: 422 });
        expect(await auditActions(org.staff.viewerA.id)).not.toContain('staff.password_reset');
        await setStaffPassword(commandLine, org.staff.viewerA.username, 'mật khẩu do máy chủ đặt');
        expect(await auditActions(org.staff.viewerA.id)).toContain('staff.password_reset');
        expect((await sessionOf(org.staff.viewerA.username, 'mật khẩu do máy chủ đặt')).restriction).toBeNull();
      });
    });

    describe('an admin’s reset', () => {
      it('gives a temporary password; the member’s next session may only change it', async () => {
        const member = org.staff.reviewerA;
        const reset = await api(server, 'POST', `/api/staff/staff/${member.id}/password`, org.staff.adminA, { temporaryPassword: 'tạm thời 2026 đổi ngay' });
        expect(reset.status, JSON.stringify(reset.body)).toBe(204);
        expectApiError(await api(server, 'GET', '/api/staff/me', member), 401, 'unauthorized');

        const limited = await sessionOf(member.username, 'tạm thời 2026 đổi ngay');
        expect(limited.restriction).toBe('password_change_required');
        expectApiError(await api(server, 'GET', '/api/staff/me', limited), 403, 'password_change_required');
        expectApiError(await api(server, 'GET', `/api/staff/nodes/${org.communeA.id}`, limited), 403, 'password_change_required');
        const changed = await api(server, 'POST', '/api/staff/me/password', limited, { currentPassword: 'tạm thời 2026 đổi ngay', newPassword: 'mật khẩu riêng của tôi' });
        expect(changed.status, JSON.stringify(changed.body)).toBe(204);
        expect((await api(server, 'GET', '/api/staff/me', limited)).status).toBe(200);
        expect((await sessionOf(member.username, 'mật khẩu riêng của tôi')).restriction).toBeNull();
        expect(await auditActions(member.id)).toEqual(expect.arrayContaining(['staff.password_reset', 'staff.password_changed']));
      });

      it('is 404 out of reach, 403 for a reviewer, refused for oneself and for a weak password', async () => {
        const body = { temporaryPassword: 'tạm thời 2026 đổi ngay' };
        expectApiError(await api(server, 'POST', `/api/staff/staff/${org.staff.reviewerA.id}/password`, org.staff.adminB, body), 404, 'not_found');
        expectApiError(await api(server, 'POST', `/api/staff/staff/${org.staff.province.id}/password`, org.staff.adminA, body), 404, 'not_found');
        expectApiError(await api(server, 'POST', `/api/staff/staff/${org.staff.viewerA.id}/password`, org.staff.reviewerA, body), 403, 'forbidden');
        expectApiError(await api(server, 'POST', `/api/staff/staff/${org.staff.adminA.id}/password`, org.staff.adminA, body), 422, 'validation_failed');
        const weak = expectApiError(await api(server, 'POST', `/api/staff/staff/${org.staff.viewerA.id}/password`, org.staff.province, { temporaryPassword: 'qwertyuiop' }), 422, 'validation_failed');
        expect(weak.details).toEqual([expect.objectContaining({ path: 'temporaryPassword', code: 'common' })]);
        expect(await auditActions(org.staff.viewerA.id)).not.toContain('staff.password_reset');
      });
    });

    describe('an admin’s change of role', () => {
      const changeRole = (who: StaffLogin, id: string, body: unknown) => api<{ staff: StaffMember }>(server, 'PATCH', `/api/staff/staff/${id}`, who, body);

      it('gives a member at or below the admin’s node another role, at once for their open session, with the before and after in the log', async () => {
        const member = org.staff.viewerA;
        // A viewer may not review; after the change, the same session may (the role is read at every request).
        expectApiError(await api(server, 'POST', `/api/staff/unions/${org.unionA.id}/enrolment-codes`, member, {}), 403, 'forbidden');

        const byCommune = await changeRole(org.staff.adminA, member.id, { role: 'reviewer' });
        expect(byCommune.status, JSON.stringify(byCommune.body)).toBe(200);
        expect(byCommune.body.staff).toMatchObject({ id: member.id, username: member.username, role: 'reviewer', nodeId: org.communeA.id });
        expect((await api(server, 'POST', `/api/staff/unions/${org.unionA.id}/enrolment-codes`, member, {})).status).toBe(201);
        const listed = await api<{ staff: StaffMember[] }>(server, 'GET', `/api/staff/nodes/${org.communeA.id}/staff`, org.staff.adminA);
        expect(listed.body.staff.find((found) => found.id === member.id)?.role).toBe('reviewer');

        // The province's admin reaches below; an admin of the same node is changed like any member.
        expect((await changeRole(org.staff.province, org.staff.adminA.id, { role: 'viewer' })).body.staff.role).toBe('viewer');
        const entries = (await server.store.listAuditEntries({ underPath: '/', limit: 500 })).filter((entry) => entry.action === 'staff.role_changed');
        // Both may carry the same millisecond: compared in any order.
        expect(entries.map((entry) => [entry.target?.id, entry.before, entry.after, entry.actor.staffId, entry.nodeId])).toEqual(expect.arrayContaining([
          [org.staff.adminA.id, { username: org.staff.adminA.username, role: 'admin' }, { username: org.staff.adminA.username, role: 'viewer' }, org.staff.province.id, org.communeA.id],
          [member.id, { username: member.username, role: 'viewer' }, { username: member.username, role: 'reviewer' }, org.staff.adminA.id, org.communeA.id],
        ]));
        expect(entries).toHaveLength(2);
        // The log's readers find them under the kind's name.
        const seen = await api<AuditPage>(server, 'GET', '/api/staff/audit?action=staff.role_changed', org.staff.province);
        expect(seen.body.entries).toHaveLength(2);

        // The same role again: nothing changes, nothing is written.
        expect((await changeRole(org.staff.province, member.id, { role: 'reviewer' })).status).toBe(200);
        expect(await auditActions(member.id)).toEqual(expect.arrayContaining(['staff.role_changed']));
        expect((await auditActions(member.id)).filter((action) => action === 'staff.role_changed')).toHaveLength(1);
      });

      it('is 404 out of reach (as for no such account), 403 for a reviewer, 422 for oneself and for a role that is none', async () => {
        const body = { role: 'admin' };
        // Commune B's admin gets the answer of an account that does not exist, whether it exists or not.
        const beside = expectApiError(await changeRole(org.staff.adminB, org.staff.viewerA.id, body), 404, 'not_found');
        const nobody = expectApiError(await changeRole(org.staff.adminB, '00000000-0000-4000-8000-000000000000', body), 404, 'not_found');
        expect(beside).toEqual(nobody);
        expectApiError(await changeRole(org.staff.adminA, org.staff.province.id, body), 404, 'not_found');
        expectApiError(await changeRole(org.staff.adminA, 'not-an-id', body), 404, 'not_found');
        // Out of reach is 404 before the body is read.
        expectApiError(await changeRole(org.staff.adminB, org.staff.viewerA.id, { role: 'chief' }), 404, 'not_found');
        expectApiError(await changeRole(org.staff.reviewerA, org.staff.viewerA.id, body), 403, 'forbidden');
        const self = expectApiError(await changeRole(org.staff.adminA, org.staff.adminA.id, { role: 'viewer' }), 422, 'validation_failed');
        expect(self.details).toEqual([expect.objectContaining({ path: 'id', code: 'self' })]);
        const unknown = expectApiError(await changeRole(org.staff.adminA, org.staff.viewerA.id, { role: 'chief' }), 422, 'validation_failed');
        expect(unknown.details).toEqual([expect.objectContaining({ path: 'role' })]);
        expectApiError(await changeRole(org.staff.adminA, org.staff.viewerA.id, {}), 422, 'validation_failed');
        expectApiError(await api(server, 'PATCH', `/api/staff/staff/${org.staff.viewerA.id}`, org.staff.adminA), 415, 'unsupported_media_type');

        for (const member of [org.staff.viewerA, org.staff.adminA, org.staff.province]) expect(await auditActions(member.id)).not.toContain('staff.role_changed');
        expect((await server.store.findStaff(org.staff.viewerA.id))?.role).toBe('viewer');
        expect((await server.store.findStaff(org.staff.adminA.id))?.role).toBe('admin');
      });
    });

    describe('sessions', () => {
      it('lists the member’s own sessions and ends one of them', async () => {
        const me = org.staff.viewerA;
        const other = await sessionOf(me.username, me.password);
        const listed = await api<{ sessions: StaffSessionInfo[] }>(server, 'GET', '/api/staff/me/sessions', me);
        expect(listed.status).toBe(200);
        expect(listed.body.sessions).toHaveLength(2);
        expect(listed.body.sessions.filter((session) => session.current)).toHaveLength(1);
        expect(listed.body.sessions[0]).toMatchObject({ address: '127.0.0.1', userAgent: expect.any(String) });
        const otherId = listed.body.sessions.find((session) => !session.current)?.id;

        expectApiError(await api(server, 'DELETE', `/api/staff/me/sessions/${otherId}`, org.staff.adminA), 404, 'not_found');
        expect((await api(server, 'DELETE', `/api/staff/me/sessions/${otherId}`, me)).status).toBe(204);
        expectApiError(await api(server, 'GET', '/api/staff/me', other), 401, 'unauthorized');
        expectApiError(await api(server, 'DELETE', `/api/staff/me/sessions/${otherId}`, me), 404, 'not_found');
        expect((await api<{ sessions: StaffSessionInfo[] }>(server, 'GET', '/api/staff/me/sessions', me)).body.sessions).toHaveLength(1);
        expect(await auditActions(me.id)).toContain('staff.session_ended');
      });

      it(`ends a session idle for ${STAFF_IDLE_MINUTES} minutes; a request keeps it going`, async () => {
        const busy = org.staff.viewerA;
        const idle = org.staff.reviewerA;
        for (let i = 0; i < 3; i++) {
          advance((STAFF_IDLE_MINUTES - 10) * MINUTE);
          expect((await api(server, 'GET', '/api/staff/me', busy)).status).toBe(200);
        }
        expectApiError(await api(server, 'GET', '/api/staff/me', idle), 401, 'unauthorized');
      });
    });

    describe('two-step sign-in', () => {
      it('is set up with a code from the app, then asked at sign-in; a code is taken once', async () => {
        const me = org.staff.viewerA;
        const setup = await api<TotpSetup>(server, 'POST', '/api/staff/me/totp/setup', me);
        expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
        // Not on until confirmed.
        expect('token' in (await signIn(me.username, me.password)).body).toBe(true);
        const wrong = expectApiError(await api(server, 'POST', '/api/staff/me/totp/confirm', me, { code: '000000' === totpCode(setup.body.secret) ? '111111' : '000000' }), 422, 'validation_failed');
        expect(wrong.details).toEqual([expect.objectContaining({ path: 'code', code: 'wrong_code' })]);
        const confirmCode = totpCode(setup.body.secret);
        const confirmed = await api<{ recoveryCodes: string[] }>(server, 'POST', '/api/staff/me/totp/confirm', me, { code: confirmCode });
        expect(confirmed.body.recoveryCodes).toHaveLength(10);
        expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
        expectApiError(await api(server, 'POST', '/api/staff/me/totp/setup', me), 409, 'totp_already_enabled');

        const first = await signIn(me.username, me.password);
        const step = first.body as StaffSecondStep;
        expect(step).toMatchObject({ secondStep: 'totp', challenge: expect.any(String) });
        expect('token' in step).toBe(false);
        // The code that confirmed the setup is used up.
        expectApiError(await api(server, 'POST', '/api/staff/login/totp', null, { challenge: step.challenge, code: confirmCode }), 401, 'unauthorized');
        advance(30_000);
        const code = totpCode(setup.body.secret);
        const session = await api<StaffSession>(server, 'POST', '/api/staff/login/totp', null, { challenge: step.challenge, code });
        expect(session.status, JSON.stringify(session.body)).toBe(200);
        expect((await api(server, 'GET', '/api/staff/me', { headers: { authorization: `Bearer ${session.body.token}` } })).status).toBe(200);
        // The challenge is spent, and the code cannot sign in a second time.
        expectApiError(await api(server, 'POST', '/api/staff/login/totp', null, { challenge: step.challenge, code }), 401, 'unauthorized');
        const again = (await signIn(me.username, me.password)).body as StaffSecondStep;
        expectApiError(await api(server, 'POST', '/api/staff/login/totp', null, { challenge: again.challenge, code }), 401, 'unauthorized');
        // A code of the next step (a phone's clock a little ahead) is taken.
        expect((await api(server, 'POST', '/api/staff/login/totp', null, { challenge: again.challenge, code: totpCode(setup.body.secret, 1) })).status).toBe(200);
        // A challenge does not outlive its minutes.
        const late = (await signIn(me.username, me.password)).body as StaffSecondStep;
        advance(6 * MINUTE);
        expectApiError(await api(server, 'POST', '/api/staff/login/totp', null, { challenge: late.challenge, code: totpCode(setup.body.secret) }), 401, 'unauthorized');
        expect(await auditActions(me.id)).toEqual(expect.arrayContaining(['staff.totp_enabled', 'staff.login', 'staff.login_failed']));
      });

      it('takes each recovery code once; turning it off needs the password and a code', async () => {
        const me = org.staff.viewerA;
        const { secret, recoveryCodes } = await enableTotp(me);
        const recoveryCode = recoveryCodes[0] as string;
        const challenge = async () => ((await signIn(me.username, me.password)).body as StaffSecondStep).challenge;
        const recovered = await api<StaffSession>(server, 'POST', '/api/staff/login/totp', null, { challenge: await challenge(), recoveryCode: recoveryCode.toLowerCase() });
        expect(recovered.status, JSON.stringify(recovered.body)).toBe(200);
        expectApiError(await api(server, 'POST', '/api/staff/login/totp', null, { challenge: await challenge(), recoveryCode }), 401, 'unauthorized');
        expect((await api<{ recoveryCodesLeft: number }>(server, 'GET', '/api/staff/me/security', me)).body).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 9 });

        advance(30_000);
        const wrongPassword = expectApiError(await api(server, 'DELETE', '/api/staff/me/totp', me, { password: 'không đúng', code: totpCode(secret) }), 422, 'validation_failed');
        expect(wrongPassword.details).toEqual([expect.objectContaining({ path: 'password' })]);
        expectApiError(await api(server, 'DELETE', '/api/staff/me/totp', me, { password: me.password, code: recoveryCode }), 422, 'validation_failed');
        expect((await api(server, 'DELETE', '/api/staff/me/totp', me, { password: me.password, code: totpCode(secret) })).status).toBe(204);
        expect('token' in (await signIn(me.username, me.password)).body).toBe(true);
        expect(await auditActions(me.id)).toEqual(expect.arrayContaining(['staff.recovery_code_used', 'staff.totp_disabled']));
      });

      it('is required of a subtree by its admin: a member without it may only set it up', async () => {
        const requireIt = (who: StaffLogin, nodeId: string, requireTotp: boolean) => api(server, 'PUT', `/api/staff/nodes/${nodeId}/security`, who, { requireTotp });
        expectApiError(await requireIt(org.staff.adminB, org.communeA.id, true), 404, 'not_found');
        expectApiError(await requireIt(org.staff.reviewerA, org.communeA.id, true), 403, 'forbidden');
        const required = await requireIt(org.staff.province, org.communeA.id, true);
        expect(required.body).toEqual({ requireTotp: true, requiredAbove: false });

        const member = org.staff.reviewerA;
        expectApiError(await api(server, 'GET', '/api/staff/me', member), 403, 'totp_setup_required');
        expect((await sessionOf(member.username, member.password)).restriction).toBe('totp_setup_required');
        expect((await api(server, 'GET', '/api/staff/me', org.staff.adminB)).status).toBe(200);
        expect((await api(server, 'GET', '/api/staff/me', org.staff.province)).status).toBe(200);
        expect((await api(server, 'GET', '/api/staff/me/security', member)).body).toMatchObject({ totpEnabled: false, totpRequired: true });

        await enableTotp(member);
        expect((await api(server, 'GET', '/api/staff/me', member)).status).toBe(200);
        // The subtree's own admin is held to it as well; a node below sees the rule as its superior's.
        expectApiError(await api(server, 'GET', `/api/staff/nodes/${org.communeA.id}/security`, org.staff.adminA), 403, 'totp_setup_required');
        expect((await api(server, 'GET', `/api/staff/nodes/${org.communeA.id}/security`, org.staff.province)).body).toEqual({ requireTotp: true, requiredAbove: false });
        const below = await server.createNode({ parentId: org.communeA.id });
        expect((await api(server, 'GET', `/api/staff/nodes/${below.id}/security`, org.staff.province)).body).toEqual({ requireTotp: false, requiredAbove: true });
        expect(await requireIt(org.staff.province, org.communeA.id, false)).toMatchObject({ status: 200 });
        expect((await api(server, 'GET', '/api/staff/me', org.staff.viewerA)).status).toBe(200);
        const entries = await server.store.listAuditEntries({ underPath: '/', actions: ['staff.totp_required'], limit: 10 });
        expect(entries.map((entry) => entry.after)).toEqual([{ requireTotp: false }, { requireTotp: true }]);
      });
    });

    describe('limits on guessing', () => {
      let limited: TestServer | undefined;
      afterEach(async () => {
        await limited?.close();
      });

      it('counts wrong codes and wrong current passwords per account, as sign-in does', async () => {
        const limitedServer = await startTestServer({ store: kind, rateLimits: { accountSecrets: { limit: 2, windowMs: 10 * MINUTE } } });
        limited = limitedServer;
        const me = await limitedServer.staffSession();
        const setup = await api<TotpSetup>(limitedServer, 'POST', '/api/staff/me/totp/setup', me);
        const code = OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
        expect((await api(limitedServer, 'POST', '/api/staff/me/totp/confirm', me, { code })).status).toBe(200);

        const challenge = async () => ((await api<StaffSecondStep>(limitedServer, 'POST', '/api/staff/login', null, { username: me.username, password: me.password })).body).challenge;
        const wrongCode = code === '123456' ? '654321' : '123456';
        for (let i = 0; i < 2; i++) expectApiError(await api(limitedServer, 'POST', '/api/staff/login/totp', null, { challenge: await challenge(), code: wrongCode }), 401, 'unauthorized');
        const refused = await api(limitedServer, 'POST', '/api/staff/login/totp', null, { challenge: await challenge(), code: wrongCode });
        expectApiError(refused, 429, 'rate_limited');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        // The same account's password change meets the same limit.
        expectApiError(await api(limitedServer, 'POST', '/api/staff/me/password', me, { currentPassword: 'sai', newPassword: 'một mật khẩu mới đủ dài' }), 429, 'rate_limited');
      });

      it('counts an admin’s failed resets, role changes and sign-in rules, and failed session ends, per account, as sign-in does', async () => {
        const limitedServer = await startTestServer({ store: kind, rateLimits: { accountSecrets: { limit: 2, windowMs: 10 * MINUTE } } });
        limited = limitedServer;
        const tree = await twoCommunes(limitedServer);
        const nobody = '00000000-0000-4000-8000-000000000000';
        // Each route by its own member: the limit is the account's, whichever route failed.
        const cases: { who: StaffLogin; method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown; allowed: string }[] = [
          { who: tree.staff.adminA, method: 'POST', path: `/api/staff/staff/${tree.staff.adminB.id}/password`, body: { temporaryPassword: 'tạm thời 2026 đổi ngay' }, allowed: `/api/staff/staff/${tree.staff.viewerA.id}/password` },
          { who: tree.staff.adminB, method: 'PUT', path: `/api/staff/nodes/${tree.communeA.id}/security`, body: { requireTotp: true }, allowed: `/api/staff/nodes/${tree.communeB.id}/security` },
          { who: tree.staff.province, method: 'PATCH', path: `/api/staff/staff/${nobody}`, body: { role: 'viewer' }, allowed: `/api/staff/staff/${tree.staff.reviewerA.id}` },
          { who: tree.staff.viewerA, method: 'DELETE', path: `/api/staff/me/sessions/${nobody}`, allowed: `/api/staff/me/sessions/${nobody}` },
        ];
        for (const { who, method, path, body, allowed } of cases) {
          for (let i = 0; i < 2; i++) expectApiError(await api(limitedServer, method, path, who, body), 404, 'not_found');
          const refused = await api(limitedServer, method, allowed, who, body);
          const error = expectApiError(refused, 429, 'rate_limited');
          const wait = Number(refused.headers.get('retry-after'));
          expect(wait).toBeGreaterThan(0);
          expect(error.details).toEqual({ retryAfterSeconds: wait });
          // What the staff screen says of that answer, in Vietnamese.
          expect(accountRefusal(new StaffApiError(429, error.error, error.details, wait), accountMessages('vi'), staffMessages('vi')).text).toBe(
            `Nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} giây.`,
          );
        }
        // Nothing was changed by the refused requests.
        expect(await limitedServer.store.nodeRequiresTotp(tree.communeB.id)).toBe(false);
        expect((await limitedServer.store.findStaff(tree.staff.reviewerA.id))?.role).toBe('reviewer');
        // Another admin, not limited, is answered as before.
        const otherAdmin = await limitedServer.staffSession({ nodeId: tree.communeA.id, role: 'admin' });
        expect((await api(limitedServer, 'PATCH', `/api/staff/staff/${tree.staff.reviewerA.id}`, otherAdmin, { role: 'viewer' })).status).toBe(200);
      });
    });
  },
);
