/**
 * The staff dashboard's calls to its own server (docs/api.md, "Staff"). Same origin: the dashboard is
 * served by the server it talks to. The session token lives in `sessionStorage` only: it ends with
 * the tab, and never sits on a shared office computer's disk. The server checks every id against the
 * staff member's subtree; the dashboard only hides what the role may not do.
 */
import { isApiError, type ApiError, type ReviewStatus, type ServerReport } from '../../domain/sync';
import type { CreatableNodeKind, OrgNode, UpperNodeKind } from '../../domain/organisation';
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
  StaffSession,
  UnionDevice,
  UnionEnrolmentCode,
  UnionMove,
  UnionMoved,
} from '../../domain/staff';
import type { PeriodKind } from '../../domain/period';
import type { NodeRound } from '../../domain/round';
import type { OpenRoundRequest } from '../../domain/roundRequests';
import type { Sector } from '../../domain/report';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function call<T>(method: Method, path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
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
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new StaffApiError(0, 'network');
  }
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

export async function signIn(username: string, password: string): Promise<StaffSession> {
  const session = await call<StaffSession>('POST', '/api/staff/login', { username, password }, { auth: false });
  keepSession(session);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await call<unknown>('POST', '/api/staff/logout');
  } finally {
    keepSession(null);
  }
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

export function issueEnrolmentCode(unionId: string): Promise<IssuedEnrolmentCode> {
  return call('POST', `/api/staff/unions/${id(unionId)}/enrolment-codes`, {});
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

export async function fetchNodeRounds(nodeId: string): Promise<NodeRound[]> {
  return (await call<{ rounds: NodeRound[] }>('GET', `/api/staff/nodes/${id(nodeId)}/rounds`)).rounds;
}

export async function openNodeRound(nodeId: string, request: OpenRoundRequest): Promise<NodeRound> {
  return (await call<{ round: NodeRound }>('POST', `/api/staff/nodes/${id(nodeId)}/rounds`, request)).round;
}

/** `close`, `open` (again, for everyone). */
export async function setRoundState(roundId: string, action: 'close' | 'open'): Promise<NodeRound> {
  return (await call<{ round: NodeRound }>('POST', `/api/staff/rounds/${id(roundId)}/${action}`)).round;
}

export async function reopenRoundFor(roundId: string, unionId: string, deadline: string | null): Promise<NodeRound> {
  return (await call<{ round: NodeRound }>('POST', `/api/staff/rounds/${id(roundId)}/reopenings`, { unionId, deadline })).round;
}
