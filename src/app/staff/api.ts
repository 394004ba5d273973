/**
 * The staff dashboard's calls to its own server (docs/api.md, "Staff"). Same origin: the dashboard is
 * served by the server it talks to. The session token lives in `sessionStorage` only: it ends with
 * the tab, and never sits on a shared office computer's disk. The server checks every id against the
 * staff member's subtree; the dashboard only hides what the role may not do.
 */
import type { ServerStatus } from '../../domain/serverStatus';
import type { AuditChoices, AuditPage } from '../../domain/audit';
import { isApiError, type ApiError, type ReviewStatus, type ServerReport } from '../../domain/sync';
import type { ReminderSchedule, RemindNowRequest, RemindNowResponse, RoundReachResponse, RoundRemindersRequest } from '../../domain/notifications';
import type { CreatableNodeKind, OrgNode, StaffRole, UpperNodeKind } from '../../domain/organisation';
import type {
  GrassrootsUnion,
  IssuedEnrolmentCode,
  NewStaffMember,
  NodeChange,
  NodeDetail,
  NodeOverview,
  RevisionView,
  StaffMe,
  StaffMember,
  StaffReportView,
  StaffSecondStep,
  StaffSecurity,
  StaffSession,
  StaffSessionInfo,
  TotpSetup,
  UnionDevice,
  UnionEnrolmentCode,
  UnionMove,
  UnionMoved,
} from '../../domain/staff';
import type { PeriodKind } from '../../domain/period';
import type { PeriodTablePage, PeriodTableQuery } from '../../domain/periodTable';
import type { NodeRound } from '../../domain/round';
import type { OpenRoundRequest } from '../../domain/roundRequests';
import type { Sector } from '../../domain/report';
import { XLSX_MEDIA_TYPE, type FormSummary, type FormVersion } from '../../domain/forms/catalogue';
import type { FormDefinition } from '../../domain/forms/definition';
import type { FormRef } from '../../domain/forms/reportForm';
import type { RowRollUpResult } from '../../domain/forms/rollup';
import { sharedReads } from './sharedReads';

const TOKEN_KEY = 'bao-cao-cdcs.staff.token';
const USER_KEY = 'bao-cao-cdcs.staff.user';

/** A refused call: the server's error code, its status, and how long to wait on 429. */
export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError['error'] | 'network',
    readonly details: unknown = undefined,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${status} ${error}`);
  }
}

export function savedSession(): { token: string; username: string } | null {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { token, username: sessionStorage.getItem(USER_KEY) ?? '' } : null;
  } catch {
    return null;
  }
}

function keepSession(session: StaffSession | null): void {
  try {
    if (session) {
      sessionStorage.setItem(TOKEN_KEY, session.token);
      sessionStorage.setItem(USER_KEY, session.staff.username);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(USER_KEY);
    }
  } catch {
    // Storage refused (private mode quota): the session still works until the page closes.
  }
}

/** Seconds to wait from `Retry-After` or `details.retryAfterSeconds`. */
function retryAfter(response: Response, body: unknown): number | null {
  const details = isApiError(body) ? (body.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
  if (typeof details?.retryAfterSeconds === 'number') return Math.ceil(details.retryAfterSeconds);
  const header = Number(response.headers.get('retry-after'));
  return Number.isFinite(header) && header > 0 ? Math.ceil(header) : null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `file`: the body is this file as it is (a form's .xlsx), not JSON. `binary`: the answer is a file (a Blob). */
async function call<T>(method: Method, path: string, body?: unknown, options: { auth?: boolean; file?: Blob; binary?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type;
  if (options.auth !== false) {
    const session = savedSession();
    if (session) headers.authorization = `Bearer ${session.token}`;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : options.file ? { body: options.file } : {}),
    });
  } catch {
    throw new StaffApiError(0, 'network');
  }
  if (response.ok && options.binary) return (await response.blob()) as T;
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return parsed as T;
  if (response.status === 401 && options.auth !== false) keepSession(null);
  const code = isApiError(parsed)
    ? parsed.error
    : response.status === 401
      ? 'unauthorized'
      : response.status === 404
        ? 'not_found'
        : response.status === 429
          ? 'rate_limited'
          : 'internal';
  throw new StaffApiError(response.status, code, isApiError(parsed) ? parsed.details : undefined, retryAfter(response, parsed));
}

const id = encodeURIComponent;

/** The password step: a session, or (two-step sign-in) a challenge for `signInWithCode`. */
export async function signIn(username: string, password: string): Promise<StaffSession | StaffSecondStep> {
  const answer = await call<StaffSession | StaffSecondStep>('POST', '/api/staff/login', { username, password }, { auth: false });
  if ('token' in answer) keepSession(answer);
  return answer;
}

/** The second step: a code from the authenticator app, or one of the recovery codes. */
export async function signInWithCode(challenge: string, code: { code: string } | { recoveryCode: string }): Promise<StaffSession> {
  const session = await call<StaffSession>('POST', '/api/staff/login/totp', { challenge, ...code }, { auth: false });
  keepSession(session);
  return session;
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await call<unknown>('POST', '/api/staff/me/password', { currentPassword, newPassword });
}

export async function fetchOwnSessions(): Promise<StaffSessionInfo[]> {
  return (await call<{ sessions: StaffSessionInfo[] }>('GET', '/api/staff/me/sessions')).sessions;
}

export async function endOwnSession(sessionId: string): Promise<void> {
  await call<unknown>('DELETE', `/api/staff/me/sessions/${id(sessionId)}`);
}

export function fetchOwnSecurity(): Promise<StaffSecurity> {
  return call('GET', '/api/staff/me/security');
}

export function setUpTotp(): Promise<TotpSetup> {
  return call('POST', '/api/staff/me/totp/setup');
}

export async function confirmTotp(code: string): Promise<string[]> {
  return (await call<{ recoveryCodes: string[] }>('POST', '/api/staff/me/totp/confirm', { code })).recoveryCodes;
}

export async function disableTotp(password: string, code: string): Promise<void> {
  await call<unknown>('DELETE', '/api/staff/me/totp', { password, code });
}

/** An admin gives a member another role; the member's record as the server now holds it. */
export async function changeStaffRole(staffId: string, role: StaffRole): Promise<StaffMember> {
  return (await call<{ staff: StaffMember }>('PATCH', `/api/staff/staff/${id(staffId)}`, { role })).staff;
}

export async function resetStaffPassword(staffId: string, temporaryPassword: string): Promise<void> {
  await call<unknown>('POST', `/api/staff/staff/${id(staffId)}/password`, { temporaryPassword });
}

export interface NodeSecurity {
  requireTotp: boolean;
  requiredAbove: boolean;
}

export function fetchNodeSecurity(nodeId: string): Promise<NodeSecurity> {
  return call('GET', `/api/staff/nodes/${id(nodeId)}/security`);
}

export function setNodeSecurity(nodeId: string, requireTotp: boolean): Promise<NodeSecurity> {
  return call('PUT', `/api/staff/nodes/${id(nodeId)}/security`, { requireTotp });
}

export async function signOut(): Promise<void> {
  // `call` takes the token before its first await: forget it at once, so that a sign-in made while the
  // server ends the old session keeps its new token.
  const ending = call<unknown>('POST', '/api/staff/logout');
  keepSession(null);
  await ending;
}

/** The server's store and backups (an admin of the province's own node only). */
export function fetchServerStatus(): Promise<ServerStatus> {
  return call('GET', '/api/staff/server');
}

export function fetchMe(): Promise<StaffMe> {
  return call('GET', '/api/staff/me');
}

export function fetchNode(nodeId: string): Promise<NodeDetail> {
  return call('GET', `/api/staff/nodes/${id(nodeId)}`);
}

export function fetchNodeOverview(nodeId: string, year: number, kind: PeriodKind): Promise<NodeOverview> {
  return call('GET', `/api/staff/nodes/${id(nodeId)}/overview?year=${year}&kind=${id(kind)}&scope=direct`);
}

/**
 * Every CĐCS of the node's subtree for a period, each line with every figure of its report: what the
 * exports write (the screens read `scope=direct`).
 */
export function fetchSubtreeOverview(nodeId: string, year: number, kind: PeriodKind): Promise<NodeOverview> {
  return call('GET', `/api/staff/nodes/${id(nodeId)}/overview?year=${year}&kind=${id(kind)}&scope=subtree`);
}

/**
 * One page of the node's period table (domain/periodTable.ts): filters, search, sort and the totals row
 * are the server's; `cursor` is the one a previous page handed out (none: the first page).
 */
export function fetchPeriodTable(
  nodeId: string,
  /** Null: the period the node's screens open on, which the server chooses and names in the page. */
  period: { year: number; kind: PeriodKind } | null,
  query: PeriodTableQuery,
  page: { limit: number; cursor: string | null },
  /** The form whose reports the table shows (domain/forms/tableColumns.ts its columns); the server's default is Plan 94. */
  form?: string,
): Promise<PeriodTablePage> {
  const params = new URLSearchParams({
    ...(period ? { year: String(period.year), kind: period.kind } : {}),
    ...(form ? { form } : {}),
    sort: query.sort,
    direction: query.direction,
    filter: query.filter,
    limit: String(page.limit),
  });
  if (query.belowTarget) params.set('belowTarget', '1');
  if (query.notReported) params.set('notReported', '1');
  if (query.search.trim()) params.set('search', query.search.trim());
  if (page.cursor) params.set('cursor', page.cursor);
  return call('GET', `/api/staff/nodes/${id(nodeId)}/period-table?${params.toString()}`);
}

/** The overview of the period the node's screens open on, which the server chooses and names in `period`. */
export function fetchDefaultOverview(nodeId: string): Promise<NodeOverview> {
  return call('GET', `/api/staff/nodes/${id(nodeId)}/overview?scope=direct`);
}

export async function createNode(input: { parentId: string; kind: CreatableNodeKind; name: string; shortName: string; code: string }): Promise<OrgNode> {
  const body: Record<string, string> = { parentId: input.parentId, kind: input.kind, name: input.name, shortName: input.shortName };
  if (input.code.trim()) body.code = input.code.trim();
  return (await call<{ node: OrgNode }>('POST', '/api/staff/nodes', body)).node;
}

export async function changeNode(nodeId: string, change: NodeChange & { kind?: UpperNodeKind }): Promise<OrgNode> {
  return (await call<{ node: OrgNode }>('PATCH', `/api/staff/nodes/${id(nodeId)}`, change)).node;
}

export async function deleteNode(nodeId: string): Promise<void> {
  await call<unknown>('DELETE', `/api/staff/nodes/${id(nodeId)}`);
}

export async function fetchNodeStaff(nodeId: string): Promise<StaffMember[]> {
  return (await call<{ staff: StaffMember[] }>('GET', `/api/staff/nodes/${id(nodeId)}/staff`)).staff;
}

export async function createStaff(nodeId: string, member: NewStaffMember): Promise<StaffMember> {
  return (await call<{ staff: StaffMember }>('POST', `/api/staff/nodes/${id(nodeId)}/staff`, member)).staff;
}

export function fetchReport(reportId: string): Promise<StaffReportView> {
  return call('GET', `/api/staff/reports/${id(reportId)}`);
}

export async function reviewReport(reportId: string, status: ReviewStatus, comment: string, revision: string): Promise<ServerReport> {
  const answer = await call<{ report: ServerReport }>('POST', `/api/staff/reports/${id(reportId)}/review`, { status, comment, revision });
  return answer.report;
}

/** Withdraws the report's acceptance, with the reason the union will read. */
export async function withdrawAcceptance(reportId: string, reason: string): Promise<ServerReport> {
  const answer = await call<{ report: ServerReport }>('POST', `/api/staff/reports/${id(reportId)}/withdraw-acceptance`, { reason });
  return answer.report;
}

export async function createUnion(input: {
  superiorId: string;
  name: string;
  code: string;
  employer: string;
  sector: Sector | '';
}): Promise<GrassrootsUnion> {
  const body: Record<string, string> = { superiorId: input.superiorId, name: input.name, employer: input.employer, sector: input.sector };
  if (input.code.trim()) body.code = input.code.trim();
  return (await call<{ union: GrassrootsUnion }>('POST', '/api/staff/unions', body)).union;
}

/** Changes a CĐCS's own record; an empty code removes it. */
export async function updateUnion(
  unionId: string,
  change: { name: string; code: string; employer: string; sector: Sector | '' },
): Promise<GrassrootsUnion> {
  const body = { name: change.name, code: change.code.trim() || null, employer: change.employer, sector: change.sector };
  return (await call<{ union: GrassrootsUnion }>('PATCH', `/api/staff/unions/${encodeURIComponent(unionId)}`, body)).union;
}

export function moveUnion(unionId: string, parentId: string, effectiveDate: string): Promise<UnionMoved> {
  return call('POST', `/api/staff/unions/${id(unionId)}/move`, { parentId, effectiveDate });
}

export async function fetchUnionHistory(unionId: string): Promise<UnionMove[]> {
  return (await call<{ moves: UnionMove[] }>('GET', `/api/staff/unions/${id(unionId)}/history`)).moves;
}

/** One more code for the union, for `maxUses` phones over `validDays` days (ENROLMENT_CODE_LIMITS). */
export function issueEnrolmentCode(unionId: string, options: { maxUses: number; validDays: number }): Promise<IssuedEnrolmentCode> {
  return call('POST', `/api/staff/unions/${id(unionId)}/enrolment-codes`, options);
}

export async function fetchUnionDevices(unionId: string): Promise<UnionDevice[]> {
  return (await call<{ devices: UnionDevice[] }>('GET', `/api/staff/unions/${id(unionId)}/devices`)).devices;
}

export async function revokeDevice(deviceId: string): Promise<UnionDevice> {
  return (await call<{ device: UnionDevice }>('POST', `/api/staff/devices/${id(deviceId)}/revoke`)).device;
}

export async function fetchEnrolmentCodes(unionId: string): Promise<UnionEnrolmentCode[]> {
  return (await call<{ codes: UnionEnrolmentCode[] }>('GET', `/api/staff/unions/${id(unionId)}/enrolment-codes`)).codes;
}

export async function withdrawEnrolmentCode(codeId: string): Promise<UnionEnrolmentCode> {
  return (await call<{ code: UnionEnrolmentCode }>('POST', `/api/staff/enrolment-codes/${id(codeId)}/withdraw`)).code;
}

export async function fetchRevision(reportId: string, revision: number): Promise<RevisionView> {
  return (await call<{ revision: RevisionView }>('GET', `/api/staff/reports/${id(reportId)}/revisions/${revision}`)).revision;
}

// ---- reporting rounds ----

/** A node's rounds, asked for by three panels of its screen together: one request for them (./sharedReads.ts). */
const nodeRounds = sharedReads<NodeRound[]>(5_000);

export function fetchNodeRounds(nodeId: string): Promise<NodeRound[]> {
  return nodeRounds.read(`${savedSession()?.token ?? ''}\n${nodeId}`, async () => (await call<{ rounds: NodeRound[] }>('GET', `/api/staff/nodes/${id(nodeId)}/rounds`)).rounds);
}

/** A change to a round from this browser: the rounds are read afresh after it, whether it was refused or not. */
async function changingRounds<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    nodeRounds.forget();
  }
}

/** `form` names the form the round asks for (issue 22); absent, the server takes Plan 94. */
export async function openNodeRound(nodeId: string, request: OpenRoundRequest & { form?: FormRef }): Promise<NodeRound> {
  return (await changingRounds(call<{ round: NodeRound }>('POST', `/api/staff/nodes/${id(nodeId)}/rounds`, request))).round;
}

/** `close`, `open` (again, for everyone). */
export async function setRoundState(roundId: string, action: 'close' | 'open'): Promise<NodeRound> {
  return (await changingRounds(call<{ round: NodeRound }>('POST', `/api/staff/rounds/${id(roundId)}/${action}`))).round;
}

/** Moves the round's deadline (422 `deadline_past` before today). */
export async function changeRoundDeadline(roundId: string, deadline: string): Promise<NodeRound> {
  return (await changingRounds(call<{ round: NodeRound }>('POST', `/api/staff/rounds/${id(roundId)}/deadline`, { deadline }))).round;
}

export async function reopenRoundFor(roundId: string, unionId: string, deadline: string | null): Promise<NodeRound> {
  return (await changingRounds(call<{ round: NodeRound }>('POST', `/api/staff/rounds/${id(roundId)}/reopenings`, { unionId, deadline }))).round;
}

/** What the audit log screen filters by; '' for none. */
export interface AuditQuery {
  actor: string;
  union: string;
  action: string;
  from: string;
  to: string;
}

/** A page of the audit log of the staff member's subtree, newest first (`before`: the last page's `next`). */
export function fetchAuditPage(query: AuditQuery, before: string | null, limit = 50): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  if (before) params.set('before', before);
  params.set('limit', String(limit));
  return call('GET', `/api/staff/audit?${params.toString()}`);
}

export function fetchAuditChoices(): Promise<AuditChoices> {
  return call('GET', '/api/staff/audit/choices');
}

// ---- push reach and reminders (issue 24) ----

/** Who of the round's CĐCS a push reaches, the reminder schedule, and how the sends went. */
export function fetchRoundReach(roundId: string): Promise<RoundReachResponse> {
  return call<RoundReachResponse>('GET', `/api/staff/rounds/${id(roundId)}/reach`);
}

/** The days before the deadline the reminders go out (reviewers); answers the schedule kept. */
export function changeReminderSchedule(roundId: string, daysBefore: number[]): Promise<ReminderSchedule> {
  const request: RoundRemindersRequest = { daysBefore };
  return changingRounds(call<ReminderSchedule>('PUT', `/api/staff/rounds/${id(roundId)}/reminders`, request));
}

/** "Nhắc ngay": with `preview`, only who would get it; without, the reminders are queued. */
export function remindNow(roundId: string, preview: boolean): Promise<RemindNowResponse> {
  const request: RemindNowRequest = { preview };
  return call<RemindNowResponse>('POST', `/api/staff/rounds/${id(roundId)}/remind`, request);
}

// ---- report forms (docs/api.md, "Report forms") ----

export function fetchForms(nodeId: string): Promise<{ forms: FormSummary[] }> {
  return call('GET', `/api/staff/forms?node=${id(nodeId)}`);
}

export function fetchForm(code: string, version: number): Promise<FormVersion> {
  return call('GET', `/api/staff/forms/${id(code)}/${version}`);
}

/** The .xlsx as it is; a 422 `form_invalid` carries every problem (`details`). */
export function uploadForm(nodeId: string, file: Blob): Promise<FormVersion> {
  return call('POST', `/api/staff/nodes/${id(nodeId)}/forms`, undefined, { file: new Blob([file], { type: XLSX_MEDIA_TYPE }) });
}

export function publishFormVersion(code: string, version: number): Promise<FormVersion> {
  return call('POST', `/api/staff/forms/${id(code)}/${version}/publish`);
}

export function fetchFormFile(code: string, version: number): Promise<Blob> {
  return call('GET', `/api/staff/forms/${id(code)}/${version}.xlsx`, undefined, { binary: true });
}

// ---- a form's roll-up at a node (issue 22) ----

/** A report period (domain/period.ts's ReportPeriod), spelt out here so this section stays apart from the imports others change. */
type ReportPeriod = { year: number; kind: PeriodKind };

/** `GET /api/staff/nodes/:id/forms/:formId/rollup`: columns[0] is the node itself, the rest its direct children. */
export interface FormRollupView {
  form: FormDefinition;
  period: ReportPeriod;
  columns: { nodeId: string; name: string; expected: number; reported: number }[];
  /** Each row of the form with one result per column, in the columns' order. */
  rows: { code: string; values: RowRollUpResult[] }[];
}

function formRollupPath(nodeId: string, formId: string, period: ReportPeriod, file: '' | '.xlsx'): string {
  return `/api/staff/nodes/${id(nodeId)}/forms/${id(formId)}/rollup${file}?year=${period.year}&kind=${period.kind}`;
}

export function fetchFormRollup(nodeId: string, formId: string, period: ReportPeriod): Promise<FormRollupView> {
  return call('GET', formRollupPath(nodeId, formId, period, ''));
}

/** The roll-up as a spreadsheet (`…/rollup.xlsx`), and the address it is offered at. */
export function formRollupFileUrl(nodeId: string, formId: string, period: ReportPeriod): string {
  return formRollupPath(nodeId, formId, period, '.xlsx');
}

export function fetchFormRollupFile(nodeId: string, formId: string, period: ReportPeriod): Promise<Blob> {
  return call('GET', formRollupFileUrl(nodeId, formId, period), undefined, { binary: true });
}
