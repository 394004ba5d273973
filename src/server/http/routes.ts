/** Routes only translate HTTP to service calls and back; the rules live in ../services. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/context';
import { enrol, issueEnrolmentCode, listDevices, listEnrolmentCodes, previewEnrolment, revokeDevice, withdrawEnrolmentCode } from '../services/devices';
import { ApiFailure } from '../services/errors';
import { createNode, createUnion, deleteNode, moveUnion, nodeDetail, staffMe, unionHistory, updateNode, updateUnion } from '../services/organisation';
import { nodeOverview } from '../services/overview';
import { getReport, listChanges, putReport } from '../services/reports';
import { reviewReport, staffReport, staffRevision } from '../services/review';
import { closeRound, listNodeRounds, openClosedRound, openRound, reopenRoundForUnion, withdrawReopening } from '../services/rounds';
import { createStaff, deleteStaff, listStaff, login, logout } from '../services/staff';
import { deviceAuth, requireDevice, requireStaff, staffAuth } from './auth';
import { type PushRule, pushRateLimit } from './pushLimits';
import { AttemptLimiter, type AttemptRule, type AttemptStore, limitAttempts } from './attemptLimits';

export interface RateLimits {
  /** Wrong enrolment codes per address. */
  enrol: AttemptRule;
  /** Wrong passwords per address. */
  login: AttemptRule;
  /** Wrong passwords per account name, from any address: a guesser with many addresses still meets it. */
  loginAccount: AttemptRule;
  /** Report pushes per device. */
  push: PushRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrol: { limit: 10, windowMs: 60_000 },
  login: { limit: 10, windowMs: 60_000 },
  loginAccount: { limit: 20, windowMs: 15 * 60_000 },
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

  // Asks the database too, so that a monitor sees a server whose store is gone.
  app.get('/api/health', async () => {
    await context.store.ping().catch(() => {
      throw new ApiFailure(503, 'internal', 'The database does not answer.');
    });
    return { status: 'ok', store: context.store.kind };
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
  app.post('/api/staff/login', { ...loginLimits, preValidation: requireJsonBody }, async (request) => login(context, request.body));

  app.post('/api/staff/logout', { onRequest: staff }, async (request, reply) => {
    await logout(context, requireStaff(request).tokenHash);
    return reply.code(204).send();
  });

  app.get('/api/staff/me', { onRequest: staff }, async (request) => staffMe(context, requireStaff(request)));

  app.get<IdParams>('/api/staff/nodes/:id', { onRequest: staff }, async (request) =>
    nodeDetail(context, requireStaff(request), request.params.id),
  );

  app.get<IdParams & { Querystring: { year?: string; kind?: string; scope?: string } }>(
    '/api/staff/nodes/:id/overview',
    { onRequest: staff },
    async (request) => nodeOverview(context, requireStaff(request), request.params.id, request.query),
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
}
