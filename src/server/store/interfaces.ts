/**
 * What the services see of the store: the reads any connection may run (`StoreReads`), the reads and
 * writes of one write transaction (`StoreWrites`), and the store itself (`Store`), with the records they
 * hand back. Each method's query lives in its aggregate's module (named in the method's comment);
 * store.ts assembles the modules behind these interfaces and re-exports them, so a service imports
 * from store.ts alone.
 */
import type { Kysely } from 'kysely';
import type { ReportPeriod } from '../../domain/period';
import type { ReportingRound } from '../../domain/round';
import type { NodeContents, OverviewScope, ReviewDecisionEntry, RevisionSummary, UnionDevice, UnionMove } from '../../domain/staff';
import type { StaffRole, Superior } from '../../domain/organisation';
import type { AuditEntry } from '../../domain/audit';
import type { BackupRecord } from './backups';
import type { AuditFilter, NewAuditEntry } from './audit';
import type { NewDevice } from './devices';
import type { FormRollupCountsRecord, FormRollupQuery, FormRollupSumsRecord, FormRollupUnionRecord, FormRollupValueRecord } from './formRollups';
import type { FormPublication, FormRecord, NewFormRecord } from './forms';
import type { EnrolmentCodeRecord, NewEnrolmentCode } from './enrolmentCodes';
import type { NewUnion, NodeChange, NodeRecord, UnionChange, UnionRecord } from './organisation';
import type { OverviewLineRecord, OverviewTotalsRecord } from './overviews';
import type { PeriodTableLineRecord, PeriodTableRequest, PeriodTableTotalsRecord } from './periodTable';
import type { IdempotencyRecord, NewIdempotency, PushedReportHead, PushReads, PushReadsRequest, ReportValuesChange, UnionLock } from './push';
import type { ReportRecord } from './reports';
import type { NewRoundRecord, RoundChangeRecord, RoundRecord } from './rounds';
import type { Database, StoreKind } from './schema';
import type { NewSession, NewStaff, StaffRecord, StaffSessionRecord } from './staff';
import type { NotificationQueries } from './notifications';
import type { SentReportOfPeriod } from './periods';
import type { StaffSessionSummary, StaffTotpRecord } from './staffSecurity';

// The records the services work with, from the modules that read and write them.
export type { StoreKind } from './schema';
export type { AuditFilter, NewAuditEntry } from './audit';
export type { NotificationQueries } from './notifications';
export type { BackupRecord } from './backups';
export type { EnrolmentCodeRecord } from './enrolmentCodes';
export type { FormPublication, FormRecord, NewFormRecord } from './forms';
export type { FormRollupCountsRecord, FormRollupQuery, FormRollupSumsRecord, FormRollupUnionRecord, FormRollupValueRecord } from './formRollups';
export type { NewUnion, NodeRecord, UnionRecord } from './organisation';
export type { OverviewLineRecord, OverviewTotalsRecord, ReportRecordCore } from './overviews';
export type { PeriodTableColumnSums, PeriodTableLineRecord, PeriodTableRequest, PeriodTableTotalsRecord } from './periodTable';
export type { IdempotencyRecord, PushedReportHead, PushReads, PushReadsRequest } from './push';
export type { ReportRecord } from './reports';
export type { NewRoundRecord, RoundChangeRecord, RoundRecord } from './rounds';
export type { StaffRecord, StaffSessionRecord } from './staff';
export type { StaffSessionSummary, StaffTotpRecord } from './staffSecurity';

export interface MigrationOutcome {
  applied: string[];
}

/** Reads that need no lock. */
export interface StoreReads {
  findUnion(id: string): Promise<UnionRecord | undefined>;
  /** The union with this code (stored upper-case). */
  findUnionByCode(code: string): Promise<UnionRecord | undefined>;
  listUnions(): Promise<UnionRecord[]>;
  /** The CĐCS directly under a node, by name. */
  listUnionsUnder(nodeId: string): Promise<UnionRecord[]>;
  /** A union's superior as the officer's app shows it. */
  findSuperiorOfUnion(unionId: string): Promise<Superior | undefined>;
  findNode(id: string): Promise<NodeRecord | undefined>;
  findNodeByCode(code: string): Promise<NodeRecord | undefined>;
  listNodes(ids: readonly string[]): Promise<NodeRecord[]>;
  listRootNodes(): Promise<NodeRecord[]>;
  /** Nodes directly under a node, by name, each with how many CĐCS its subtree holds. */
  listChildNodes(parent: NodeRecord): Promise<(NodeRecord & { unionCount: number })[]>;
  nodeContents(id: string): Promise<NodeContents>;
  listUnionMoves(unionId: string): Promise<UnionMove[]>;
  /**
   * The lines of a node's period table: every union of the period whose report was filed under the
   * subtree of `node`, or (no report sent) whose current superior is in it; only those owned by
   * `node` itself for the `direct` scope.
   */
  /** `dueOn`: the day the period fell due (domain/periodSuperior.ts): a moved union's unsent period stays with the superior it had then. */
  overviewLines(node: NodeRecord, year: number, kind: string, dueOn: string, scope: OverviewScope, formId?: string): Promise<OverviewLineRecord[]>;
  /** The subtree's lines summed per node they belong to (at most one row per node of the subtree). */
  overviewTotals(node: NodeRecord, year: number, kind: string, dueOn: string, formId?: string): Promise<OverviewTotalsRecord[]>;
  /** One page of the lines owned by the node itself for a period and form, filtered and sorted in SQL (./periodTable.ts). */
  periodTablePage(request: PeriodTableRequest, offset: number, limit: number): Promise<{ lines: PeriodTableLineRecord[]; totals: PeriodTableTotalsRecord | null }>;
  /** The count and the totals row over every line of that table the filters keep (for an empty page). */
  periodTableTotals(request: PeriodTableRequest): Promise<PeriodTableTotalsRecord>;
  /** Every node of a subtree, the node itself included. */
  listSubtreeNodes(node: NodeRecord): Promise<NodeRecord[]>;
  /** A form's roll-up at a node (./formRollups.ts): the sums per filing node and code, in one aggregate query. */
  formRollupSums(node: NodeRecord, query: FormRollupQuery): Promise<FormRollupSumsRecord[]>;
  /** The CĐCS that owe the form's report and those that sent it, per node of the subtree. */
  formRollupCounts(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>): Promise<FormRollupCountsRecord[]>;
  /** Every CĐCS of the roll-up, with its counted report if any (the spreadsheet's lists). */
  formRollupUnions(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>): Promise<FormRollupUnionRecord[]>;
  /** The stored values of the roll-up's counted reports (the spreadsheet's sheet of CĐCS). */
  formRollupValues(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>): Promise<FormRollupValueRecord[]>;
  findDevice(id: string): Promise<UnionDevice | undefined>;
  findDeviceByTokenHash(tokenHash: string): Promise<UnionDevice | undefined>;
  listDevices(unionId: string): Promise<UnionDevice[]>;
  /** How many devices that are not revoked each union has (unions without any are left out). */
  countActiveDevices(): Promise<Map<string, number>>;
  findEnrolmentCodeByHash(codeHash: string): Promise<EnrolmentCodeRecord | undefined>;
  findEnrolmentCode(id: string): Promise<EnrolmentCodeRecord | undefined>;
  /** A union's codes still valid at `now` (not expired, used up or withdrawn), the newest first. */
  listValidEnrolmentCodes(unionId: string, now: string): Promise<EnrolmentCodeRecord[]>;
  findStaffByUsername(username: string): Promise<StaffRecord | undefined>;
  findStaff(id: string): Promise<StaffRecord | undefined>;
  listStaff(nodeId: string): Promise<StaffRecord[]>;
  findSessionByTokenHash(tokenHash: string): Promise<StaffSessionRecord | undefined>;
  /** Two-step sign-in, sessions, the forced password change (./staffSecurity.ts). */
  findStaffTotp(staffId: string): Promise<StaffTotpRecord | undefined>;
  listStaffSessions(staffId: string, now: string, idleSince: string): Promise<StaffSessionSummary[]>;
  countUnusedRecoveryCodes(staffId: string): Promise<number>;
  findLoginChallenge(tokenHash: string): Promise<{ staffId: string; expiresAt: string } | undefined>;
  findTotpRequirement(path: string): Promise<{ nodeId: string } | null>;
  nodeRequiresTotp(nodeId: string): Promise<boolean>;
  findReport(id: string): Promise<ReportRecord | undefined>;
  /** A report and the path of the node it belongs to (filed under, or its union's superior for a draft). */
  findReportWithOwner(id: string): Promise<{ report: ReportRecord; owner: NodeRecord } | undefined>;
  /** The union's report of the period that answers the form `formId` (default: Plan 94). */
  findReportByPeriod(unionId: string, year: number, kind: string, formId?: string): Promise<ReportRecord | undefined>;
  listReportsForPeriod(year: number, kind: string): Promise<ReportRecord[]>;
  /** Reports of a union changed after `afterSeq`, in change order; at most `limit`. */
  listChanges(unionId: string, afterSeq: number, limit: number): Promise<ReportRecord[]>;
  /** A report's kept revisions, oldest first, each a send (`ready`) or a draft (./decisions.ts). */
  listRevisions(reportId: string): Promise<RevisionSummary[]>;
  /** The document JSON of one revision (revisions never change once written). */
  findRevisionDocument(reportId: string, revision: number): Promise<string | undefined>;
  /** Every review decision on a report, oldest first. */
  listReviewDecisions(reportId: string): Promise<ReviewDecisionEntry[]>;
  /** The path of the node whose staff made the report's last acceptance; null when not known (./decisions.ts). */
  findAcceptanceNodePath(reportId: string): Promise<string | null>;
  findIdempotency(deviceId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * The round of a period that applies to a union (opened on its superior or the nearest node above it
   * that opened one), as the union sees it: a reopening for it applied. One query.
   */
  /** The round of the period that asks for the form `formId`, as the union sees it. */
  findRoundForUnion(unionId: string, year: number, kind: string, formId: string): Promise<ReportingRound | null>;
  /** Reporting rounds (./rounds.ts): one by id, or those opened on any of these nodes (optionally of one period). */
  findRound(id: string): Promise<RoundRecord | undefined>;
  listRoundsOfNodes(nodeIds: readonly string[], period?: { year: number; kind: string }): Promise<RoundRecord[]>;
  /** A round's history of changes (its deadline's), oldest first. */
  listRoundChanges(roundId: string): Promise<RoundChangeRecord[]>;
  /** Periods reports were sent for (./periods.ts): the latest under a node's subtree, and those near a period. */
  latestSentPeriod(node: NodeRecord): Promise<ReportPeriod | null>;
  sentNearPeriod(node: NodeRecord, scope: OverviewScope, period: ReportPeriod, since: string, formId?: string): Promise<SentReportOfPeriod[]>;
  /** The audit log under a path, newest first (./audit.ts). */
  listAuditEntries(filter: AuditFilter): Promise<AuditEntry[]>;
  /** Who (with an account) and which unions the entries under a path name. */
  listAuditChoices(path: string): Promise<{ people: { staffId: string; username: string }[]; unionIds: string[] }>;
  /** Notifications to the officer's phone (./notifications.ts): subscriptions, reminder schedules, the outbox. */
  readonly notifications: NotificationQueries;
  /** The last backup whose check passed (./backups.ts). */
  lastGoodBackup(): Promise<BackupRecord | undefined>;
  /** Report forms (./forms.ts): one version, every version of a code (oldest first), those owned by any of these nodes. */
  findForm(code: string, version: number): Promise<FormRecord | undefined>;
  listFormVersions(code: string): Promise<FormRecord[]>;
  listFormsOfNodes(nodeIds: readonly string[]): Promise<FormRecord[]>;
}

/** Reads and writes inside one write transaction (writers run one at a time). */
export interface StoreWrites extends StoreReads {
  /**
   * Call first in a transaction that changes a union's reports: locks the union (its writers queue,
   * other unions' do not) and returns its next change_seq, greater than every one handed out before.
   * A transaction that ends up changing nothing just leaves a gap, which cursors do not mind.
   */
  lockUnionForChange(unionId: string): Promise<UnionLock>;
  /**
   * A push's first step: lockUnionForChange, then findRoundForUnion, findIdempotency and
   * findReportForPush, in that order, sent together (one round trip on PostgreSQL).
   */
  lockAndReadForPush(push: PushReadsRequest): Promise<PushReads>;
  insertUnion(union: NewUnion): Promise<void>;
  setUnionSuperior(unionId: string, superiorId: string): Promise<void>;
  /** Changes the union's own record (name, code, employer, sector); its superior moves only with setUnionSuperior. */
  updateUnion(unionId: string, change: UnionChange): Promise<void>;
  insertUnionMove(move: UnionMove): Promise<void>;
  /** Call first in a transaction that changes the tree's shape: such changes run one at a time (no cycle from two racing moves). */
  lockTree(): Promise<void>;
  insertNode(node: NodeRecord): Promise<void>;
  updateNode(id: string, change: NodeChange): Promise<void>;
  /** Moves a node and its whole subtree: parent, and every path that starts with `oldPath`. */
  reparentNode(id: string, parentId: string, oldPath: string, newPath: string): Promise<void>;
  deleteNode(id: string): Promise<void>;
  insertDevice(device: NewDevice): Promise<void>;
  setDeviceLastSeen(id: string, at: string): Promise<void>;
  /** True when this call revoked it; false when it was revoked before. */
  revokeDevice(id: string, at: string): Promise<boolean>;
  insertEnrolmentCode(code: NewEnrolmentCode): Promise<void>;
  /** Counts one use if the code is still valid at `now`; false when expired, used up or withdrawn. */
  useEnrolmentCode(id: string, now: string): Promise<boolean>;
  /** Withdraws a code (no further enrolment with it); one already withdrawn keeps its first time. */
  /** True when this call withdrew it; false when it was withdrawn before. */
  withdrawEnrolmentCode(id: string, at: string): Promise<boolean>;
  insertStaff(staff: NewStaff): Promise<void>;
  /** Sets the password and ends the member's sessions. */
  setStaffPassword(id: string, passwordHash: string): Promise<void>;
  /** Gives the member another role; their sessions go on under it from their next request. */
  setStaffRole(id: string, role: StaffRole): Promise<void>;
  /** Removes the member and their sessions. */
  deleteStaff(id: string): Promise<void>;
  insertSession(session: NewSession): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Sets the password and the forced change; ends the member's sessions but `keepTokenHash`. */
  replaceStaffPassword(staffId: string, passwordHash: string, mustChange: boolean, keepTokenHash: string | null): Promise<void>;
  deleteStaffSession(staffId: string, id: string): Promise<boolean>;
  touchStaffSession(tokenHash: string, at: string): Promise<void>;
  setPendingTotpSecret(staffId: string, secret: string): Promise<void>;
  enableTotp(staffId: string, at: string, recoveryCodeHashes: readonly string[]): Promise<void>;
  disableTotp(staffId: string): Promise<void>;
  useTotpStep(staffId: string, step: number): Promise<boolean>;
  useRecoveryCode(staffId: string, codeHash: string, at: string): Promise<boolean>;
  insertLoginChallenge(challenge: { tokenHash: string; staffId: string; expiresAt: string }): Promise<void>;
  deleteLoginChallenge(tokenHash: string): Promise<boolean>;
  setNodeRequireTotp(nodeId: string, required: boolean): Promise<void>;
  insertReport(report: ReportRecord): Promise<void>;
  /**
   * `document`: the report parsed, when the caller holds it (spares parsing `documentJson` again for the figures).
   * `previous`: the head the push read; when no indexed column changes, only the content is updated.
   */
  updateReport(report: ReportRecord, document?: object, previous?: PushedReportHead): Promise<void>;
  /** Keeps the revision just written by insertReport or updateReport (its number, time and document), from the device. */
  keepRevision(reportId: string, deviceId: string): Promise<void>;
  /** A push's new revision of a stored report: updateReport, then keepRevision (on PostgreSQL one statement). */
  updateReportKeepingRevision(report: ReportRecord, deviceId: string, document: object, previous: PushedReportHead): Promise<void>;
  /** The report's rows and running sums for the roll-ups after a push (./push.ts `replaceReportValues`). */
  replaceReportValues(change: ReportValuesChange): Promise<void>;
  insertIdempotency(entry: NewIdempotency): Promise<void>;
  /** `decision.node`: the node of the staff member who decided, named as now (null for the command line) (./decisions.ts). */
  insertReviewDecision(reportId: string, decision: ReviewDecisionEntry): Promise<void>;
  /**
   * Deletes one stored revision if it is a draft; a revision marked ready (the ones the superior
   * reviews) is kept. The push service calls it for the revision that just left the newest few.
   */
  thinDraftRevision(reportId: string, revision: number): Promise<void>;
  /** Forget what is no longer needed: idempotency keys and sessions older than `before` / expired at `now`. */
  deleteExpired(idempotencyBefore: string, now: string): Promise<void>;
  insertRound(round: NewRoundRecord): Promise<void>;
  /** Closed since `at` for everyone, or open again (null); either ends the round's reopenings. */
  setRoundClosed(id: string, at: string | null): Promise<void>;
  putRoundReopening(roundId: string, unionId: string, at: string, deadline: string | null): Promise<void>;
  deleteRoundReopening(roundId: string, unionId: string): Promise<boolean>;
  /** Moves the round's deadline and keeps the change in its history (nothing when it is the same). */
  setRoundDeadline(id: string, deadline: string, change: Pick<RoundChangeRecord, 'changedAt' | 'changedByStaffId'>): Promise<void>;
  /** Appends to the audit log, in the transaction of the change it records (services/audit.ts). */
  insertAuditEntry(entry: NewAuditEntry): Promise<void>;
  /** Backups made (./backups.ts): claimed before (false: that night is already another process's), finished after. */
  claimBackup(backup: { id: string; startedAt: string; night: string | null; file: string }): Promise<boolean>;
  finishBackup(id: string, outcome: { finishedAt: string; sizeKb: number | null; rows: number | null; ok: boolean; error: string | null }): Promise<void>;
  /** A new draft of a form; an existing (code, version) is a unique violation. */
  insertFormDraft(form: NewFormRecord): Promise<void>;
  /** Replaces a draft's content; a published version is never changed (FormPublishedError). */
  replaceFormDraft(form: NewFormRecord): Promise<void>;
  /** A draft becomes published for good; one already published throws FormPublishedError. */
  publishForm(code: string, version: number, definitionJson: string, publication: FormPublication): Promise<void>;
}

export interface Store extends StoreReads {
  readonly kind: StoreKind;
  /** Runs `work` in one transaction. Writers of one union's reports serialise on `lockUnionForChange`. */
  write<T>(work: (tx: StoreWrites) => Promise<T>): Promise<T>;
  migrate(options?: { to?: string }): Promise<MigrationOutcome>;
  close(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** For tests and the migration check: the Kysely instance underneath. */
  readonly db: Kysely<Database>;
}
