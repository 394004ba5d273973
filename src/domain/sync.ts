/**
 * The sync protocol between the officer's device and the province's server: what travels on the
 * wire, and the error codes both sides know. Documented for people in docs/api.md.
 */
import type { Superior } from './organisation';
import type { UnionAddress } from './profile';
import type { ReportDocument } from './report';
import type { ReportingRound } from './round';
import type { FormDefinition } from './forms/definition';

/** Bodies larger than this are refused with 413 `payload_too_large`. */
export const MAX_REPORT_BODY_BYTES = 256 * 1024;

/** The superior's decision on a report that was sent to it (`POST …/review`). */
export const REVIEW_STATUSES = ['accepted', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * What a report's last entry in the superior's decision history can say: a decision, or an
 * acceptance withdrawn (`POST …/withdraw-acceptance`, with its reason as the comment), which puts the
 * report back to waiting for a decision. Kept beside REVIEW_STATUSES so that the review endpoint still
 * accepts only the two decisions.
 */
export const DECISION_STATUSES = [...REVIEW_STATUSES, 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface ReviewDecision {
  status: DecisionStatus;
  /** The superior's comment; required when a report is returned; for `withdrawn`, why the acceptance was withdrawn. */
  comment: string;
  decidedAt: string;
  /** The revision the superior read and decided on (absent on decisions recorded before it was kept). */
  revision?: string;
  /**
   * The node whose staff made the decision, by its name when it was made: a CĐCS that later moves to
   * another superior still reads who accepted or returned it (absent on decisions made before it was
   * kept, and on the command line's).
   */
  node?: DecisionNode;
}

/** The node that made a decision, named as it was at the decision. */
export interface DecisionNode {
  id: string;
  name: string;
}

/** The name of the node that made the decision, when the decision says. */
export function decisionNodeName(review: ReviewDecision | null | undefined): string | null {
  const name = review?.node?.name.trim();
  return name ? name : null;
}

/** A report as the server holds it. `revision` is opaque to the client; send it back in If-Match. */
export interface ServerReport {
  document: ReportDocument;
  revision: string;
  unionId: string;
  /**
   * Null until the superior decides; cleared when the union sends a new revision after a return or a
   * withdrawn acceptance. `withdrawn`: the report waits for a decision again (`decisionInForce()`).
   */
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
  /**
   * The definitions of the forms the rounds name that do not ship with the code (forms/reportForm.ts's
   * BUILTIN_FORMS), on every page: the phone keeps them in IndexedDB and fills the form offline.
   * Absent from a server that predates forms.
   */
  forms?: FormDefinition[];
}

/** `POST /api/enrol` body and answer. */
export interface EnrolRequest {
  code: string;
  deviceName: string;
}
export interface EnrolResponse {
  token: string;
  deviceId: string;
  /** `employer` and `sector` ('' or one of SECTORS) as the staff recorded them; absent from older servers. */
  union: { id: string; name: string; employer?: string; sector?: string };
  /** The union's direct superior (null only if the server knows none). */
  superior: Superior | null;
  /**
   * The union's commune and province as the names of its tree tell them (profile.ts), for the
   * officer's profile to start from; absent from older servers.
   */
  address?: UnionAddress;
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
  'limit_too_large', // 400: a page asked for more lines than the endpoint serves at once (domain/periodTable.ts)
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
  'report_not_accepted', // 409: only an accepted report's acceptance can be withdrawn
  'round_closed', // 409: the period's reporting round is closed to this union (details: RoundClosedDetails)
  'deadline_past', // 422: a round's deadline before today, not marked allowPastDeadline
  'node_not_empty', // 422: a node that still holds nodes, unions, staff or filed reports (details: NodeContents)
  'node_cycle', // 422: a node cannot go under itself or one of its own descendants
  'not_a_spreadsheet', // 422: the body is not an .xlsx file that can be read
  'form_invalid', // 422: the form's spreadsheet has problems (details: FormProblems, src/domain/forms/catalogue.ts)
  'form_published', // 409: this version of the form is published and never changes
  'form_not_published', // 409: only a published (or built-in) form is downloaded as a spreadsheet
  'unknown_form', // 422: a report or round names a form that is neither built in nor published by a node above (same answer for all three)
  'form_changed', // 409: a report answers one form version for life; a push naming another is refused (details.current: ServerReport)
  'enrolment_code_invalid', // 400 on enrol: unknown code
  'enrolment_code_expired', // 410 on enrol: expired, used up or withdrawn (details: EnrolmentCodeRefusal)
  'request_timeout', // 408: the headers or the body did not arrive in time (send again)
  'rate_limited', // 429 (with Retry-After)
  'headers_too_large', // 431: the request headers are past the server's limit
  'overloaded', // 503 (with Retry-After): the server sheds load; send again later
  'internal', // 500: the server's fault, never the client's
  'password_change_required', // 403: the session may only change the password (after an admin's reset)
  'totp_setup_required', // 403: the session may only set up two-step sign-in (its subtree requires it)
  'totp_already_enabled', // 409: two-step sign-in is on; turn it off before setting it up anew
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** `details` of a 410 `enrolment_code_expired`: why the code no longer enrols, for the officer to be told. */
export interface EnrolmentCodeRefusal {
  reason: 'expired' | 'used_up' | 'withdrawn';
}

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

/**
 * The decision that stands on a report: accepted or returned. A withdrawn acceptance is none (the
 * report waits for the superior again), though its reason is still shown.
 */
export function decisionInForce(review: ReviewDecision | null | undefined): (ReviewDecision & { status: ReviewStatus }) | null {
  return review && review.status !== 'withdrawn' ? (review as ReviewDecision & { status: ReviewStatus }) : null;
}

export function neverSynced(): LocalReportSync {
  return { serverRevision: null, base: null, pending: true, review: null, refusal: null, conflict: null };
}

/** The phase shown to the officer, derived from the local sync state (never stored separately). */
export function syncPhase(report: ReportDocument, sync: LocalReportSync): ReportSyncPhase {
  if (sync.conflict) return 'conflict';
  if (sync.refusal) return 'refused';
  if (sync.pending || sync.serverRevision == null) return 'local';
  const decision = decisionInForce(sync.review);
  if (decision) return decision.status;
  return report.status === 'ready' ? 'sent' : 'saved';
}
