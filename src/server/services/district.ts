/**
 * What the district does: sign in, see which unions have reported for a period, review reports, and
 * administer unions, enrolment codes and devices. The admin command line uses the same functions.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { meetsUnionizationTarget, unionizationRate, UNIONIZATION_TARGET } from '../../domain/indicators';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS } from '../../domain/period';
import { type ReportDocument, SECTORS } from '../../domain/report';
import { REVIEW_STATUSES, type ReviewDecision, type ServerReport } from '../../domain/sync';
import { isUniqueViolation } from '../store/errors';
import type {
  DistrictReportView,
  DistrictSession,
  IssuedEnrolmentCode,
  PeriodOverview,
  RevisionView,
  UnionDevice,
  UnionOverview,
  UnionStanding,
} from '../../domain/district';
import type { UnionRecord } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isStoredInteger, isUuid, lineOfText, parseInput as parse } from './input';
import {
  DECOY_PASSWORD_HASH,
  hashPassword,
  newEnrolmentCode,
  newToken,
  normaliseEnrolmentCode,
  sha256Hex,
  verifyPassword,
} from './secrets';
import { toServerReport } from './reports';

export const SESSION_HOURS = 12;
export const DEFAULT_CODE_VALID_DAYS = 7;
export const DEFAULT_CODE_MAX_USES = 3;
export const MIN_PASSWORD_LENGTH = 10;

const DAY_MS = 86_400_000;

// ---- district users and sessions ----

const usernameSchema = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,64}$/));
const newUserSchema = z.object({
  username: usernameSchema,
  password: z.string().check(z.minLength(MIN_PASSWORD_LENGTH), z.maxLength(1024)),
});
const loginSchema = z.object({
  username: lineOfText({ max: 200 }),
  password: z.string().check(z.maxLength(1024)),
});

export async function createDistrictUser(context: ServiceContext, input: unknown): Promise<{ id: string; username: string }> {
  const { username, password } = parse(newUserSchema, input);
  const passwordHash = await hashPassword(password);
  const id = randomUUID();
  // The unique index on the name decides, also between two users created at once (no 500 for the loser).
  await context.store
    .write((tx) => tx.insertDistrictUser({ id, username, passwordHash, createdAt: isoNow(context) }))
    .catch((error: unknown) => {
      throw isUniqueViolation(error)
        ? validationFailed([{ path: 'username', code: 'taken', message: 'A district user with this name exists.' }])
        : error;
    });
  return { id, username };
}

export async function login(context: ServiceContext, input: unknown): Promise<DistrictSession> {
  const { username, password } = parse(loginSchema, input);
  const user = await context.store.findDistrictUserByUsername(username.trim().toLowerCase());
  // Always run scrypt, so that a wrong name costs as long as a wrong password.
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!user || !passwordMatches) throw new ApiFailure(401, 'unauthorized', 'Wrong user name or password.');
  const token = newToken();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await context.store.write(async (tx) => {
    await tx.insertSession({ tokenHash: sha256Hex(token), userId: user.id, createdAt: now.toISOString(), expiresAt });
  });
  return { token, expiresAt, user: { id: user.id, username: user.username } };
}

export async function authenticateDistrictUser(context: ServiceContext, token: string | null): Promise<{ userId: string; username: string; tokenHash: string }> {
  const tokenHash = token ? sha256Hex(token) : '';
  const session = token ? await context.store.findSessionByTokenHash(tokenHash) : undefined;
  if (!session || session.expiresAt <= isoNow(context))
    throw new ApiFailure(401, 'unauthorized', 'Sign in again: the district session is missing or has expired.');
  return { userId: session.userId, username: session.username, tokenHash };
}

export async function logout(context: ServiceContext, tokenHash: string): Promise<void> {
  await context.store.write((tx) => tx.deleteSession(tokenHash));
}

// ---- unions, codes, devices ----

const newUnionSchema = z.object({
  name: lineOfText({ min: 1, max: 200 }),
  /** The district's code for the union (mã CĐCS): letters, digits, dot, dash, underscore. */
  code: z.optional(z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z0-9._-]{1,32}$/))),
  employer: z._default(lineOfText({ max: 200 }), ''),
  sector: z._default(z.union([z.enum(SECTORS), z.literal('')]), ''),
});

export async function createUnion(context: ServiceContext, input: unknown): Promise<UnionRecord> {
  const { name, code, employer, sector } = parse(newUnionSchema, input);
  const union: UnionRecord = { id: randomUUID(), code: code || null, name, employer, sector, createdAt: isoNow(context) };
  // The unique index on the code decides, also between two district users creating it at once.
  await context.store.write((tx) => tx.insertUnion(union)).catch((error: unknown) => {
    throw isUniqueViolation(error)
      ? validationFailed([{ path: 'code', code: 'taken', message: 'Another union has this code.' }])
      : error;
  });
  return union;
}

const issueCodeSchema = z.object({
  validDays: z.optional(z.int().check(z.gte(1), z.lte(90))),
  maxUses: z.optional(z.int().check(z.gte(1), z.lte(20))),
});

export async function issueEnrolmentCode(context: ServiceContext, unionId: string, input: unknown): Promise<IssuedEnrolmentCode> {
  const options = parse(issueCodeSchema, input ?? {});
  const union = isUuid(unionId) ? await context.store.findUnion(unionId) : undefined;
  if (!union) throw new ApiFailure(404, 'not_found', 'No such union.');
  const now = context.now();
  const expiresAt = new Date(now.getTime() + (options.validDays ?? DEFAULT_CODE_VALID_DAYS) * DAY_MS).toISOString();
  const maxUses = options.maxUses ?? DEFAULT_CODE_MAX_USES;
  const code = newEnrolmentCode();
  await context.store.write((tx) =>
    tx.insertEnrolmentCode({
      id: randomUUID(),
      unionId,
      codeHash: sha256Hex(normaliseEnrolmentCode(code) as string),
      expiresAt,
      maxUses,
      createdAt: now.toISOString(),
      revokedAt: null,
    }),
  );
  return { code, unionId, expiresAt, maxUses };
}

export async function listDevices(context: ServiceContext, unionId: string): Promise<UnionDevice[]> {
  if (!isUuid(unionId) || !(await context.store.findUnion(unionId))) throw new ApiFailure(404, 'not_found', 'No such union.');
  return context.store.listDevices(unionId);
}

export async function revokeDevice(context: ServiceContext, deviceId: string): Promise<UnionDevice> {
  return context.store.write(async (tx) => {
    const device = isUuid(deviceId) ? await tx.findDevice(deviceId) : undefined;
    if (!device) throw new ApiFailure(404, 'not_found', 'No such device.');
    await tx.revokeDevice(deviceId, isoNow(context));
    return (await tx.findDevice(deviceId)) as UnionDevice;
  });
}

// ---- the period overview ----

const periodSchema = z.object({
  year: z.coerce.number().check(z.int(), z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR)),
  kind: z.enum(PERIOD_KINDS),
});

export async function periodOverview(context: ServiceContext, query: { year?: string; kind?: string }): Promise<PeriodOverview> {
  const parsed = periodSchema.safeParse(query);
  if (!parsed.success)
    throw new ApiFailure(400, 'bad_request', `Name the period: year=${FIRST_REPORT_YEAR}…${LAST_REPORT_YEAR}&kind=${PERIOD_KINDS.join('|')}.`);
  const period = parsed.data;
  const [unions, reports, activeDevices] = await Promise.all([
    context.store.listUnions(),
    context.store.listReportsForPeriod(period.year, period.kind),
    context.store.countActiveDevices(),
  ]);
  const reportByUnion = new Map(reports.map((record) => [record.unionId, toServerReport(record)]));
  const overview: UnionOverview[] = unions.map((union) => {
    const report = reportByUnion.get(union.id);
    return {
      id: union.id,
      code: union.code,
      name: union.name,
      employer: union.employer,
      sector: union.sector,
      superiorId: '',
      movedAway: false,
      activeDevices: activeDevices.get(union.id) ?? 0,
      standing: standingOf(report),
      report: report ? reportSummary(report) : null,
    };
  });
  let workers = 0;
  let members = 0;
  let meetingTarget = 0;
  const reported = overview.filter((union) => union.standing !== 'missing' && union.standing !== 'draft');
  for (const union of reported) {
    if (union.report?.workers != null && union.report.members != null) {
      workers += union.report.workers;
      members += union.report.members;
    }
    if (union.report?.meetsTarget) meetingTarget++;
  }
  const summary = {
      unions: overview.length,
      reported: reported.length,
      notReported: overview.length - reported.length,
      accepted: overview.filter((union) => union.standing === 'accepted').length,
      returned: overview.filter((union) => union.standing === 'returned').length,
      workers,
      members,
      unionizationRate: unionizationRate(members, workers),
      meetingTarget,
      dialogueSessions: reported.reduce((sum, union) => sum + (union.report?.dialogueSessions ?? 0), 0),
  };
  // Until the organisation tree lands (issue 7), the one district is the only node.
  const node = { id: '', kind: 'district' as const, name: '', shortName: '', code: null };
  return { period, target: UNIONIZATION_TARGET, unions: overview, summary, node, scope: 'subtree', rollup: [], direct: summary };
}

function standingOf(report: ServerReport | undefined): UnionStanding {
  if (!report) return 'missing';
  if (report.review) return report.review.status;
  return report.document.status === 'ready' ? 'sent' : 'draft';
}

function reportSummary(report: ServerReport): NonNullable<UnionOverview['report']> {
  const { workers, members } = report.document.membership;
  const rate = unionizationRate(members, workers);
  return {
    id: report.document.id,
    status: report.document.status,
    revision: report.revision,
    savedAt: report.savedAt,
    review: report.review,
    workers,
    members,
    unionizationRate: rate,
    meetsTarget: meetsUnionizationTarget(rate),
    dialogueSessions: report.document.dialogues.length,
  };
}

// ---- one report, and the review decision ----

export async function districtReport(context: ServiceContext, reportId: string): Promise<DistrictReportView> {
  const record = isUuid(reportId) ? await context.store.findReport(reportId) : undefined;
  if (!record) throw new ApiFailure(404, 'not_found', 'No such report.');
  const [union, revisions] = await Promise.all([context.store.findUnion(record.unionId), context.store.listRevisions(reportId)]);
  return {
    report: toServerReport(record),
    union: { id: record.unionId, code: union?.code ?? null, name: union?.name ?? '' },
    superior: { id: '', kind: 'district', name: '', shortName: '', code: null },
    revisions,
  };
}

/** One kept revision of a report, whole: who sent what, and when. */
export async function districtRevision(context: ServiceContext, reportId: string, revision: string): Promise<RevisionView> {
  const notFound = new ApiFailure(404, 'not_found', 'No such revision.');
  if (!isUuid(reportId) || !isStoredInteger(revision)) throw notFound;
  const [summaries, documentJson] = await Promise.all([
    context.store.listRevisions(reportId),
    context.store.findRevisionDocument(reportId, Number(revision)),
  ]);
  const summary = summaries.find((entry) => entry.revision === Number(revision));
  if (!summary || documentJson === undefined) throw notFound;
  return { ...summary, document: JSON.parse(documentJson) as ReportDocument };
}

const reviewSchema = z.object({
  status: z.enum(REVIEW_STATUSES),
  comment: z._default(z.string().check(z.trim(), z.maxLength(5_000)), ''),
  revision: z.optional(z.string().check(z.regex(/^\d{1,15}$/))),
});

export async function reviewReport(context: ServiceContext, reportId: string, input: unknown): Promise<ServerReport> {
  const decision = parse(reviewSchema, input);
  if (decision.status === 'returned' && decision.comment === '')
    throw validationFailed([{ path: 'comment', code: 'required', message: 'Say why the report is returned.' }]);
  const found = isUuid(reportId) ? await context.store.findReport(reportId) : undefined;
  if (!found) throw new ApiFailure(404, 'not_found', 'No such report.');
  return context.store.write(async (tx) => {
    const changeSeq = await tx.lockUnionForChange(found.unionId);
    // Read again under the union's lock: a push may have landed in between.
    const record = (await tx.findReport(reportId)) as NonNullable<typeof found>;
    const current = toServerReport(record);
    if (current.review?.status === 'accepted')
      throw new ApiFailure(409, 'report_accepted', 'This report is already accepted.');
    if (decision.revision !== undefined && decision.revision !== current.revision)
      throw new ApiFailure(412, 'stale_revision', 'The union sent a newer revision; read it before deciding.', { current });
    if (current.document.status !== 'ready')
      throw validationFailed([{ path: 'status', code: 'not_ready', message: 'Only a report marked ready can be reviewed.' }]);
    const review: ReviewDecision = { status: decision.status, comment: decision.comment, decidedAt: isoNow(context) };
    // The decision travels to the union's devices through the change feed, so it takes a new change_seq.
    const updated = { ...record, reviewJson: JSON.stringify(review), changeSeq };
    await tx.updateReport(updated);
    return toServerReport(updated);
  });
}
