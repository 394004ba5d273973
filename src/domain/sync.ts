/**
 * The sync protocol between the officer's device and the province's server: what travels on the
 * wire, and the error codes both sides know. Documented for people in docs/api.md.
 */
import type { Superior } from './organisation';
import type { ReportDocument } from './report';
import type { ReportingRound } from './round';

/** Bodies larger than this are refused with 413 `payload_too_large`. */
export const MAX_REPORT_BODY_BYTES = 256 * 1024;

/** The superior's decision on a report that was sent to it. */
export const REVIEW_STATUSES = ['accepted', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewDecision {
  status: ReviewStatus;
  /** The superior's comment; required when a report is returned. */
  comment: string;
  decidedAt: string;
  /** The revision the district read and decided on (absent on decisions recorded before it was kept). */
  revision?: string;
}

/** A report as the server holds it. `revision` is opaque to the client; send it back in If-Match. */
export interface ServerReport {
  document: ReportDocument;
  revision: string;
  unionId: string;
  /** Null until the superior decides; cleared when the union sends a new revision after a return. */
  review: ReviewDecision | null;
  /** Server time of the last accepted revision (ISO). */
  savedAt: string;
}

/** `PUT /api/reports/:id` answers 200 (updated) or 201 (created) with this body and an ETag. */
export interface PutReportResponse {
  report: ServerReport;
}

/** `GET /api/reports?since=<cursor>` */
export interface ReportChangesResponse {
  reports: ServerReport[];
  /** Pass back as `since` next time. */
  cursor: string;
  /** More changes wait beyond this page. */
  hasMore: boolean;
  /** The union's direct superior now (it changes when the union is moved); null only if the server knows none. */
  superior: Superior | null;
  /**
   * Every reporting round that applies to the device's union (round.ts), nearest superior first,
   * on every page: a short list, so a close or a reopening reaches the phone on its next pull.
   * Absent from a server that predates rounds.
   */
  rounds?: ReportingRound[];
}

/** `POST /api/enrol` body and answer. */
export interface EnrolRequest {
  code: string;
  deviceName: string;
}
export interface EnrolResponse {
  token: string;
  deviceId: string;
  union: { id: string; name: string };
  /** The union's direct superior (null only if the server knows none). */
  superior: Superior | null;
}

/**
 * `POST /api/enrol/preview {code}`: which union and which superior a code belongs to, so the officer
 * can confirm before enrolling. Uses no part of the code; refused and rate-limited like `POST /api/enrol`.
 */
export interface EnrolPreviewRequest {
  code: string;
}
export interface EnrolPreview {
  union: { id: string; name: string };
  superior: Superior | null;
  /** When the code stops working, and how many devices it can still enrol. */
  expiresAt: string;
  usesLeft: number;
}

export const API_ERROR_CODES = [
  'malformed_json', // 400
  'bad_request', // 400: a header or parameter is wrong
  'unauthorized', // 401: no token, or a bad or revoked one
  'forbidden', // 403: another union's report (device), or the staff member's role does not allow it (inside their subtree)
  'not_found', // 404 (also anything outside a staff member's subtree: never 403 there)
  'taken', // 409: a unique name or code is in use (details: [{ path, code: 'taken', message }])
  'period_taken', // 409: the union already has a report for this period (details.existingReportId)
  'report_exists', // 412 on create when the id already exists (If-None-Match: *)
  'stale_revision', // 412: If-Match is not the current revision (details.current: ServerReport)
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'validation_failed', // 422: fails the schema (details: [{ path, code, message }])
  'idempotency_key_reused', // 422: same Idempotency-Key, different body
  'report_accepted', // 409: the superior has accepted this report; it no longer changes
  'round_closed', // 409: the period's reporting round is closed to this union (details: RoundClosedDetails)
  'node_not_empty', // 422: a node that still holds nodes, unions, staff or filed reports (details: NodeContents)
  'node_cycle', // 422: a node cannot go under itself or one of its own descendants
  'enrolment_code_invalid', // 400 on enrol: unknown code
  'enrolment_code_expired', // 410 on enrol: expired or used up
  'request_timeout', // 408: the headers or the body did not arrive in time (send again)
  'rate_limited', // 429 (with Retry-After)
  'headers_too_large', // 431: the request headers are past the server's limit
  'overloaded', // 503 (with Retry-After): the server sheds load; send again later
  'internal', // 500: the server's fault, never the client's
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  error: ApiErrorCode;
  message: string;
  details?: unknown;
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes((value as { error: string }).error)
  );
}

/**
 * Where a report stands with the server (transport only; the sync tests assert on it). What the
 * officer reads — one stage, one sentence, one action — is `reportLifecycle()` in `lifecycle.ts`.
 * - `local`: only on this phone (never reached the server, or changed since)
 * - `saved`: the server holds this exact draft
 * - `sent`: marked ready and held by the server, waiting for the superior
 * - `accepted` / `returned`: the superior's decision
 * - `conflict`: needs the officer's decision (the other device changed the same fields)
 * - `refused`: the server keeps refusing it (422, 409); the reason is shown on the report
 */
export const REPORT_SYNC_PHASES = ['local', 'saved', 'sent', 'accepted', 'returned', 'conflict', 'refused'] as const;
export type ReportSyncPhase = (typeof REPORT_SYNC_PHASES)[number];

/**
 * What a device remembers about a report's place on the server. Kept beside the document in the
 * local database and carried in backups, so that a new phone can go on syncing where the old stopped.
 */
export interface LocalReportSync {
  /** The last server revision this device saw (the base of the next push), or null if never synced. */
  serverRevision: string | null;
  /** The document at `serverRevision`: the common ancestor for a three-way merge. */
  base: ReportDocument | null;
  /** The local document changed since `serverRevision` and waits in the outbox. */
  pending: boolean;
  review: ReviewDecision | null;
  /** Why the server keeps refusing this report (422, 409), shown on it; null otherwise. */
  refusal: ApiError | null;
  /** The server's copy when a push met a concurrent change that needs the officer's decision. */
  conflict: ServerReport | null;
  /**
   * Pushes sent without an answer (connection cut, timeout), oldest first: the server may hold one
   * of them as a revision this device does not know. The engine replays each with its own
   * Idempotency-Key before the next push, so the server says which revision it became (device-local,
   * not in backups; absent on data written before it existed).
   */
  unanswered?: UnansweredPush[];
  /** The superior's last return of this report (absent in data written before it was kept). */
  lastReturn?: ReturnedRevision | null;
}

export interface UnansweredPush {
  idempotencyKey: string;
  document: ReportDocument;
  /** The If-Match it was sent with (null: sent as a creation). */
  serverRevision: string | null;
}

/**
 * The superior's last return of a report, remembered by the device: the server clears its decision
 * as soon as a new revision arrives, but the officer still needs the comment while fixing, and
 * "sent again" and "changed since it was returned" are measured against it (`lifecycle.ts`).
 */
export interface ReturnedRevision {
  review: ReviewDecision;
  /** The server revision that was returned, and its document. */
  revision: string;
  document: ReportDocument;
}

/**
 * The memory of the last return after the device takes in a server copy: a returned decision is
 * remembered with its revision and document; any other copy keeps what was remembered.
 */
export function rememberReturn(
  previous: ReturnedRevision | null | undefined,
  server: Pick<ServerReport, 'review' | 'revision' | 'document'>,
): ReturnedRevision | null {
  if (server.review?.status === 'returned') {
    if (previous?.revision === server.revision && previous.review.decidedAt === server.review.decidedAt) return previous;
    return { review: server.review, revision: server.revision, document: server.document };
  }
  return previous ?? null;
}

export function neverSynced(): LocalReportSync {
  return { serverRevision: null, base: null, pending: true, review: null, refusal: null, conflict: null };
}

/** The phase shown to the officer, derived from the local sync state (never stored separately). */
export function syncPhase(report: ReportDocument, sync: LocalReportSync): ReportSyncPhase {
  if (sync.conflict) return 'conflict';
  if (sync.refusal) return 'refused';
  if (sync.pending || sync.serverRevision == null) return 'local';
  if (sync.review) return sync.review.status;
  return report.status === 'ready' ? 'sent' : 'saved';
}
