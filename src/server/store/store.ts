/**
 * The one store the services depend on. Rows come back as plain records (camelCase); documents stay
 * JSON text here, and the services parse them. One Kysely implementation serves both SQLite and
 * PostgreSQL: the queries are the same, only opening and write locking differ.
 *
 * The queries live in one module per aggregate, each a set of functions taking the connection or
 * transaction to run on: organisation.ts (nodes and unions), moves.ts, devices.ts, enrolmentCodes.ts,
 * staff.ts (staff and sessions), reports.ts (reports, revisions, review decisions), overviews.ts,
 * rounds.ts, forms.ts (report forms), and push.ts (the statements every push runs, prepared once per store).
 * The interfaces the services see are in interfaces.ts (re-exported here); this file holds the class that
 * puts the modules behind them.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import type { ReportPeriod } from '../../domain/period';
import type { OverviewScope, ReviewDecisionEntry, UnionMove } from '../../domain/staff';
import type { StaffRole } from '../../domain/organisation';
import * as audit from './audit';
import * as backups from './backups';
import type { AuditFilter, NewAuditEntry } from './audit';
import * as decisions from './decisions';
import * as devices from './devices';
import type { NewDevice } from './devices';
import * as enrolmentCodes from './enrolmentCodes';
import * as forms from './forms';
import * as formRollups from './formRollups';
import type { FormRollupQuery } from './formRollups';
import type { FormPublication, NewFormRecord } from './forms';
import type { NewEnrolmentCode } from './enrolmentCodes';
import { migrationProvider } from './migrations';
import { NotificationQueries } from './notifications';
import * as moves from './moves';
import * as organisation from './organisation';
import type { NewUnion, NodeChange, NodeRecord, UnionChange } from './organisation';
import * as overviews from './overviews';
import * as periodTable from './periodTable';
import type { PeriodTableRequest } from './periodTable';
import * as periods from './periods';
import * as push from './push';
import type { NewIdempotency, PushedReportHead, PushReadsRequest, ReportValuesChange } from './push';
import { pushQueries, type PushQueries } from './pushStatements';
import * as reports from './reports';
import type { ReportRecord } from './reports';
import * as rounds from './rounds';
import type { NewRoundRecord, RoundChangeRecord } from './rounds';
import type { Database, Queries, StoreKind } from './schema';
import * as staff from './staff';
import type { NewSession, NewStaff } from './staff';
import * as staffSecurity from './staffSecurity';
import { STAFF_IDLE_MINUTES } from '../../domain/staff';
import type { MigrationOutcome, Store, StoreWrites } from './interfaces';

export type * from './interfaces';
export { FormPublishedError } from './forms';

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
  keepRevision(reportId: string, deviceId: string) { return push.keepRevision(this.q, this.prepared, reportId, deviceId); }
  updateReportKeepingRevision(report: ReportRecord, deviceId: string, document: object, previous: PushedReportHead) {
    return push.updateReportKeepingRevision(this.q, this.prepared, report, deviceId, document, previous);
  }
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
    super(db, pushQueries(db, kind), kind);
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
