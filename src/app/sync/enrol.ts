/**
 * Enrolment: the officer types the server address and the code their superior issued once; the app
 * first shows which union and which superior the code belongs to (`previewEnrolment`), and on the
 * officer's confirmation the device gets a token that every sync call carries, keeps the
 * superior's name for its screens, and fills the profile's empty fields with what the server knows.
 * Failures are sorted into what the officer can act on.
 */
import type { Superior } from '../../domain/organisation';
import type { ApiAnswer } from './api';
import type { EnrolmentCodeRefusal, EnrolPreview, EnrolResponse } from '../../domain/sync';
import { DEFAULT_REQUEST_TIMEOUT_MS, browserTimers, postEnrol, postEnrolPreview, type HttpDeps, type Timers } from './api';

export type EnrolFailure =
  | 'invalid_address' // not an http(s) address
  | 'invalid_code' // no such code
  | 'expired_code' // expired or used up
  | 'withdrawn_code' // withdrawn by the superior's staff before it expired
  | 'invalid_device_name'
  | 'no_connection' // the device is offline
  | 'server_not_found' // online, but nothing answers there as our server
  | 'rate_limited'
  | 'server_error';

export type EnrolResult =
  | { ok: true; serverUrl: string; response: EnrolResponse }
  | { ok: false; failure: EnrolFailure; retryAfterSeconds?: number };

export interface EnrolDeps {
  fetch: typeof fetch;
  /** Keeps the token; `SyncRepository.saveEnrolment`. */
  saveEnrolment(serverUrl: string, deviceToken: string, deviceName: string): Promise<void>;
  /** Keeps the union's superior, whose name the app says (`SyncRepository.saveSuperior`). */
  saveSuperior?(superior: Superior | null): Promise<void>;
  /** Fills the profile's empty fields with what the server knows (`SyncRepository.fillProfile`). */
  fillProfile?(enrolled: EnrolResponse): Promise<void>;
  isOnline?: () => boolean;
  now?: () => number;
  timers?: Timers;
  requestTimeoutMs?: number;
}

export interface EnrolInput {
  serverUrl: string;
  code: string;
  deviceName: string;
}

/**
 * `https://host:port[/path]` without query or trailing slash (a union may serve the app under a
 * path behind its reverse proxy); null when it is not an http(s) address. No scheme means https.
 */
export function normaliseServerUrl(typed: string): string | null {
  const trimmed = typed.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function looksLikeEnrolResponse(value: unknown): value is EnrolResponse {
  const body = value as Partial<EnrolResponse> | null;
  return typeof body?.token === 'string' && typeof body.union?.name === 'string';
}

export async function enrolDevice(deps: EnrolDeps, input: EnrolInput): Promise<EnrolResult> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl) return { ok: false, failure: 'invalid_address' };
  const deviceName = input.deviceName.trim();
  if (!deviceName || deviceName.length > 100) return { ok: false, failure: 'invalid_device_name' };
  const isOnline = deps.isOnline ?? (() => true);
  if (!isOnline()) return { ok: false, failure: 'no_connection' };
  const answer = await postEnrol(
    {
      fetch: deps.fetch,
      now: deps.now ?? Date.now,
      timers: deps.timers ?? browserTimers,
      timeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
    serverUrl,
    { code: input.code.trim(), deviceName },
  );
  if (answer.kind === 'network') return { ok: false, failure: isOnline() ? 'server_not_found' : 'no_connection' };
  if (answer.kind === 'ok') {
    if (!looksLikeEnrolResponse(answer.body)) return { ok: false, failure: 'server_not_found' };
    await deps.saveEnrolment(serverUrl, answer.body.token, deviceName);
    await deps.saveSuperior?.(answer.body.superior ?? null);
    // The device is enrolled by now: a profile that cannot be written (storage full) is no failure of it.
    await deps.fillProfile?.(answer.body).catch(() => {});
    return { ok: true, serverUrl, response: answer.body };
  }
  return refusal(answer);
}

/** What a refused enrolment or preview tells the officer. */
function refusal(answer: Exclude<ApiAnswer<unknown>, { kind: 'ok' } | { kind: 'network' }>): { ok: false; failure: EnrolFailure; retryAfterSeconds?: number } {
  switch (answer.error.error) {
    case 'enrolment_code_invalid':
      return { ok: false, failure: 'invalid_code' };
    case 'enrolment_code_expired':
      // details.reason says which (a server before it did not: then "expired or used up").
      return { ok: false, failure: (answer.error.details as Partial<EnrolmentCodeRefusal> | undefined)?.reason === 'withdrawn' ? 'withdrawn_code' : 'expired_code' };
    case 'validation_failed':
      return { ok: false, failure: 'invalid_device_name' };
    case 'rate_limited':
      return {
        ok: false,
        failure: 'rate_limited',
        retryAfterSeconds: Math.ceil((answer.retryAfterMs ?? 60_000) / 1000),
      };
    case 'not_found':
      return { ok: false, failure: 'server_not_found' };
    default:
      return { ok: false, failure: answer.status >= 500 ? 'server_error' : 'server_not_found' };
  }
}

export type EnrolPreviewResult =
  | { ok: true; serverUrl: string; preview: EnrolPreview }
  | { ok: false; failure: EnrolFailure; retryAfterSeconds?: number };

function looksLikePreview(value: unknown): value is EnrolPreview {
  const body = value as Partial<EnrolPreview> | null;
  return typeof body?.union?.name === 'string' && (body.superior === null || typeof body.superior?.name === 'string');
}

/**
 * Asks the server which union and superior `code` belongs to, so the officer confirms before the
 * device enrols. Nothing is saved; the code is not used up.
 */
export async function previewEnrolment(
  deps: Omit<EnrolDeps, 'saveEnrolment'>,
  input: Pick<EnrolInput, 'serverUrl' | 'code'>,
): Promise<EnrolPreviewResult> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl) return { ok: false, failure: 'invalid_address' };
  const isOnline = deps.isOnline ?? (() => true);
  if (!isOnline()) return { ok: false, failure: 'no_connection' };
  const http: HttpDeps = {
    fetch: deps.fetch,
    now: deps.now ?? Date.now,
    timers: deps.timers ?? browserTimers,
    timeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  const answer = await postEnrolPreview(http, serverUrl, { code: input.code.trim() });
  if (answer.kind === 'network') return { ok: false, failure: isOnline() ? 'server_not_found' : 'no_connection' };
  if (answer.kind === 'ok') {
    if (!looksLikePreview(answer.body)) return { ok: false, failure: 'server_not_found' };
    return { ok: true, serverUrl, preview: answer.body };
  }
  return refusal(answer);
}
