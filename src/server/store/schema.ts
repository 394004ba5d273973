/**
 * Table shapes as both stores hold them. Only portable column types: text (ids, ISO timestamps,
 * JSON documents) and integer. Timestamps are ISO-8601 UTC strings, which sort as they compare.
 */
import type { Generated, Kysely, Transaction } from 'kysely';

/** The largest value an `integer` column holds on both stores (PostgreSQL's is 32-bit). */
export const MAX_STORED_INTEGER = 2_147_483_647;

export interface UnionsTable {
  id: string;
  name: string;
  created_at: string;
  /** The union's change counter: the last change_seq handed out to one of its reports. */
  change_seq: Generated<number>;
  /** The union's code (mã CĐCS) as its superiors know it; unique when given. */
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
  /** 1 when every staff member of the subtree must sign in with two steps (0017). */
  require_totp: Generated<number>;
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
  /** The code's last characters, shown to the staff to tell codes apart (0012; null before). */
  code_hint: string | null;
  /** Who issued it (0012): the staff member's id (null for the admin command line) and name; both null before. */
  issued_by_staff_id: string | null;
  issued_by_username: string | null;
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
  /** 1 after an admin's reset: the next session may only change the password (0017). */
  must_change_password: Generated<number>;
  /** The TOTP secret (base32): set up but not yet confirmed while `totp_enabled_at` is null (0017). */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The TOTP time step of the last code accepted: a code is never accepted twice (0017). */
  totp_last_step: number | null;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
  /** What the member's list of sessions names it by (0017; the token's hash is never shown). */
  id: string | null;
  /** The last request, kept to the minute: a session idle for STAFF_IDLE_MINUTES ends (0017). */
  last_seen_at: string | null;
  address: string | null;
  user_agent: string | null;
}

/** One-time recovery codes for two-step sign-in, SHA-256 of the code (0017). */
export interface StaffRecoveryCodesTable {
  staff_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A sign-in whose password was right and that waits for its TOTP code (0017): short-lived, no session yet. */
export interface StaffLoginChallengesTable {
  token_hash: string;
  staff_id: string;
  expires_at: string;
}

export interface ReportsTable {
  id: string;
  union_id: string;
  year: number;
  kind: string;
  /** The form the report answers (0021; src/domain/forms/reportForm.ts): one report per union, period and form. */
  form_id: string;
  form_version: number;
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
  /** 'accepted' | 'returned' | 'withdrawn' | null (the last entry of the decision history) */
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

/** Which database a store runs on. */
export type StoreKind = 'sqlite' | 'postgres';

/** What the query modules (organisation.ts, reports.ts, …) run on: the store's connection, or a `write`'s transaction. */
export type Queries = Kysely<Database> | Transaction<Database>;

export interface Database {
  unions: UnionsTable;
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  nodes: NodesTable;
  union_moves: UnionMovesTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_login_challenges: StaffLoginChallengesTable;
  reports: ReportsTable;
  report_revisions: ReportRevisionsTable;
  idempotency: IdempotencyTable;
  reporting_rounds: ReportingRoundsTable;
  round_reopenings: RoundReopeningsTable;
  round_changes: RoundChangesTable;
  review_decisions: ReviewDecisionsTable;
  attempt_windows: AttemptWindowsTable;
  attempt_slots: AttemptSlotsTable;
  audit_log: AuditLogTable;
  server_keys: ServerKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  round_reminders: RoundRemindersTable;
  reminder_steps: ReminderStepsTable;
  push_outbox: PushOutboxTable;
  backups: BackupsTable;
  report_forms: ReportFormsTable;
  report_values: ReportValuesTable;
  report_value_sums: ReportValueSumsTable;
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
  /** 'accepted' | 'returned' | 'withdrawn' (DECISION_STATUSES; a withdrawal's comment is its reason) */
  status: string;
  comment: string;
  decided_at: string;
  /** Null for the admin command line and for decisions carried over by the upgrade. */
  staff_id: string | null;
  /** The decider's name as it was; null only for decisions carried over by the upgrade. */
  staff_username: string | null;
  /**
   * The node of the staff member who decided (who may withdraw an acceptance: its reviewers and those
   * above); null for the command line and for decisions kept before migration 0012 named it.
   */
  node_id: string | null;
  /** That node's name at the decision (migration 0014): what the CĐCS is told after it moves elsewhere. */
  node_name: string | null;
}

/** A reporting round a node opened for a period (src/domain/round.ts); one per node and period. */
export interface ReportingRoundsTable {
  id: string;
  node_id: string;
  year: number;
  kind: string;
  /** The form the round asks for (0021): one round per node, period and form. */
  form_id: string;
  form_version: number;
  title: string;
  plan: string;
  activities_from: string;
  activities_to: string;
  deadline: string;
  opened_at: string;
  opened_by_staff_id: string | null;
  closed_at: string | null;
}

/** One change of a round (today: of its deadline), kept as its history (migration 0015). */
export interface RoundChangesTable {
  round_id: string;
  changed_at: string;
  /** Null for the command line. */
  changed_by_staff_id: string | null;
  /** What changed: 'deadline'. */
  field: string;
  from_value: string | null;
  to_value: string | null;
}

/** One entry of the audit log (migration 0016, src/domain/audit.ts): never updated, never deleted. */
export interface AuditLogTable {
  id: string;
  at: string;
  /** AUDIT_ACTIONS */
  action: string;
  actor_staff_id: string | null;
  actor_username: string;
  actor_node_id: string | null;
  address: string | null;
  node_id: string | null;
  /** The path of `node_id` at the time ('/' for changes above every node, such as a new root). */
  node_path: string;
  union_id: string | null;
  target_kind: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** A backup made (migration 0018, src/server/services/backups.ts); `ok` 1 once its check passed. */
export interface BackupsTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  /** The Vietnam date of a nightly backup (unique: one process makes it); null for the command line's. */
  night: string | null;
  file: string;
  /** Kilobytes: PostgreSQL's integer holds 2 GB of bytes, which a province's backup may pass one day. */
  size_kb: number | null;
  rows: number | null;
  ok: Generated<number>;
  error: string | null;
}

/** A closed round reopened for one CĐCS, with its own deadline or none. */
export interface RoundReopeningsTable {
  round_id: string;
  union_id: string;
  reopened_at: string;
  deadline: string | null;
}

// ---- notifications to the officer's phone (migration 0019, src/server/services/notifications.ts) ----

/** A key pair the server made for itself and keeps (today: 'vapid', the Web Push signing key). */
export interface ServerKeysTable {
  name: string;
  /** base64url, as web-push reads and writes them. */
  public_key: string;
  private_key: string;
  created_at: string;
}

/** A device's Web Push subscription, or what the device said instead (one row per device). */
export interface PushSubscriptionsTable {
  device_id: string;
  union_id: string;
  /** 'subscribed' | 'refused' | 'expired' | 'off' (PUSH_REACH less 'never') */
  state: string;
  /** The push service's URL and the browser's keys; null unless subscribed (or expired, kept for the record). */
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  /** When the browser said the subscription ends (ISO), or null. */
  expires_at: string | null;
  updated_at: string;
}

/** A round's reminder schedule, when its superior set one (else the default). */
export interface RoundRemindersTable {
  round_id: string;
  /** JSON array of whole days before the deadline, e.g. [7,3,1]; [] for none. */
  days_before: string;
  updated_at: string;
  updated_by_staff_id: string | null;
}

/** A reminder step taken: one row per (round, deadline, days before), whatever the processes. */
export interface ReminderStepsTable {
  /** `<round>:<deadline>:<days before>` */
  key: string;
  round_id: string;
  taken_at: string;
}

/** One notification to one device: queued with its event, sent by the worker. */
export interface PushOutboxTable {
  id: string;
  /** Unique: the step or event and the device (`reminder:<round>:<deadline>:<days>:<device>`). */
  key: string;
  device_id: string;
  union_id: string;
  round_id: string | null;
  /** The payload's kind (PUSH_KINDS). */
  kind: string;
  /** The payload as JSON text, as it will be encrypted. */
  payload: string;
  /** 'pending' | 'delivered' | 'refused' | 'expired' | 'dropped' */
  state: string;
  attempts: Generated<number>;
  /** Not before this moment (ISO): the first try, or the backoff's next one. */
  next_attempt_at: string;
  /** A process that claimed it sends until then (ISO); null when nobody holds it. */
  lease_until: string | null;
  /** The push service's last answer (HTTP status), or null. */
  last_status: number | null;
  created_at: string;
  finished_at: string | null;
}

/**
 * One version of a report form a node uploaded (migration 0020_report_forms, src/domain/forms): a
 * draft until an admin publishes it, then never updated (store/forms.ts refuses). The built-in forms
 * are not rows: they ship with the code (src/domain/forms/builtin).
 */
export interface ReportFormsTable {
  /** The form's id as the spreadsheet names it (`ma_bieu_mau`), kept across its versions. */
  code: string;
  version: number;
  title: string;
  /** FORM_STATUSES: 'draft' | 'published' */
  status: string;
  /** The FormDefinition as JSON, its `status` the row's. */
  definition: string;
  /** The node whose subtree the form is for; every version of a code belongs to the same node. */
  node_id: string;
  created_at: string;
  /** Null for the command line. */
  created_by_staff_id: string | null;
  created_by_username: string;
  published_at: string | null;
  published_by_staff_id: string | null;
  published_by_username: string | null;
}

/**
 * One answered numeric or yes/no row of a report (0021, store/reportValues.ts): what a node's roll-up
 * of a form adds up in one aggregate query. Written with the report in the push's transaction.
 */
export interface ReportValuesTable {
  report_id: string;
  code: string;
  form_id: string;
  year: number;
  kind: string;
  /** The figure; 1 / 0 for yes / no. */
  number: number;
  /** For a row added up as a weighted mean: its weight row's value in the same report, when given. */
  weight: number | null;
}

/**
 * The running sums of the roll-ups (0023, store/reportValueSums.ts): per node the counted reports were
 * filed under, form, period and row code. Kept with each push in its transaction.
 */
export interface ReportValueSumsTable {
  node_id: string;
  form_id: string;
  year: number;
  kind: string;
  code: string;
  /** Counted reports that gave the row (for a ratio row: pairs with a positive denominator). */
  reports: number;
  /** Σ number (a ratio row: Σ numerator). */
  total: number;
  /** For a weighted mean's row: reports with a positive weight, Σ number × weight over them. */
  weighted_reports: number;
  weighted: number;
  /** Σ weight over the weighted reports (a ratio row: Σ denominator). */
  weight: number;
}
