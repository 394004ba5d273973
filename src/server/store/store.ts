/**
 * The one store the services depend on. Rows come back as plain records (camelCase); documents stay
 * JSON text here, and the services parse them. One Kysely implementation serves both SQLite and
 * PostgreSQL: the queries are the same, only opening and write locking differ.
 *
 * The queries live in one module per aggregate, each a set of functions taking the connection or
 * transaction to run on: organisation.ts (nodes and unions), moves.ts, devices.ts, enrolmentCodes.ts,
 * staff.ts (staff and sessions), reports.ts (reports, revisions, review decisions), overviews.ts,
 * rounds.ts, forms.ts (report forms), and push.ts (the statements every push runs, prepared once per store). This file holds
 * the interfaces the services see and the class that puts the modules behind them.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import type { ReportPeriod } from '../../domain/period';
import type { ReportingRound } from '../../domain/round';
import type { NodeContents, OverviewScope, ReviewDecisionEntry, RevisionSummary, UnionDevice, UnionMove } from '../../domain/staff';
import type { StaffRole, Superior } from '../../domain/organisation';
import type { AuditEntry } from '../../domain/audit';
import * as audit from './audit';
import * as backups from './backups';
import type { BackupRecord } from './backups';
import type { AuditFilter, NewAuditEntry } from './audit';
import * as decisions from './decisions';
import * as devices from './devices';
import type { NewDevice } from './devices';
import * as enrolmentCodes from './enrolmentCodes';
import * as forms from './forms';
import * as formRollups from './formRollups';
import type { FormRollupCountsRecord, FormRollupQuery, FormRollupSumsRecord, FormRollupUnionRecord, FormRollupValueRecord } from './formRollups';
import type { FormPublication, FormRecord, NewFormRecord } from './forms';
import type { EnrolmentCodeRecord, NewEnrolmentCode } from './enrolmentCodes';
import { migrationProvider } from './migrations';
import { NotificationQueries } from './notifications';
import * as moves from './moves';
import * as organisation from './organisation';
import type { NewUnion, NodeChange, NodeRecord, UnionChange, UnionRecord } from './organisation';
import * as overviews from './overviews';
import type { OverviewLineRecord, OverviewTotalsRecord } from './overviews';
import * as periodTable from './periodTable';
import type { PeriodTableRequest, PeriodTableTotalsRecord } from './periodTable';
import * as periods from './periods';
import * as push from './push';
import type { IdempotencyRecord, NewIdempotency, PushedReportHead, PushQueries, PushReads, PushReadsRequest, ReportValuesChange, UnionLock } from './push';
import * as reports from './reports';
import type { NewRevision, ReportRecord } from './reports';
import * as rounds from './rounds';
import type { NewRoundRecord, RoundChangeRecord, RoundRecord } from './rounds';
import type { Database, Queries, StoreKind } from './schema';
import * as staff from './staff';
import type { NewSession, NewStaff, StaffRecord, StaffSessionRecord } from './staff';
import * as staffSecurity from './staffSecurity';
import type { StaffSessionSummary, StaffTotpRecord } from './staffSecurity';
import { STAFF_IDLE_MINUTES } from '../../domain/staff';

// The records the services work with, from the modules that read and write them.
export type { StoreKind } from './schema';
export type { AuditFilter, NewAuditEntry } from './audit';
export type { NotificationQueries } from './notifications';
export type { BackupRecord } from './backups';
export type { EnrolmentCodeRecord } from './enrolmentCodes';
export type { FormPublication, FormRecord, NewFormRecord } from './forms';
export type { FormRollupCountsRecord, FormRollupQuery, FormRollupSumsRecord, FormRollupUnionRecord, FormRollupValueRecord } from './formRollups';
export { FormPublishedError } from './forms';
export type { NewUnion, NodeRecord, UnionRecord } from './organisation';
export type { OverviewLineRecord, OverviewTotalsRecord, ReportRecordCore } from './overviews';
export type { PeriodTableRequest, PeriodTableTotalsRecord } from './periodTable';
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
  periodTablePage(request: PeriodTableRequest, offset: number, limit: number): Promise<{ lines: OverviewLineRecord[]; totals: PeriodTableTotalsRecord | null }>;
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
  sentNearPeriod(node: NodeRecord, scope: OverviewScope, period: ReportPeriod, since: string, formId?: string): Promise<periods.SentReportOfPeriod[]>;
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
  insertRevision(revision: NewRevision): Promise<void>;
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

/**
 * Every query of the store on one connection or transaction: each method hands its arguments to its
 * module. A class, so that a write transaction (one per push) costs one small object: the methods are
 * shared, not closures made again for each transaction.
 */
class KyselyQueries implements StoreWrites {
  constructor(
    protected readonly q: Queries,
    protected readonly prepared: PushQueries,
    readonly kind: StoreKind,
  ) {}

  // ---- nodes and unions (./organisation.ts), moves (./moves.ts) ----
  findUnion(id: string) { return organisation.findUnion(this.q, id); }
  findUnionByCode(code: string) { return organisation.findUnionByCode(this.q, code); }
  listUnions() { return organisation.listUnions(this.q); }
  listUnionsUnder(nodeId: string) { return organisation.listUnionsUnder(this.q, nodeId); }
  findSuperiorOfUnion(unionId: string) { return organisation.findSuperiorOfUnion(this.q, unionId); }
  insertUnion(union: NewUnion) { return organisation.insertUnion(this.q, union); }
  updateUnion(unionId: string, change: UnionChange) { return organisation.updateUnion(this.q, unionId, change); }
  setUnionSuperior(unionId: string, superiorId: string) { return organisation.setUnionSuperior(this.q, unionId, superiorId); }
  findNode(id: string) { return organisation.findNode(this.q, id); }
  findNodeByCode(code: string) { return organisation.findNodeByCode(this.q, code); }
  listNodes(ids: readonly string[]) { return organisation.listNodes(this.q, ids); }
  listRootNodes() { return organisation.listRootNodes(this.q); }
  listChildNodes(parent: NodeRecord) { return organisation.listChildNodes(this.q, parent); }
  listSubtreeNodes(node: NodeRecord) { return organisation.listSubtreeNodes(this.q, node); }
  formRollupSums(node: NodeRecord, query: FormRollupQuery) { return formRollups.formRollupSums(this.q, node, query); }
  formRollupCounts(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>) { return formRollups.formRollupCounts(this.q, node, query); }
  formRollupUnions(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>) { return formRollups.formRollupUnions(this.q, node, query); }
  formRollupValues(node: NodeRecord, query: Omit<FormRollupQuery, 'ratios'>) { return formRollups.formRollupValues(this.q, node, query); }
  nodeContents(id: string) { return organisation.nodeContents(this.q, id); }
  lockTree() { return organisation.lockTree(this.q, this.kind); }
  insertNode(node: NodeRecord) { return organisation.insertNode(this.q, node); }
  updateNode(id: string, change: NodeChange) { return organisation.updateNode(this.q, id, change); }
  reparentNode(id: string, parentId: string, oldPath: string, newPath: string) { return organisation.reparentNode(this.q, id, parentId, oldPath, newPath); }
  deleteNode(id: string) { return organisation.deleteNode(this.q, id); }
  listUnionMoves(unionId: string) { return moves.listUnionMoves(this.q, unionId); }
  insertUnionMove(move: UnionMove) { return moves.insertUnionMove(this.q, move); }

  // ---- overviews (./overviews.ts) ----
  overviewLines(node: NodeRecord, year: number, kind: string, dueOn: string, scope: OverviewScope, formId?: string) { return overviews.overviewLines(this.q, node, year, kind, dueOn, scope, formId); }
  overviewTotals(node: NodeRecord, year: number, kind: string, dueOn: string, formId?: string) { return overviews.overviewTotals(this.q, node, year, kind, dueOn, formId); }
  periodTablePage(request: PeriodTableRequest, offset: number, limit: number) { return periodTable.periodTablePage(this.q, this.kind, request, offset, limit); }
  periodTableTotals(request: PeriodTableRequest) { return periodTable.periodTableTotals(this.q, this.kind, request); }

  // ---- devices (./devices.ts) and enrolment codes (./enrolmentCodes.ts) ----
  findDevice(id: string) { return devices.findDevice(this.q, id); }
  listDevices(unionId: string) { return devices.listDevices(this.q, unionId); }
  countActiveDevices() { return devices.countActiveDevices(this.q); }
  insertDevice(device: NewDevice) { return devices.insertDevice(this.q, device); }
  revokeDevice(id: string, at: string) { return devices.revokeDevice(this.q, id, at); }
  findEnrolmentCodeByHash(codeHash: string) { return enrolmentCodes.findEnrolmentCodeByHash(this.q, codeHash); }
  findEnrolmentCode(id: string) { return enrolmentCodes.findEnrolmentCode(this.q, id); }
  listValidEnrolmentCodes(unionId: string, now: string) { return enrolmentCodes.listValidEnrolmentCodes(this.q, unionId, now); }
  insertEnrolmentCode(code: NewEnrolmentCode) { return enrolmentCodes.insertEnrolmentCode(this.q, code); }
  useEnrolmentCode(id: string, now: string) { return enrolmentCodes.useEnrolmentCode(this.q, id, now); }
  withdrawEnrolmentCode(id: string, at: string) { return enrolmentCodes.withdrawEnrolmentCode(this.q, id, at); }

  // ---- staff and sessions (./staff.ts) ----
  findStaffByUsername(username: string) { return staff.findStaffByUsername(this.q, username); }
  findStaff(id: string) { return staff.findStaff(this.q, id); }
  listStaff(nodeId: string) { return staff.listStaff(this.q, nodeId); }
  insertStaff(member: NewStaff) { return staff.insertStaff(this.q, member); }
  setStaffPassword(id: string, passwordHash: string) { return staff.setStaffPassword(this.q, id, passwordHash); }
  setStaffRole(id: string, role: StaffRole) { return staff.setStaffRole(this.q, id, role); }
  deleteStaff(id: string) { return staff.deleteStaff(this.q, id); }
  findSessionByTokenHash(tokenHash: string) { return staff.findSessionByTokenHash(this.q, tokenHash); }
  insertSession(session: NewSession) { return staff.insertSession(this.q, session); }
  deleteSession(tokenHash: string) { return staff.deleteSession(this.q, tokenHash); }

  // ---- account security (./staffSecurity.ts) ----
  findStaffTotp(staffId: string) { return staffSecurity.findStaffTotp(this.q, staffId); }
  listStaffSessions(staffId: string, now: string, idleSince: string) { return staffSecurity.listStaffSessions(this.q, staffId, now, idleSince); }
  countUnusedRecoveryCodes(staffId: string) { return staffSecurity.countUnusedRecoveryCodes(this.q, staffId); }
  findLoginChallenge(tokenHash: string) { return staffSecurity.findLoginChallenge(this.q, tokenHash); }
  findTotpRequirement(path: string) { return staffSecurity.findTotpRequirement(this.q, path); }
  nodeRequiresTotp(nodeId: string) { return staffSecurity.nodeRequiresTotp(this.q, nodeId); }
  replaceStaffPassword(staffId: string, passwordHash: string, mustChange: boolean, keepTokenHash: string | null) { return staffSecurity.replaceStaffPassword(this.q, staffId, passwordHash, mustChange, keepTokenHash); }
  deleteStaffSession(staffId: string, id: string) { return staffSecurity.deleteStaffSession(this.q, staffId, id); }
  touchStaffSession(tokenHash: string, at: string) { return staffSecurity.touchStaffSession(this.q, tokenHash, at); }
  setPendingTotpSecret(staffId: string, secret: string) { return staffSecurity.setPendingTotpSecret(this.q, staffId, secret); }
  enableTotp(staffId: string, at: string, recoveryCodeHashes: readonly string[]) { return staffSecurity.enableTotp(this.q, staffId, at, recoveryCodeHashes); }
  disableTotp(staffId: string) { return staffSecurity.disableTotp(this.q, staffId); }
  useTotpStep(staffId: string, step: number) { return staffSecurity.useTotpStep(this.q, staffId, step); }
  useRecoveryCode(staffId: string, codeHash: string, at: string) { return staffSecurity.useRecoveryCode(this.q, staffId, codeHash, at); }
  insertLoginChallenge(challenge: { tokenHash: string; staffId: string; expiresAt: string }) { return staffSecurity.insertLoginChallenge(this.q, challenge); }
  deleteLoginChallenge(tokenHash: string) { return staffSecurity.deleteLoginChallenge(this.q, tokenHash); }
  setNodeRequireTotp(nodeId: string, required: boolean) { return staffSecurity.setNodeRequireTotp(this.q, nodeId, required); }

  // ---- reports, revisions and review decisions (./reports.ts) ----
  findReportWithOwner(id: string) { return reports.findReportWithOwner(this.q, id); }
  findReportByPeriod(unionId: string, year: number, kind: string, formId?: string) { return reports.findReportByPeriod(this.q, unionId, year, kind, formId); }
  listReportsForPeriod(year: number, kind: string) { return reports.listReportsForPeriod(this.q, year, kind); }
  listChanges(unionId: string, afterSeq: number, limit: number) { return reports.listChanges(this.q, unionId, afterSeq, limit); }
  insertReport(report: ReportRecord) { return reports.insertReport(this.q, report); }
  listRevisions(reportId: string) { return decisions.listRevisions(this.q, reportId); }
  findRevisionDocument(reportId: string, revision: number) { return reports.findRevisionDocument(this.q, reportId, revision); }
  listReviewDecisions(reportId: string) { return decisions.listReviewDecisions(this.q, reportId); }
  findAcceptanceNodePath(reportId: string) { return decisions.findAcceptanceNodePath(this.q, reportId); }
  insertReviewDecision(reportId: string, decision: ReviewDecisionEntry) { return decisions.insertDecision(this.q, reportId, decision); }

  // ---- the push's prepared statements (./push.ts) ----
  findDeviceByTokenHash(tokenHash: string) { return push.findDeviceByTokenHash(this.q, this.prepared, tokenHash); }
  setDeviceLastSeen(id: string, at: string) { return push.setDeviceLastSeen(this.q, this.prepared, id, at); }
  findReport(id: string) { return push.findReport(this.q, this.prepared, id); }
  findRoundForUnion(unionId: string, year: number, kind: string, formId: string) { return push.findRoundForUnion(this.q, this.prepared, unionId, year, kind, formId); }
  findIdempotency(deviceId: string, key: string) { return push.findIdempotency(this.q, this.prepared, deviceId, key); }
  lockUnionForChange(unionId: string) { return push.lockUnionForChange(this.q, this.prepared, unionId); }
  lockAndReadForPush(request: PushReadsRequest) { return push.lockAndReadForPush(this.q, this.prepared, request); }
  updateReport(report: ReportRecord, document?: object, previous?: PushedReportHead) { return push.updateReport(this.q, this.prepared, report, document, previous); }
  insertRevision(revision: NewRevision) { return push.insertRevision(this.q, this.prepared, revision); }
  replaceReportValues(change: ReportValuesChange) { return push.replaceReportValues(this.q, this.prepared, change); }
  insertIdempotency(entry: NewIdempotency) { return push.insertIdempotency(this.q, this.prepared, entry); }
  thinDraftRevision(reportId: string, revision: number) { return push.thinDraftRevision(this.q, this.prepared, reportId, revision); }

  async deleteExpired(idempotencyBefore: string, now: string) {
    await push.deleteIdempotencyBefore(this.q, idempotencyBefore);
    await staff.deleteExpiredSessions(this.q, now, new Date(Date.parse(now) - STAFF_IDLE_MINUTES * 60_000).toISOString());
  }

  // ---- reporting rounds (./rounds.ts) ----
  findRound(id: string) { return rounds.findRound(this.q, id); }
  listRoundsOfNodes(nodeIds: readonly string[], period?: { year: number; kind: string }) { return rounds.listRoundsOfNodes(this.q, nodeIds, period); }
  insertRound(round: NewRoundRecord) { return rounds.insertRound(this.q, round); }
  setRoundClosed(id: string, at: string | null) { return rounds.setRoundClosed(this.q, id, at); }
  putRoundReopening(roundId: string, unionId: string, at: string, deadline: string | null) { return rounds.putReopening(this.q, roundId, unionId, at, deadline); }
  deleteRoundReopening(roundId: string, unionId: string) { return rounds.deleteReopening(this.q, roundId, unionId); }
  setRoundDeadline(id: string, deadline: string, change: Pick<RoundChangeRecord, 'changedAt' | 'changedByStaffId'>) { return rounds.setDeadline(this.q, id, deadline, change); }
  listRoundChanges(roundId: string) { return rounds.listChanges(this.q, roundId); }

  // ---- periods reports were sent for (./periods.ts) ----
  latestSentPeriod(node: NodeRecord) { return periods.latestSentPeriod(this.q, node); }
  sentNearPeriod(node: NodeRecord, scope: OverviewScope, period: ReportPeriod, since: string, formId?: string) { return periods.sentNearPeriod(this.q, node, scope, period, since, formId); }

  // ---- the audit log (./audit.ts) ----
  listAuditEntries(filter: AuditFilter) { return audit.listAuditEntries(this.q, filter); }
  listAuditChoices(path: string) { return audit.listAuditChoices(this.q, path); }
  insertAuditEntry(entry: NewAuditEntry) { return audit.insertAuditEntry(this.q, entry); }

  // ---- notifications to the officer's phone (./notifications.ts) ----
  get notifications() { return new NotificationQueries(this.q, this.kind); }
  // ---- backups made (./backups.ts) ----
  lastGoodBackup() { return backups.lastGoodBackup(this.q); }
  claimBackup(backup: Parameters<StoreWrites['claimBackup']>[0]) { return backups.claimBackup(this.q, backup); }
  finishBackup(id: string, outcome: Parameters<StoreWrites['finishBackup']>[1]) { return backups.finishBackup(this.q, id, outcome); }
  // ---- report forms (./forms.ts) ----
  findForm(code: string, version: number) { return forms.findForm(this.q, code, version); }
  listFormVersions(code: string) { return forms.listFormVersions(this.q, code); }
  listFormsOfNodes(nodeIds: readonly string[]) { return forms.listFormsOfNodes(this.q, nodeIds); }
  insertFormDraft(form: NewFormRecord) { return forms.insertFormDraft(this.q, form); }
  replaceFormDraft(form: NewFormRecord) { return forms.replaceFormDraft(this.q, form); }
  publishForm(code: string, version: number, definitionJson: string, publication: FormPublication) { return forms.publishForm(this.q, code, version, definitionJson, publication); }
}

export class KyselyStore extends KyselyQueries implements Store {
  constructor(
    readonly db: Kysely<Database>,
    kind: StoreKind,
  ) {
    super(db, push.pushQueries(db), kind);
  }

  async write<T>(work: (tx: StoreWrites) => Promise<T>): Promise<T> {
    // PostgreSQL: row locks taken by lockUnionForChange. SQLite: Kysely runs its one connection's
    // transactions one at a time, and another process (the admin CLI) waits on busy_timeout.
    return this.db.transaction().execute(async (trx) => work(new KyselyQueries(trx, this.prepared, this.kind)));
  }

  async migrate(options: { to?: string } = {}): Promise<MigrationOutcome> {
    // Kysely's Migrator looks for its own tables in every schema unless it is told which one. On a
    // PostgreSQL database where another schema already holds them, it would not create ours and then fail.
    const migrationTableSchema =
      this.kind === 'postgres'
        ? (await this.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('schema')).executeTakeFirstOrThrow()).schema
        : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
    const run = () => (options.to === undefined ? migrator.migrateToLatest() : migrator.migrateTo(options.to));
    let { error, results } = await run();
    // Before taking its lock, Kysely's Migrator lists the tables of every schema in the database by name
    // (PostgresIntrospector.getTables); a schema another user drops meanwhile fails that listing with
    // 3F000 naming that schema, not ours. Nothing was migrated then: look again.
    for (let attempt = 1; attempt < 5 && error && isOtherSchemaGone(error, migrationTableSchema); attempt++) ({ error, results } = await run());
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

/** PostgreSQL's "schema … does not exist" (3F000) about a schema other than `ours`. */
function isOtherSchemaGone(error: unknown, ours: string | undefined): boolean {
  if (ours === undefined || typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '3F000' && typeof message === 'string' && !message.includes(`"${ours}"`);
}
