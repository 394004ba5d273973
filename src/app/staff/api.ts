/**
 * The district dashboard's calls to its own server (docs/api.md, "District"). Same origin: the
 * dashboard is served by the server it talks to. The session token lives in `sessionStorage` only:
 * it ends with the tab, and never sits on a shared office computer's disk.
 */
import { isApiError, type ApiError, type ReviewStatus, type ServerReport } from '../../domain/sync';
import type { CreatedUnion, DistrictReportView, DistrictSession, IssuedEnrolmentCode, PeriodOverview } from '../../domain/district';
import type { PeriodKind } from '../../domain/period';
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

function keepSession(session: DistrictSession | null): void {
  try {
    if (session) {
      sessionStorage.setItem(TOKEN_KEY, session.token);
      sessionStorage.setItem(USER_KEY, session.user.username);
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

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
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

export async function signIn(username: string, password: string): Promise<DistrictSession> {
  const session = await call<DistrictSession>('POST', '/api/district/login', { username, password }, { auth: false });
  keepSession(session);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await call<unknown>('POST', '/api/district/logout');
  } finally {
    keepSession(null);
  }
}

export function fetchOverview(year: number, kind: PeriodKind): Promise<PeriodOverview> {
  return call('GET', `/api/district/unions?year=${year}&kind=${encodeURIComponent(kind)}`);
}

export function fetchReport(reportId: string): Promise<DistrictReportView> {
  return call('GET', `/api/district/reports/${encodeURIComponent(reportId)}`);
}

export async function reviewReport(reportId: string, status: ReviewStatus, comment: string, revision: string): Promise<ServerReport> {
  const answer = await call<{ report: ServerReport }>('POST', `/api/district/reports/${encodeURIComponent(reportId)}/review`, {
    status,
    comment,
    revision,
  });
  return answer.report;
}

export async function createUnion(input: { name: string; code: string; employer: string; sector: Sector | '' }): Promise<CreatedUnion> {
  const body: Record<string, string> = { name: input.name, employer: input.employer, sector: input.sector };
  if (input.code.trim()) body.code = input.code.trim();
  const answer = await call<{ union: CreatedUnion }>('POST', '/api/district/unions', body);
  return answer.union;
}

export function issueEnrolmentCode(unionId: string): Promise<IssuedEnrolmentCode> {
  return call('POST', `/api/district/unions/${encodeURIComponent(unionId)}/enrolment-codes`, {});
}
