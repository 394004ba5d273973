/**
 * The device's calls to the province's server (docs/api.md), over `fetch`. Every call has a timeout:
 * on a bad mobile connection a request can hang for minutes, and a hung push must not hold the queue.
 * Answers are classified, never thrown: the engine decides what each kind means.
 */
import { isApiError, type ApiError, type EnrolPreview, type EnrolPreviewRequest, type EnrolRequest, type EnrolResponse } from '../../domain/sync';
import type { PutReportResponse, ReportChangesResponse } from '../../domain/sync';
import type { ReportDocument } from '../../domain/report';
import { parseRetryAfter } from './backoff';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface HttpDeps {
  fetch: typeof fetch;
  now: () => number;
  timers: Timers;
  timeoutMs: number;
}

export type ApiAnswer<T> =
  | { kind: 'ok'; status: number; body: T }
  | { kind: 'error'; status: number; error: ApiError; retryAfterMs: number | null }
  /** No answer: no connection, server unreachable, connection cut, or the timeout. */
  | { kind: 'network'; reason: 'timeout' | 'unreachable' };

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

export function apiUrl(serverUrl: string, path: string): string {
  return new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

/** An answer that is not our JSON error (a proxy's HTML page, an empty body) still gets a code. */
function fallbackError(status: number): ApiError {
  if (status === 401) return { error: 'unauthorized', message: `HTTP ${status}` };
  if (status === 404) return { error: 'not_found', message: `HTTP ${status}` };
  if (status === 429) return { error: 'rate_limited', message: `HTTP ${status}` };
  return { error: status >= 500 || status === 408 ? 'internal' : 'bad_request', message: `HTTP ${status}` };
}

export async function requestJson<T>(deps: HttpDeps, url: string, init: RequestInit): Promise<ApiAnswer<T>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = deps.timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  try {
    const response = await deps.fetch(url, { ...init, signal: controller.signal, cache: 'no-store' });
    // Reading the body is part of the request: a connection cut mid-answer lands in the catch below.
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok) {
      if (body === null) return { kind: 'error', status: response.status, error: fallbackError(502), retryAfterMs: null };
      return { kind: 'ok', status: response.status, body: body as T };
    }
    return {
      kind: 'error',
      status: response.status,
      error: isApiError(body) ? body : fallbackError(response.status),
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), deps.now()),
    };
  } catch {
    return { kind: 'network', reason: timedOut ? 'timeout' : 'unreachable' };
  } finally {
    deps.timers.clearTimeout(timer);
  }
}

export interface PushRequest {
  serverUrl: string;
  deviceToken: string;
  document: ReportDocument;
  serverRevision: string | null;
  idempotencyKey: string;
}

export function putReport(deps: HttpDeps, push: PushRequest): Promise<ApiAnswer<PutReportResponse>> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${push.deviceToken}`,
    'Content-Type': 'application/json',
    'Idempotency-Key': push.idempotencyKey,
  };
  if (push.serverRevision == null) headers['If-None-Match'] = '*';
  else headers['If-Match'] = `"${push.serverRevision}"`;
  return requestJson(deps, apiUrl(push.serverUrl, `api/reports/${encodeURIComponent(push.document.id)}`), {
    method: 'PUT',
    headers,
    body: JSON.stringify(push.document),
  });
}

export function getChanges(
  deps: HttpDeps,
  serverUrl: string,
  deviceToken: string,
  cursor: string | null,
  limit?: number,
): Promise<ApiAnswer<ReportChangesResponse>> {
  const params = new URLSearchParams();
  if (cursor != null) params.set('since', cursor);
  if (limit != null) params.set('limit', String(limit));
  const query = params.toString() ? `?${params.toString()}` : '';
  return requestJson(deps, apiUrl(serverUrl, `api/reports${query}`), {
    method: 'GET',
    headers: { Authorization: `Bearer ${deviceToken}` },
  });
}

export function postEnrol(deps: HttpDeps, serverUrl: string, request: EnrolRequest): Promise<ApiAnswer<EnrolResponse>> {
  return requestJson(deps, apiUrl(serverUrl, 'api/enrol'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
}

/** Which union and superior a code belongs to, before enrolling (uses nothing of the code). */
export function postEnrolPreview(deps: HttpDeps, serverUrl: string, request: EnrolPreviewRequest): Promise<ApiAnswer<EnrolPreview>> {
  return requestJson(deps, apiUrl(serverUrl, 'api/enrol/preview'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
}
