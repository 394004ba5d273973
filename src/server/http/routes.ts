/** Routes only translate HTTP to service calls and back; the rules live in ../services. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditChoices, listAudit } from '../services/audit';
import type { ServiceContext } from '../services/context';
import { enrol, issueEnrolmentCode, listDevices, listEnrolmentCodes, previewEnrolment, revokeDevice, withdrawEnrolmentCode } from '../services/devices';
import { toLastBackup } from '../services/backups';
import { ApiFailure } from '../services/errors';
import { createNode, createUnion, deleteNode, moveUnion, nodeDetail, staffMe, unionHistory, updateNode, updateUnion } from '../services/organisation';
import { nodeOverview } from '../services/overview';
import { periodTablePage } from '../services/periodTable';
import { AttemptLimiter, type AttemptRule, type AttemptStore, type PushRule } from '../services/rateLimits';
import { getReport, listChanges, putReport } from '../services/reports';
import { reviewReport, staffReport, staffRevision, withdrawAcceptance } from '../services/review';
import { changeRoundDeadline, closeRound, listNodeRounds, openClosedRound, openRound, reopenRoundForUnion, withdrawReopening } from '../services/rounds';
import { changeStaffRole, createStaff, deleteStaff, listStaff, login, logout } from '../services/staff';
import {
  challengeOwner,
  changeOwnPassword,
  confirmTotp,
  disableTotp,
  endOwnSession,
  listOwnSessions,
  loginWithTotp,
  nodeSecurity,
  ownSecurity,
  resetStaffPassword,
  setNodeSecurity,
  setUpTotp,
} from '../services/staffSecurity';
import { deviceAuth, requireDevice, requireStaff, staffAuth } from './auth';
import { registerFormRoutes } from './forms';
import { registerFormRollupRoutes } from './formRollupRoutes';
import { limitAttempts } from './attemptLimits';
import { pushRateLimit } from './pushLimits';

export interface RateLimits {
  /** Wrong enrolment codes per address. */
  enrol: AttemptRule;
  /** Wrong passwords per address. */
  login: AttemptRule;
  /** Wrong passwords per account name, from any address: a guesser with many addresses still meets it. */
  loginAccount: AttemptRule;
  /** Wrong current passwords and wrong TOTP or recovery codes per account (change, two-step sign-in, turning it off). */
  accountSecrets: AttemptRule;
  /** Report pushes per device. */
  push: PushRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrol: { limit: 10, windowMs: 60_000 },
  login: { limit: 10, windowMs: 60_000 },
  loginAccount: { limit: 20, windowMs: 15 * 60_000 },
  accountSecrets: { limit: 10, windowMs: 15 * 60_000 },
  // The app pushes a report 3 s after the last edit: at most ~20 a minute for one report being typed.
  push: { limit: 60, windowMs: 60_000 },
};

type IdParams = { Params: { id: string } };

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A body route refuses a request that carries no JSON at all (Fastify only checks bodies that are there). */
async function requireJsonBody(request: FastifyRequest): Promise<void> {
  if (request.body === undefined && !/^application\/json\b/i.test(header(request, 'content-type') ?? ''))
    throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json.');
}

/** The account a sign-in names, as the service compares it (trimmed, lower case); null when there is none. */
function accountOf(request: FastifyRequest): string | null {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? `login-account:${username.trim().toLowerCase()}` : null;
}

export function registerRoutes(
  app: FastifyInstance,
  context: ServiceContext,
  rateLimits: RateLimits,
  attempts: AttemptStore,
): void {
  const device = deviceAuth(context);
  const staff = staffAuth(context);
  const now = () => context.now().getTime();
  const enrolLimiter = new AttemptLimiter(rateLimits.enrol, attempts, now);
  const loginLimiter = new AttemptLimiter(rateLimits.login, attempts, now);
  const accountLimiter = new AttemptLimiter(rateLimits.loginAccount, attempts, now);
  const secretsLimiter = new AttemptLimiter(rateLimits.accountSecrets, attempts, now);
  // The member's own account: reached also by a session that must first change its password or set up two-step sign-in.
  const ownAccount = staffAuth(context, { allowRestricted: true });

  // Asks the database too, so that a monitor sees a server whose store is gone, and when the last good backup was.
  app.get('/api/health', async () => {
    const last = await context.store.lastGoodBackup().catch(() => {
      throw new ApiFailure(503, 'internal', 'The database does not answer.');
    });
    return { status: 'ok', store: context.store.kind, lastBackup: toLastBackup(last) };
  });

  // ---- devices ----

  app.post('/api/enrol', { onRequest: limitAttempts(enrolLimiter, (request) => `enrol:${request.ip}`), preValidation: requireJsonBody }, async (request, reply) => {
    reply.code(201);
    return enrol(context, request.body);
  });

  // Shares enrol's limiter and bucket: a preview is as good as an enrolment for guessing codes.
  app.post('/api/enrol/preview', { onRequest: limitAttempts(enrolLimiter, (request) => `enrol:${request.ip}`), preValidation: requireJsonBody }, async (request) =>
    previewEnrolment(context, request.body),
  );

  app.put<IdParams>('/api/reports/:id', { onRequest: device, config: pushRateLimit(rateLimits.push), preValidation: requireJsonBody }, async (request, reply) => {
    const result = await putReport(context, requireDevice(request), {
      pathId: request.params.id,
      body: request.body,
      ifMatch: header(request, 'if-match'),
      ifNoneMatch: header(request, 'if-none-match'),
      idempotencyKey: header(request, 'idempotency-key'),
    });
    reply.code(result.status).header('ETag', `"${result.revision}"`).type('application/json; charset=utf-8');
    if (result.replayed) reply.header('Idempotency-Replayed', 'true');
    return reply.send(result.responseJson);
  });

  app.get<IdParams>('/api/reports/:id', { onRequest: device }, async (request, reply) => {
    const report = await getReport(context, requireDevice(request), request.params.id);
    reply.header('ETag', `"${report.revision}"`);
    return { report };
  });

  app.get<{ Querystring: { since?: string; limit?: string } }>('/api/reports', { onRequest: device }, async (request) =>
    listChanges(context, requireDevice(request), request.query),
  );

  // ---- staff ----
  // Every service below looks each id up in the caller's subtree first (404 outside it), then checks the role (403).

  const loginLimits = {
    onRequest: limitAttempts(loginLimiter, (request) => `login:${request.ip}`),
    preHandler: limitAttempts(accountLimiter, accountOf),
  };
  const client = (request: FastifyRequest) => ({ address: request.ip, userAgent: header(request, 'user-agent') ?? null });
  app.post('/api/staff/login', { ...loginLimits, preValidation: requireJsonBody }, async (request) => login(context, request.body, client(request)));

  // ---- the member's own account (services/staffSecurity.ts) ----
  // Guesses at a password or code count per address (as sign-in) and per account, from any address.

  const secretLimits = {
    onRequest: [ownAccount, limitAttempts(loginLimiter, (request) => `login:${request.ip}`)],
    preHandler: limitAttempts(secretsLimiter, (request) => `account-secrets:${requireStaff(request).staffId}`),
    preValidation: requireJsonBody,
  };
  // An admin's actions on accounts and sign-in rules, and ending a session, count failures as sign-in
  // does (per address and per account): a stolen session must not probe ids (every wrong one is a 404)
  // or try temporary passwords against the rules without end.
  const accountLimits = (auth: typeof staff) => ({
    onRequest: [auth, limitAttempts(loginLimiter, (request) => `login:${request.ip}`)],
    preHandler: limitAttempts(secretsLimiter, (request) => `account-secrets:${requireStaff(request).staffId}`),
  });

  app.post('/api/staff/login/totp', {
    onRequest: limitAttempts(loginLimiter, (request) => `login:${request.ip}`),
    preValidation: requireJsonBody,
    preHandler: limitAttempts(secretsLimiter, async (request) => {
      const staffId = await challengeOwner(context, (request.body as { challenge?: unknown } | undefined)?.challenge);
      return staffId && `account-secrets:${staffId}`;
    }),
  }, async (request) => loginWithTotp(context, request.body, client(request)));

  app.post('/api/staff/me/password', secretLimits, async (request, reply) => {
    await changeOwnPassword(context, requireStaff(request), request.body);
    return reply.code(204).send();
  });

  app.get('/api/staff/me/sessions', { onRequest: ownAccount }, async (request) => ({ sessions: await listOwnSessions(context, requireStaff(request)) }));

  app.delete<IdParams>('/api/staff/me/sessions/:id', accountLimits(ownAccount), async (request, reply) => {
    await endOwnSession(context, requireStaff(request), request.params.id);
    return reply.code(204).send();
  });

  app.get('/api/staff/me/security', { onRequest: ownAccount }, async (request) => ownSecurity(context, requireStaff(request)));

  app.post('/api/staff/me/totp/setup', { onRequest: ownAccount }, async (request) => setUpTotp(context, requireStaff(request)));

  app.post('/api/staff/me/totp/confirm', secretLimits, async (request) => confirmTotp(context, requireStaff(request), request.body));

  app.delete('/api/staff/me/totp', secretLimits, async (request, reply) => {
    await disableTotp(context, requireStaff(request), request.body);
    return reply.code(204).send();
  });

  app.post<IdParams>('/api/staff/staff/:id/password', { ...accountLimits(staff), preValidation: requireJsonBody }, async (request, reply) => {
    await resetStaffPassword(context, requireStaff(request), request.params.id, request.body);
    return reply.code(204).send();
  });

  app.get<IdParams>('/api/staff/nodes/:id/security', { onRequest: staff }, async (request) => nodeSecurity(context, requireStaff(request), request.params.id));

  app.put<IdParams>('/api/staff/nodes/:id/security', { ...accountLimits(staff), preValidation: requireJsonBody }, async (request) =>
    setNodeSecurity(context, requireStaff(request), request.params.id, request.body),
  );

  app.post('/api/staff/logout', { onRequest: ownAccount }, async (request, reply) => {
    await logout(context, requireStaff(request));
    return reply.code(204).send();
  });

  app.get('/api/staff/me', { onRequest: staff }, async (request) => staffMe(context, requireStaff(request)));

  app.get<IdParams>('/api/staff/nodes/:id', { onRequest: staff }, async (request) =>
    nodeDetail(context, requireStaff(request), request.params.id),
  );

  app.get<IdParams & { Querystring: { year?: string; kind?: string; scope?: string; form?: string } }>(
    '/api/staff/nodes/:id/overview',
    { onRequest: staff },
    async (request) => nodeOverview(context, requireStaff(request), request.params.id, request.query),
  );

  // One page of the period table (domain/periodTable.ts): filters, sort and totals in SQL.
  app.get<IdParams & { Querystring: Record<string, string | undefined> }>('/api/staff/nodes/:id/period-table', { onRequest: staff }, async (request) =>
    periodTablePage(context, requireStaff(request), request.params.id, request.query),
  );

  app.post('/api/staff/nodes', { onRequest: staff, preValidation: requireJsonBody }, async (request, reply) => {
    reply.code(201);
    return { node: await createNode(context, requireStaff(request), request.body) };
  });

  app.patch<IdParams>('/api/staff/nodes/:id', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    node: await updateNode(context, requireStaff(request), request.params.id, request.body),
  }));

  app.delete<IdParams>('/api/staff/nodes/:id', { onRequest: staff }, async (request, reply) => {
    await deleteNode(context, requireStaff(request), request.params.id);
    return reply.code(204).send();
  });

  app.get<IdParams>('/api/staff/nodes/:id/staff', { onRequest: staff }, async (request) => ({
    staff: await listStaff(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/nodes/:id/staff', { onRequest: staff, preValidation: requireJsonBody }, async (request, reply) => {
    reply.code(201);
    return { staff: await createStaff(context, requireStaff(request), request.params.id, request.body) };
  });

  app.patch<IdParams>('/api/staff/staff/:id', { ...accountLimits(staff), preValidation: requireJsonBody }, async (request) => ({
    staff: await changeStaffRole(context, requireStaff(request), request.params.id, request.body),
  }));

  app.delete<IdParams>('/api/staff/staff/:id', { onRequest: staff }, async (request, reply) => {
    await deleteStaff(context, requireStaff(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/api/staff/unions', { onRequest: staff, preValidation: requireJsonBody }, async (request, reply) => {
    reply.code(201);
    return { union: await createUnion(context, requireStaff(request), request.body) };
  });

  app.patch<IdParams>('/api/staff/unions/:id', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    union: await updateUnion(context, requireStaff(request), request.params.id, request.body),
  }));

  app.post<IdParams>('/api/staff/unions/:id/move', { onRequest: staff, preValidation: requireJsonBody }, async (request) =>
    moveUnion(context, requireStaff(request), request.params.id, request.body),
  );

  app.get<IdParams>('/api/staff/unions/:id/history', { onRequest: staff }, async (request) => ({
    moves: await unionHistory(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/unions/:id/enrolment-codes', { onRequest: staff }, async (request, reply) => {
    const code = await issueEnrolmentCode(context, requireStaff(request), request.params.id, request.body ?? {});
    return reply.code(201).send(code);
  });

  app.get<IdParams>('/api/staff/unions/:id/enrolment-codes', { onRequest: staff }, async (request) => ({
    codes: await listEnrolmentCodes(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/enrolment-codes/:id/withdraw', { onRequest: staff }, async (request) => ({
    code: await withdrawEnrolmentCode(context, requireStaff(request), request.params.id),
  }));

  app.get<IdParams>('/api/staff/unions/:id/devices', { onRequest: staff }, async (request) => ({
    devices: await listDevices(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/devices/:id/revoke', { onRequest: staff }, async (request) => ({
    device: await revokeDevice(context, requireStaff(request), request.params.id),
  }));

  app.get<IdParams>('/api/staff/reports/:id', { onRequest: staff }, async (request) =>
    staffReport(context, requireStaff(request), request.params.id),
  );

  app.get<{ Params: { id: string; revision: string } }>('/api/staff/reports/:id/revisions/:revision', { onRequest: staff }, async (request) => ({
    revision: await staffRevision(context, requireStaff(request), request.params.id, request.params.revision),
  }));

  // ---- reporting rounds ----

  app.get<IdParams>('/api/staff/nodes/:id/rounds', { onRequest: staff }, async (request) => ({
    rounds: await listNodeRounds(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/nodes/:id/rounds', { onRequest: staff, preValidation: requireJsonBody }, async (request, reply) => {
    reply.code(201);
    return { round: await openRound(context, requireStaff(request), request.params.id, request.body) };
  });

  app.post<IdParams>('/api/staff/rounds/:id/close', { onRequest: staff }, async (request) => ({
    round: await closeRound(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/rounds/:id/deadline', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    round: await changeRoundDeadline(context, requireStaff(request), request.params.id, request.body),
  }));

  app.post<IdParams>('/api/staff/rounds/:id/open', { onRequest: staff }, async (request) => ({
    round: await openClosedRound(context, requireStaff(request), request.params.id),
  }));

  app.post<IdParams>('/api/staff/rounds/:id/reopenings', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    round: await reopenRoundForUnion(context, requireStaff(request), request.params.id, request.body),
  }));

  app.delete<{ Params: { id: string; unionId: string } }>('/api/staff/rounds/:id/reopenings/:unionId', { onRequest: staff }, async (request) => ({
    round: await withdrawReopening(context, requireStaff(request), request.params.id, request.params.unionId),
  }));

  app.post<IdParams>('/api/staff/reports/:id/review', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    report: await reviewReport(context, requireStaff(request), request.params.id, request.body),
  }));

  app.post<IdParams>('/api/staff/reports/:id/withdraw-acceptance', { onRequest: staff, preValidation: requireJsonBody }, async (request) => ({
    report: await withdrawAcceptance(context, requireStaff(request), request.params.id, request.body),
  }));

  // ---- the audit log ----

  app.get('/api/staff/audit', { onRequest: staff }, async (request) => listAudit(context, requireStaff(request), request.query));

  app.get('/api/staff/audit/choices', { onRequest: staff }, async (request) => auditChoices(context, requireStaff(request), request.query));

  // ---- report forms (./forms.ts: the upload's body is the .xlsx file) ----
  registerFormRoutes(app, context, staff);
  registerFormRollupRoutes(app, context, staff);
}
