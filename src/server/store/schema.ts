/**
 * Table shapes as both stores hold them. Only portable column types: text (ids, ISO timestamps,
 * JSON documents) and integer. Timestamps are ISO-8601 UTC strings, which sort as they compare.
 */
import type { Generated } from 'kysely';

/** The largest value an `integer` column holds on both stores (PostgreSQL's is 32-bit). */
export const MAX_STORED_INTEGER = 2_147_483_647;

export interface UnionsTable {
  id: string;
  name: string;
  created_at: string;
  /** The union's change counter: the last change_seq handed out to one of its reports. */
  change_seq: Generated<number>;
  /** The district's own code for the union (mã CĐCS); unique when given. */
  code: string | null;
  employer: Generated<string>;
  /** '' | 'public' | 'private' | 'foreign' (SECTORS) */
  sector: Generated<string>;
  /** The union's direct superior now (a node); set for every union since 0004. */
  superior_id: string | null;
}

/**
 * An upper-level node of the organisation tree. `path` is the materialised path of ids from the root,
 * `/<root id>/…/<own id>/`: a node is in another's subtree when its path starts with the other's.
 */
export interface NodesTable {
  id: string;
  kind: string;
  name: string;
  short_name: string;
  code: string | null;
  parent_id: string | null;
  path: string;
  created_at: string;
}

export interface UnionMovesTable {
  id: string;
  union_id: string;
  from_node_id: string | null;
  /** Names as they were at the move: the history reads the same after a node is renamed or deleted. */
  from_name: string | null;
  to_node_id: string;
  to_name: string;
  effective_date: string;
  moved_at: string;
  moved_by_staff_id: string | null;
  moved_by_username: string | null;
}

export interface DevicesTable {
  id: string;
  union_id: string;
  name: string;
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

export interface EnrolmentCodesTable {
  id: string;
  union_id: string;
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string;
  expires_at: string;
  max_uses: number;
  uses: Generated<number>;
  created_at: string;
  revoked_at: string | null;
}

export interface StaffTable {
  id: string;
  username: string;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` */
  password_hash: string;
  node_id: string;
  /** 'admin' | 'reviewer' | 'viewer' (STAFF_ROLES) */
  role: string;
  created_at: string;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
}

export interface ReportsTable {
  id: string;
  union_id: string;
  year: number;
  kind: string;
  revision: number;
  /** The ReportDocument as JSON text, in schema key order. */
  document: string;
  /** ReviewDecision as JSON text, or null. */
  review: string | null;
  saved_at: string;
  created_at: string;
  change_seq: number;
  /** The superior the report was filed under (when first marked ready); null for a draft never sent. */
  superior_id: string | null;
  // Figures taken out of the document on every write, so that overviews aggregate without parsing JSON.
  /** 'draft' | 'ready' */
  status: string;
  /** 'accepted' | 'returned' | null */
  review_status: string | null;
  workers: number | null;
  members: number | null;
  /** 1 / 0 (meetsUnionizationTarget), null without a rate. */
  meets_target: number | null;
  dialogue_sessions: number;
  /** Dialogue sessions by kind (DIALOGUE_KIND_COLUMNS), summing to dialogue_sessions for a document of known kinds. */
  dialogues_workplace: number;
  dialogues_district_committee: number;
  dialogues_party_government_leaders: number;
  dialogues_workers_conference: number;
  dialogues_other: number;
}

export interface ReportRevisionsTable {
  report_id: string;
  revision: number;
  device_id: string | null;
  saved_at: string;
  document: string;
}

export interface IdempotencyTable {
  device_id: string;
  key: string;
  body_hash: string;
  status: number;
  /** What the answer said besides the document (revision, review, savedAt) as JSON; the document is the revision's. */
  response: string;
  created_at: string;
}

export interface Database {
  unions: UnionsTable;
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  nodes: NodesTable;
  union_moves: UnionMovesTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  reports: ReportsTable;
  report_revisions: ReportRevisionsTable;
  idempotency: IdempotencyTable;
  reporting_rounds: ReportingRoundsTable;
  round_reopenings: RoundReopeningsTable;
  review_decisions: ReviewDecisionsTable;
  attempt_windows: AttemptWindowsTable;
  attempt_slots: AttemptSlotsTable;
}

/**
 * A rate limit's fixed window, shared by every server process (src/server/store/attemptWindows.ts).
 * `key` names the limit and what it counts (`enrol:<address>`, `login-account:<name>`, `push:<device>`).
 */
export interface AttemptWindowsTable {
  key: string;
  /** When the window ends (ISO); a window past its end starts again at the next count. */
  window_ends_at: string;
  /** What the window counted so far: failed guesses for the attempt limits, pushes for the push limit. */
  counted: number;
}

/** A guess being evaluated now (a slot of its key's window); deleted when its answer has left. */
export interface AttemptSlotsTable {
  id: string;
  key: string;
  /** When the slot was taken (ISO); a slot older than a request can live is a dead process's, and ignored. */
  started_at: string;
}

/** Every review decision on a report, kept as it was made (reports.review holds only the last). */
export interface ReviewDecisionsTable {
  id: string;
  report_id: string;
  /** The revision decided on; null for a decision carried over from before revisions were named in it. */
  revision: number | null;
  /** 'accepted' | 'returned' */
  status: string;
  comment: string;
  decided_at: string;
  /** Null for the admin command line and for decisions carried over by the upgrade. */
  staff_id: string | null;
  /** The decider's name as it was; null only for decisions carried over by the upgrade. */
  staff_username: string | null;
}

/** A reporting round a node opened for a period (src/domain/round.ts); one per node and period. */
export interface ReportingRoundsTable {
  id: string;
  node_id: string;
  year: number;
  kind: string;
  title: string;
  plan: string;
  activities_from: string;
  activities_to: string;
  deadline: string;
  opened_at: string;
  opened_by_staff_id: string | null;
  closed_at: string | null;
}

/** A closed round reopened for one CĐCS, with its own deadline or none. */
export interface RoundReopeningsTable {
  round_id: string;
  union_id: string;
  reopened_at: string;
  deadline: string | null;
}
