/**
 * The one store the services depend on. Rows come back as plain records (camelCase); documents stay
 * JSON text here, and the services parse them. One Kysely implementation serves both SQLite and
 * PostgreSQL: the queries are the same, only opening and write locking differ.
 */
import { randomUUID } from 'node:crypto';
import { type Compilable, type CompiledQuery, type Kysely, Migrator, type QueryResult, type Transaction, sql } from 'kysely';
import { migrationProvider } from './migrations';
import * as rounds from './rounds';
import type { NewRoundRecord, RoundRecord } from './rounds';
import { DIALOGUE_KIND_COLUMNS, type DialogueKindColumn, dialogueKindFigures, type ReportFigures, reportFigures } from './figures';
import { batchOf, statementNameOf, withHints } from './queryHints';
import type { Database, EnrolmentCodesTable, NodesTable, ReportsTable } from './schema';
import type { NodeContents, OverviewScope, GrassrootsUnion, ReviewDecisionEntry, RevisionSummary, UnionMove } from '../../domain/staff';
import type { ReviewStatus } from '../../domain/sync';
import type { PeriodKind } from '../../domain/period';
import type { ReportingRound } from '../../domain/round';
import type { OrgNode, StaffRole, Superior, UpperNodeKind } from '../../domain/organisation';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../domain/report';

export type StoreKind = 'sqlite' | 'postgres';

/** A union as stored is exactly the union the staff API answers with. */
export type UnionRecord = GrassrootsUnion;

/** A union to insert: code, employer and sector may be left out (none, '' and ''). */
export type NewUnion = Pick<UnionRecord, 'id' | 'name' | 'createdAt' | 'superiorId'> & Partial<Pick<UnionRecord, 'code' | 'employer' | 'sector'>>;

function toUnion(row: {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  sector: string;
  created_at: string;
  superior_id: string | null;
}): UnionRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    employer: row.employer,
    sector: row.sector,
    superiorId: row.superior_id ?? '',
    createdAt: row.created_at,
  };
}

/** A node as stored: the API's node and its materialised path (`/<root id>/…/<own id>/`). */
export interface NodeRecord extends OrgNode {
  path: string;
}

function toNode(row: NodesTable): NodeRecord {
  return {
    id: row.id,
    kind: row.kind as UpperNodeKind,
    name: row.name,
    shortName: row.short_name,
    code: row.code,
    parentId: row.parent_id,
    path: row.path,
    createdAt: row.created_at,
  };
}

export interface StaffRecord {
  id: string;
  username: string;
  passwordHash: string;
  nodeId: string;
  role: StaffRole;
  createdAt: string;
}

/** A session with what every staff request needs to check: the member, their role, their node's path. */
export interface StaffSessionRecord {
  staffId: string;
  username: string;
  role: StaffRole;
  nodeId: string;
  nodePath: string;
  expiresAt: string;
}

/** One line of a period table before the service shapes it. */
export interface OverviewLineRecord {
  union: UnionRecord;
  ownerId: string;
  movedAway: boolean;
  activeDevices: number;
  report: (ReportRecordCore & { reviewJson: string | null }) | null;
}

/** What an overview line needs of a report (no document). */
export interface ReportRecordCore {
  id: string;
  revision: number;
  savedAt: string;
  status: 'draft' | 'ready';
  workers: number | null;
  members: number | null;
  meetsTarget: boolean | null;
  dialogueSessions: number;
  dialogueSessionsByKind: DialogueKindCounts;
}

/** Sums over the overview lines that belong to one node (`ownerId`). */
export interface OverviewTotalsRecord {
  ownerId: string;
  unions: number;
  reported: number;
  accepted: number;
  returned: number;
  workers: number;
  members: number;
  meetingTarget: number;
  dialogueSessions: number;
  dialogueSessionsByKind: DialogueKindCounts;
}

export interface DeviceRecord {
  id: string;
  unionId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface EnrolmentCodeRecord {
  id: string;
  unionId: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  createdAt: string;
  revokedAt: string | null;
}

export interface ReportRecord {
  id: string;
  unionId: string;
  year: number;
  kind: string;
  revision: number;
  documentJson: string;
  reviewJson: string | null;
  savedAt: string;
  createdAt: string;
  changeSeq: number;
  /** The superior the report was filed under (first marked ready); null for a draft never sent. */
  superiorId: string | null;
}

export interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  responseJson: string;
}

export interface MigrationOutcome {
  applied: string[];
}

/** Reads that need no lock. */
export interface StoreReads {
  findUnion(id: string): Promise<UnionRecord | undefined>;
  /** The union with this district code (stored upper-case). */
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
  overviewLines(node: NodeRecord, year: number, kind: string, scope: OverviewScope): Promise<OverviewLineRecord[]>;
  /** The subtree's lines summed per node they belong to (at most one row per node of the subtree). */
  overviewTotals(node: NodeRecord, year: number, kind: string): Promise<OverviewTotalsRecord[]>;
  /** Every node of a subtree, the node itself included. */
  listSubtreeNodes(node: NodeRecord): Promise<NodeRecord[]>;
  findDevice(id: string): Promise<DeviceRecord | undefined>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  listDevices(unionId: string): Promise<DeviceRecord[]>;
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
  findReport(id: string): Promise<ReportRecord | undefined>;
  /** A report and the path of the node it belongs to (filed under, or its union's superior for a draft). */
  findReportWithOwner(id: string): Promise<{ report: ReportRecord; owner: NodeRecord } | undefined>;
  findReportByPeriod(unionId: string, year: number, kind: string): Promise<ReportRecord | undefined>;
  listReportsForPeriod(year: number, kind: string): Promise<ReportRecord[]>;
  /** Reports of a union changed after `afterSeq`, in change order; at most `limit`. */
  listChanges(unionId: string, afterSeq: number, limit: number): Promise<ReportRecord[]>;
  listRevisions(reportId: string): Promise<RevisionSummary[]>;
  /** The document JSON of one revision (revisions never change once written). */
  findRevisionDocument(reportId: string, revision: number): Promise<string | undefined>;
  /** Every review decision on a report, oldest first. */
  listReviewDecisions(reportId: string): Promise<ReviewDecisionEntry[]>;
  findIdempotency(deviceId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * The round of a period that applies to a union (opened on its superior or the nearest node above it
   * that opened one), as the union sees it: a reopening for it applied. One query.
   */
  findRoundForUnion(unionId: string, year: number, kind: string): Promise<ReportingRound | null>;
  /** Reporting rounds (./rounds.ts): one by id, or those opened on any of these nodes (optionally of one period). */
  findRound(id: string): Promise<RoundRecord | undefined>;
  listRoundsOfNodes(nodeIds: readonly string[], period?: { year: number; kind: string }): Promise<RoundRecord[]>;
}

/** Reads and writes inside one write transaction (writers run one at a time). */
export interface StoreWrites extends StoreReads {
  /**
   * Call first in a transaction that changes a union's reports: locks the union (its writers queue,
   * other unions' do not) and returns its next change_seq, greater than every one handed out before.
   * A transaction that ends up changing nothing just leaves a gap, which cursors do not mind.
   */
  lockUnionForChange(unionId: string): Promise<{ changeSeq: number; superiorId: string | null }>;
  /**
   * A push's first step: lockUnionForChange, then findRoundForUnion, findIdempotency and
   * findReportForPush, in that order, sent together (one round trip on PostgreSQL).
   */
  lockAndReadForPush(push: PushReadsRequest): Promise<PushReads>;
  insertUnion(union: NewUnion): Promise<void>;
  setUnionSuperior(unionId: string, superiorId: string): Promise<void>;
  /** Changes the union's own record (name, code, employer, sector); its superior moves only with setUnionSuperior. */
  updateUnion(unionId: string, change: Partial<Pick<UnionRecord, 'name' | 'code' | 'employer' | 'sector'>>): Promise<void>;
  insertUnionMove(move: UnionMove): Promise<void>;
  /** Call first in a transaction that changes the tree's shape: such changes run one at a time (no cycle from two racing moves). */
  lockTree(): Promise<void>;
  insertNode(node: NodeRecord): Promise<void>;
  updateNode(id: string, change: Partial<Pick<NodeRecord, 'kind' | 'name' | 'shortName' | 'code'>>): Promise<void>;
  /** Moves a node and its whole subtree: parent, and every path that starts with `oldPath`. */
  reparentNode(id: string, parentId: string, oldPath: string, newPath: string): Promise<void>;
  deleteNode(id: string): Promise<void>;
  insertDevice(device: DeviceRecord & { tokenHash: string }): Promise<void>;
  setDeviceLastSeen(id: string, at: string): Promise<void>;
  revokeDevice(id: string, at: string): Promise<void>;
  insertEnrolmentCode(code: Omit<EnrolmentCodeRecord, 'uses'> & { codeHash: string }): Promise<void>;
  /** Counts one use if the code is still valid at `now`; false when expired, used up or withdrawn. */
  useEnrolmentCode(id: string, now: string): Promise<boolean>;
  /** Withdraws a code (no further enrolment with it); one already withdrawn keeps its first time. */
  withdrawEnrolmentCode(id: string, at: string): Promise<void>;
  insertStaff(staff: StaffRecord): Promise<void>;
  /** Sets the password and ends the member's sessions. */
  setStaffPassword(id: string, passwordHash: string): Promise<void>;
  /** Removes the member and their sessions. */
  deleteStaff(id: string): Promise<void>;
  insertSession(session: { tokenHash: string; staffId: string; createdAt: string; expiresAt: string }): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  insertReport(report: ReportRecord): Promise<void>;
  /** `document`: the report parsed, when the caller holds it (spares parsing `documentJson` again for the figures). */
  /** `previous`: the head the push read; when no indexed column changes, only the content is updated. */
  updateReport(report: ReportRecord, document?: object, previous?: PushedReportHead): Promise<void>;
  insertRevision(revision: { reportId: string; revision: number; deviceId: string | null; savedAt: string; documentJson: string }): Promise<void>;
  insertIdempotency(entry: IdempotencyRecord & { deviceId: string; key: string; createdAt: string }): Promise<void>;
  insertReviewDecision(reportId: string, decision: ReviewDecisionEntry): Promise<void>;
  /**
   * Deletes one stored revision if it is a draft; a revision marked ready (the ones the district
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

export interface PushReadsRequest {
  unionId: string;
  period: { year: number; kind: string };
  deviceId: string;
  idempotencyKey: string;
  reportId: string;
  documentJson: string;
}

export interface PushReads {
  lock: { changeSeq: number; superiorId: string | null };
  round: ReportingRound | null;
  earlier: IdempotencyRecord | undefined;
  current: PushedReportHead | undefined;
}

/**
 * A stored report without its document, as a push reads it. `indexedColumns` says what the report's
 * indexed columns hold, so that a push that changes none of them can leave the indexes alone.
 */
export type PushedReportHead = Omit<ReportRecord, 'documentJson'> & { sameDocument: boolean; indexedColumns: string };

/** A report's columns but its document (the push reads no more). */
function toReportHead(row: Omit<ReportsTable, 'document' | keyof ReportFigures | DialogueKindColumn>): Omit<ReportRecord, 'documentJson'> {
  return {
    id: row.id,
    unionId: row.union_id,
    year: Number(row.year),
    kind: row.kind,
    revision: Number(row.revision),
    reviewJson: row.review,
    savedAt: row.saved_at,
    createdAt: row.created_at,
    changeSeq: Number(row.change_seq),
    superiorId: row.superior_id,
  };
}

function toReport(row: ReportsTable): ReportRecord {
  return { ...toReportHead(row), documentJson: row.document };
}

/** The row for a report, with the figures the overviews sum taken out of its document and review. */
function fromReport(report: ReportRecord, document: object = JSON.parse(report.documentJson) as object): ReportsTable {
  return {
    ...reportFigures(document, report.reviewJson),
    ...dialogueKindFigures(document),
    id: report.id,
    union_id: report.unionId,
    year: report.year,
    kind: report.kind,
    revision: report.revision,
    document: report.documentJson,
    review: report.reviewJson,
    saved_at: report.savedAt,
    created_at: report.createdAt,
    change_seq: report.changeSeq,
    superior_id: report.superiorId,
  };
}

const deviceColumns = ['id', 'union_id', 'name', 'created_at', 'last_seen_at', 'revoked_at'] as const;

function toDevice(row: {
  id: string;
  union_id: string;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}): DeviceRecord {
  return {
    id: row.id,
    unionId: row.union_id,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

function toEnrolmentCode(row: Omit<EnrolmentCodesTable, 'uses'> & { uses: number }): EnrolmentCodeRecord {
  return {
    id: row.id,
    unionId: row.union_id,
    expiresAt: row.expires_at,
    maxUses: Number(row.max_uses),
    uses: Number(row.uses),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

const ARGUMENT = '\u0000argument:';

/** A named stand-in for a value in a query that is compiled once; `prepare` finds it among the parameters. */
function arg(name: string): never {
  return `${ARGUMENT}${name}` as never;
}

/**
 * A query built and compiled once; `bind` puts in this run's values by name (compiled-in constants stay).
 * It carries a statement name (PostgreSQL prepares it once per connection) and, for a write whose result
 * is never read, `deferrable` (PostgreSQL sends it in the same round trip as the next query or the commit).
 */
function prepare<Row>(query: Compilable<Row>, options: { deferrable?: boolean } = {}): { bind(values: object): CompiledQuery<Row> } {
  const compiled = query.compile();
  const names = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(ARGUMENT) ? p.slice(ARGUMENT.length) : null));
  const hints = { ...options, statementName: statementNameOf('push', compiled.sql) };
  return {
    bind: (values) =>
      withHints(
        {
          ...compiled,
          parameters: names.map((name, i) => {
            if (name === null) return compiled.parameters[i];
            const value = (values as Record<string, unknown>)[name];
            if (value === undefined) throw new Error(`no value for ${name}`);
            return value;
          }),
        },
        hints,
      ),
  };
}

/**
 * The queries of every push (authenticate, lock, replay check, read, write, remember), compiled once per
 * store: building them with Kysely on each request cost more than running them on SQLite's cached
 * statements. Arguments are named after the columns, so a row object binds as it is.
 */
export function pushQueries(db: Kysely<Database>) {
  return {
    deviceByTokenHash: prepare(db.selectFrom('devices').select(deviceColumns).where('token_hash', '=', arg('token_hash'))),
    lockUnion: prepare(
      db
        .updateTable('unions')
        .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
        .where('id', '=', arg('id'))
        .returning(['change_seq', 'superior_id']),
    ),
    idempotency: prepare(
      db
        .selectFrom('idempotency')
        .select(['body_hash', 'status', 'response'])
        .where('device_id', '=', arg('device_id'))
        .where('key', '=', arg('key')),
    ),
    report: prepare(db.selectFrom('reports').selectAll().where('id', '=', arg('id'))),
    // Without the document: the database says whether it is the pushed one (the usual "new revision" push
    // then reads a few columns instead of the whole report).
    reportForPush: prepare(
      db
        .selectFrom('reports')
        .select(['id', 'revision', 'review', 'saved_at', 'created_at', 'change_seq', ...INDEXED_REPORT_COLUMNS])
        .select((eb) => eb('document', '=', arg('document')).as('same_document'))
        .where('id', '=', arg('id')),
    ),
    // The nearest node on the union's superior's path (the superior itself first) that opened a round of
    // the period, with the union's reopening of it: roundsForUnion + roundOfPeriod in one query.
    roundForUnion: prepare(
      db
        .selectFrom('unions as u')
        .innerJoin('nodes as s', 's.id', 'u.superior_id')
        .innerJoin('reporting_rounds as r', (join) => join.on('r.year', '=', arg('year')).on('r.kind', '=', arg('kind')))
        .innerJoin('nodes as n', (join) => join.onRef('n.id', '=', 'r.node_id').on(sql<boolean>`substr(s.path, 1, length(n.path)) = n.path`))
        .leftJoin('round_reopenings as o', (join) => join.onRef('o.round_id', '=', 'r.id').onRef('o.union_id', '=', 'u.id'))
        .select([
          'r.id',
          'r.year',
          'r.kind',
          'r.title',
          'r.plan',
          'r.activities_from',
          'r.activities_to',
          'r.deadline',
          'r.opened_at',
          'r.closed_at',
          'r.node_id',
          'n.name as node_name',
          'o.reopened_at',
          'o.deadline as reopened_deadline',
        ])
        .where('u.id', '=', arg('union_id'))
        .orderBy(sql`length(n.path)`, 'desc')
        // A literal, not a parameter: SQLite (built with STAT4) prepares a statement again on every run
        // when a bound value could change its plan, and a bound LIMIT is one of those (≈ 20–100 µs a push).
        .limit(sql.lit(1)),
    ),
    thinDraftRevision: prepare(
      // Documents are stored as canonical JSON (no spaces) and only the top level has a `status` key; a
      // quote inside a text field is escaped (\"), so this pattern matches the report's own status only.
      db
        .deleteFrom('report_revisions')
        .where('report_id', '=', arg('report_id'))
        .where('revision', '=', arg('revision'))
        // The pattern as a literal: a bound LIKE pattern makes SQLite prepare the statement again on every
        // run (as the round's LIMIT above).
        .where('document', 'like', sql.lit('%"status":"draft"%')),
      { deferrable: true },
    ),
    setDeviceLastSeen: prepare(db.updateTable('devices').set({ last_seen_at: arg('last_seen_at') }).where('id', '=', arg('id')), {
      deferrable: true,
    }),
    // A push that changes only what no index holds (the document's other fields, the review's text): SQLite
    // rewrites every index whose column is in an UPDATE's SET list, changed or not, and the two covering
    // indexes of the overviews hold every figure (decision 0005).
    updateReportContent: prepare(
      db
        .updateTable('reports')
        .set({ revision: arg('revision'), document: arg('document'), review: arg('review'), saved_at: arg('saved_at'), change_seq: arg('change_seq') })
        .where('id', '=', arg('id')),
      { deferrable: true },
    ),
    updateReport: prepare(
      db
        .updateTable('reports')
        .set({
          union_id: arg('union_id'),
          year: arg('year'),
          kind: arg('kind'),
          revision: arg('revision'),
          document: arg('document'),
          review: arg('review'),
          saved_at: arg('saved_at'),
          change_seq: arg('change_seq'),
          superior_id: arg('superior_id'),
          status: arg('status'),
          review_status: arg('review_status'),
          workers: arg('workers'),
          members: arg('members'),
          meets_target: arg('meets_target'),
          dialogue_sessions: arg('dialogue_sessions'),
          ...Object.fromEntries(Object.values(DIALOGUE_KIND_COLUMNS).map((column) => [column, arg(column)])),
        })
        .where('id', '=', arg('id')),
      { deferrable: true },
    ),
    insertRevision: prepare(
      db.insertInto('report_revisions').values({
        report_id: arg('report_id'),
        revision: arg('revision'),
        device_id: arg('device_id'),
        saved_at: arg('saved_at'),
        document: arg('document'),
      }),
      { deferrable: true },
    ),
    insertIdempotency: prepare(
      db.insertInto('idempotency').values({
        device_id: arg('device_id'),
        key: arg('key'),
        body_hash: arg('body_hash'),
        status: arg('status'),
        response: arg('response'),
        created_at: arg('created_at'),
      }),
      { deferrable: true },
    ),
  };
}
type PushQueries = ReturnType<typeof pushQueries>;

function toStaff(row: { id: string; username: string; password_hash: string; node_id: string; role: string; created_at: string }): StaffRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    nodeId: row.node_id,
    role: row.role as StaffRole,
    createdAt: row.created_at,
  };
}

const KIND_COLUMNS = Object.values(DIALOGUE_KIND_COLUMNS);

/** Counts by dialogue kind out of a row holding the DIALOGUE_KIND_COLUMNS (numbers or, from PostgreSQL's sums, numeric strings). */
function kindCounts(row: Record<string, unknown>): DialogueKindCounts {
  return Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, Number(row[DIALOGUE_KIND_COLUMNS[kind]] ?? 0)])) as DialogueKindCounts;
}

/**
 * The lines of a period in a node's subtree as (union_id, report_id, owner_id): a union whose report
 * was filed under the subtree, or a union under it now whose report (if any) was never sent. Two
 * indexed halves (unions by superior, reports by filing superior), so a commune's table reads its own
 * rows, not the province's.
 */
function ownedLines(node: NodeRecord, year: number, kind: string, scope: OverviewScope = 'subtree') {
  const subtree = scope === 'direct' ? sql`(${node.id})` : sql`(select id from nodes where path like ${`${node.path}%`})`;
  const figures = sql.raw(`r.status, r.review_status, r.workers, r.members, r.meets_target, r.dialogue_sessions, ${KIND_COLUMNS.map((column) => `r.${column}`).join(', ')}`);
  return sql`
    select u.id as union_id, r.id as report_id, u.superior_id as owner_id, ${figures}
    from unions u
    left join reports r on r.union_id = u.id and r.year = ${year} and r.kind = ${kind}
    where u.superior_id in ${subtree} and (r.id is null or r.superior_id is null)
    union all
    select r.union_id, r.id, r.superior_id, ${figures}
    from reports r
    where r.year = ${year} and r.kind = ${kind} and r.superior_id in ${subtree}`;
}

type PushRow<K extends keyof PushQueries> = PushQueries[K] extends { bind(values: object): CompiledQuery<infer Row> } ? Row : never;
type LockRow = PushRow<'lockUnion'>;
type UnionRoundRow = PushRow<'roundForUnion'>;
type IdempotencyRow = PushRow<'idempotency'>;
type PushedReportRow = PushRow<'reportForPush'>;

function toLock(unionId: string, row: LockRow | undefined): { changeSeq: number; superiorId: string | null } {
  if (!row) throw new Error(`union ${unionId} does not exist`);
  return { changeSeq: Number(row.change_seq), superiorId: row.superior_id };
}

function toIdempotency(row: IdempotencyRow): IdempotencyRecord {
  return { bodyHash: row.body_hash, status: Number(row.status), responseJson: row.response };
}

function toPushedReportHead(row: PushedReportRow): PushedReportHead {
  return {
    ...toReportHead(row),
    // SQLite answers 1 / 0, PostgreSQL true / false.
    sameDocument: (row.same_document as unknown) === true || Number(row.same_document) === 1,
    indexedColumns: indexedColumnsOf(row),
  };
}

/** Every column of `reports` that an index holds, but `id` and `change_seq` (a push always changes the latter). */
const INDEXED_REPORT_COLUMNS = [
  'union_id',
  'year',
  'kind',
  'superior_id',
  'status',
  'review_status',
  'workers',
  'members',
  'meets_target',
  'dialogue_sessions',
  ...Object.values(DIALOGUE_KIND_COLUMNS),
] as const satisfies readonly (keyof ReportsTable)[];

/** The indexed columns' values as one string; either store's numbers and texts compare equal. */
function indexedColumnsOf(row: Pick<ReportsTable, (typeof INDEXED_REPORT_COLUMNS)[number]>): string {
  return INDEXED_REPORT_COLUMNS.map((column) => (row[column] === null || row[column] === undefined ? '\u0000' : String(row[column]))).join('\u0001');
}

/** The round as the union sees it (src/domain/round.ts roundForUnion): its reopening opens a closed round again, with its deadline. */
function toUnionRound(row: UnionRoundRow): ReportingRound {
  const reopened = row.closed_at != null && row.reopened_at != null;
  return {
    id: row.id,
    period: { year: Number(row.year), kind: row.kind as PeriodKind },
    title: row.title,
    plan: row.plan,
    activities: { from: row.activities_from, to: row.activities_to },
    deadline: reopened ? (row.reopened_deadline ?? row.deadline) : row.deadline,
    openedBy: { nodeId: row.node_id, name: row.node_name },
    openedAt: row.opened_at,
    closedAt: reopened ? null : row.closed_at,
  };
}

class KyselyQueries implements StoreWrites {
  constructor(
    protected readonly q: Kysely<Database> | Transaction<Database>,
    protected readonly push: PushQueries,
    readonly kind: StoreKind,
  ) {}

  private async first<Row>(query: CompiledQuery<Row>): Promise<Row | undefined> {
    return (await this.q.executeQuery(query)).rows[0];
  }

  async findUnion(id: string) {
    const row = await this.q.selectFrom('unions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUnion(row);
  }

  async findUnionByCode(code: string) {
    const row = await this.q.selectFrom('unions').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toUnion(row);
  }

  async listUnions() {
    const rows = await this.q.selectFrom('unions').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(toUnion);
  }

  async findDevice(id: string) {
    const row = await this.q.selectFrom('devices').select(deviceColumns).where('id', '=', id).executeTakeFirst();
    return row && toDevice(row);
  }

  async findDeviceByTokenHash(tokenHash: string) {
    const row = await this.first(this.push.deviceByTokenHash.bind({ token_hash: tokenHash }));
    return row && toDevice(row);
  }

  async listDevices(unionId: string) {
    const rows = await this.q
      .selectFrom('devices')
      .select(deviceColumns)
      .where('union_id', '=', unionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toDevice);
  }

  async countActiveDevices() {
    const rows = await this.q
      .selectFrom('devices')
      .select((eb) => ['union_id', eb.fn.countAll().as('devices')])
      .where('revoked_at', 'is', null)
      .groupBy('union_id')
      .execute();
    return new Map(rows.map((row) => [row.union_id, Number(row.devices)]));
  }

  async findEnrolmentCodeByHash(codeHash: string) {
    const row = await this.q.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row && toEnrolmentCode(row);
  }

  async findEnrolmentCode(id: string) {
    const row = await this.q.selectFrom('enrolment_codes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEnrolmentCode(row);
  }

  async listValidEnrolmentCodes(unionId: string, now: string) {
    const rows = await this.q
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('union_id', '=', unionId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb('uses', '<', eb.ref('max_uses')))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toEnrolmentCode);
  }

  async findStaffByUsername(username: string) {
    const row = await this.q.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toStaff(row);
  }

  async findStaff(id: string) {
    const row = await this.q.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toStaff(row);
  }

  async listStaff(nodeId: string) {
    const rows = await this.q.selectFrom('staff').selectAll().where('node_id', '=', nodeId).orderBy('username').execute();
    return rows.map(toStaff);
  }

  async findSessionByTokenHash(tokenHash: string) {
    const row = await this.q
      .selectFrom('staff_sessions as s')
      .innerJoin('staff as m', 'm.id', 's.staff_id')
      .innerJoin('nodes as n', 'n.id', 'm.node_id')
      .select(['s.staff_id', 'm.username', 'm.role', 'm.node_id', 'n.path', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        staffId: row.staff_id,
        username: row.username,
        role: row.role as StaffRole,
        nodeId: row.node_id,
        nodePath: row.path,
        expiresAt: row.expires_at,
      }
    );
  }

  async listUnionsUnder(nodeId: string) {
    const rows = await this.q.selectFrom('unions').selectAll().where('superior_id', '=', nodeId).orderBy('name').orderBy('id').execute();
    return rows.map(toUnion);
  }

  async findSuperiorOfUnion(unionId: string) {
    const row = await this.q
      .selectFrom('unions as u')
      .innerJoin('nodes as n', 'n.id', 'u.superior_id')
      .select(['n.id', 'n.kind', 'n.name', 'n.short_name'])
      .where('u.id', '=', unionId)
      .executeTakeFirst();
    return row && { id: row.id, kind: row.kind as UpperNodeKind, name: row.name, shortName: row.short_name };
  }

  async findNode(id: string) {
    const row = await this.q.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toNode(row);
  }

  async findNodeByCode(code: string) {
    const row = await this.q.selectFrom('nodes').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toNode(row);
  }

  async listNodes(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.q.selectFrom('nodes').selectAll().where('id', 'in', ids).execute();
    return rows.map(toNode);
  }

  async listRootNodes() {
    const rows = await this.q.selectFrom('nodes').selectAll().where('parent_id', 'is', null).orderBy('name').execute();
    return rows.map(toNode);
  }

  async listChildNodes(parent: NodeRecord) {
    const rows = await this.q.selectFrom('nodes').selectAll().where('parent_id', '=', parent.id).orderBy('name').orderBy('id').execute();
    // One grouped count for all children: the child's id is the path segment right after the parent's.
    const counts = await sql<{ child_id: string; n: unknown }>`
      select substr(d.path, cast(${parent.path.length + 1} as integer), 36) as child_id, count(*) as n
      from unions u join nodes d on d.id = u.superior_id
      where d.path like ${`${parent.path}_%`}
      group by 1`.execute(this.q);
    const byChild = new Map(counts.rows.map((row) => [row.child_id, Number(row.n)]));
    return rows.map((row) => ({ ...toNode(row), unionCount: byChild.get(row.id) ?? 0 }));
  }

  async nodeContents(id: string) {
    const count = async (table: 'nodes' | 'unions' | 'reports' | 'staff', column: 'parent_id' | 'superior_id' | 'node_id') => {
      const result = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(this.q);
      return Number(result.rows[0]?.n ?? 0);
    };
    return {
      childNodes: await count('nodes', 'parent_id'),
      unions: await count('unions', 'superior_id'),
      reports: await count('reports', 'superior_id'),
      staff: await count('staff', 'node_id'),
    };
  }

  async listUnionMoves(unionId: string) {
    const rows = await this.q.selectFrom('union_moves').selectAll().where('union_id', '=', unionId).orderBy('moved_at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      unionId: row.union_id,
      from: row.from_node_id === null ? null : { id: row.from_node_id, name: row.from_name ?? '' },
      to: { id: row.to_node_id, name: row.to_name },
      effectiveDate: row.effective_date,
      movedAt: row.moved_at,
      movedBy: row.moved_by_staff_id === null ? null : { id: row.moved_by_staff_id, username: row.moved_by_username ?? '' },
    }));
  }

  async overviewLines(node: NodeRecord, year: number, kind: string, scope: OverviewScope) {
    const owned = ownedLines(node, year, kind, scope);
    const result = await sql<{
      id: string;
      code: string | null;
      name: string;
      employer: string;
      sector: string;
      superior_id: string | null;
      created_at: string;
      owner_id: string;
      current_path: string;
      active_devices: unknown;
      report_id: string | null;
      revision: unknown;
      saved_at: string | null;
      status: string | null;
      review: string | null;
      workers: unknown;
      members: unknown;
      meets_target: unknown;
      dialogue_sessions: unknown;
    } & Record<(typeof KIND_COLUMNS)[number], unknown>>`
      with owned as (${owned})
      select u.id, u.code, u.name, u.employer, u.sector, u.superior_id, u.created_at, o.owner_id, c.path as current_path,
        (select count(*) from devices d where d.union_id = u.id and d.revoked_at is null) as active_devices,
        r.id as report_id, r.revision, r.saved_at, r.status, r.review, r.workers, r.members, r.meets_target, r.dialogue_sessions,
        ${sql.raw(KIND_COLUMNS.map((column) => `r.${column}`).join(', '))}
      from owned o
      join unions u on u.id = o.union_id
      join nodes c on c.id = u.superior_id
      left join reports r on r.id = o.report_id
      order by u.name, u.id`.execute(this.q);
    return result.rows.map((row) => ({
      union: toUnion(row),
      ownerId: row.owner_id,
      movedAway: !row.current_path.startsWith(node.path),
      activeDevices: Number(row.active_devices),
      report:
        row.report_id === null
          ? null
          : {
              id: row.report_id,
              revision: Number(row.revision),
              savedAt: row.saved_at ?? '',
              status: row.status === 'ready' ? ('ready' as const) : ('draft' as const),
              reviewJson: row.review,
              workers: row.workers === null ? null : Number(row.workers),
              members: row.members === null ? null : Number(row.members),
              meetsTarget: row.meets_target === null ? null : Number(row.meets_target) === 1,
              dialogueSessions: Number(row.dialogue_sessions),
              dialogueSessionsByKind: kindCounts(row),
            },
    }));
  }

  async overviewTotals(node: NodeRecord, year: number, kind: string) {
    const reported = sql`(r.status = 'ready' or r.review_status is not null)`;
    const result = await sql<Record<string, unknown>>`
      with owned as (${ownedLines(node, year, kind)})
      select
        r.owner_id,
        count(*) as unions,
        sum(case when ${reported} then 1 else 0 end) as reported,
        sum(case when r.review_status = 'accepted' then 1 else 0 end) as accepted,
        sum(case when r.review_status = 'returned' then 1 else 0 end) as returned,
        sum(case when ${reported} and r.workers is not null and r.members is not null then r.workers else 0 end) as workers,
        sum(case when ${reported} and r.workers is not null and r.members is not null then r.members else 0 end) as members,
        sum(case when ${reported} and r.meets_target = 1 then 1 else 0 end) as meeting_target,
        sum(case when ${reported} then r.dialogue_sessions else 0 end) as dialogue_sessions,
        ${sql.join(KIND_COLUMNS.map((column) => sql`sum(case when ${reported} then ${sql.ref(`r.${column}`)} else 0 end) as ${sql.ref(column)}`))}
      from owned r
      group by r.owner_id`.execute(this.q);
    return result.rows.map((row) => ({
      ownerId: String(row.owner_id),
      unions: Number(row.unions),
      reported: Number(row.reported ?? 0),
      accepted: Number(row.accepted ?? 0),
      returned: Number(row.returned ?? 0),
      workers: Number(row.workers ?? 0),
      members: Number(row.members ?? 0),
      meetingTarget: Number(row.meeting_target ?? 0),
      dialogueSessions: Number(row.dialogue_sessions ?? 0),
      dialogueSessionsByKind: kindCounts(row),
    }));
  }

  async listSubtreeNodes(node: NodeRecord) {
    const rows = await this.q.selectFrom('nodes').selectAll().where('path', 'like', `${node.path}%`).execute();
    return rows.map(toNode);
  }

  async findReportWithOwner(id: string) {
    const row = await this.q
      .selectFrom('reports as r')
      .innerJoin('unions as u', 'u.id', 'r.union_id')
      .innerJoin('nodes as n', (join) => join.on((eb) => eb('n.id', '=', eb.fn.coalesce('r.superior_id', 'u.superior_id'))))
      .selectAll('r')
      .select(['n.id as n_id', 'n.kind as n_kind', 'n.name as n_name', 'n.short_name as n_short_name', 'n.code as n_code', 'n.parent_id as n_parent_id', 'n.path as n_path', 'n.created_at as n_created_at'])
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      report: toReport(row),
      owner: toNode({
        id: row.n_id,
        kind: row.n_kind,
        name: row.n_name,
        short_name: row.n_short_name,
        code: row.n_code,
        parent_id: row.n_parent_id,
        path: row.n_path,
        created_at: row.n_created_at,
      }),
    };
  }

  async findReport(id: string) {
    const row = await this.first(this.push.report.bind({ id }));
    return row && toReport(row);
  }

  async findRoundForUnion(unionId: string, year: number, kind: string): Promise<ReportingRound | null> {
    const row = await this.first(this.push.roundForUnion.bind({ union_id: unionId, year, kind }));
    return row ? toUnionRound(row) : null;
  }

  async findReportByPeriod(unionId: string, year: number, kind: string) {
    const row = await this.q
      .selectFrom('reports')
      .selectAll()
      .where('union_id', '=', unionId)
      .where('year', '=', year)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && toReport(row);
  }

  async listReportsForPeriod(year: number, kind: string) {
    const rows = await this.q.selectFrom('reports').selectAll().where('year', '=', year).where('kind', '=', kind).execute();
    return rows.map(toReport);
  }

  async listChanges(unionId: string, afterSeq: number, limit: number) {
    const rows = await this.q
      .selectFrom('reports')
      .selectAll()
      .where('union_id', '=', unionId)
      .where('change_seq', '>', afterSeq)
      .orderBy('change_seq')
      .limit(limit)
      .execute();
    return rows.map(toReport);
  }

  async findRevisionDocument(reportId: string, revision: number) {
    const row = await this.q
      .selectFrom('report_revisions')
      .select('document')
      .where('report_id', '=', reportId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row?.document;
  }

  async listRevisions(reportId: string) {
    const rows = await this.q
      .selectFrom('report_revisions as r')
      .leftJoin('devices as d', 'd.id', 'r.device_id')
      .select(['r.revision', 'r.device_id', 'd.name', 'r.saved_at'])
      .where('r.report_id', '=', reportId)
      .orderBy('r.revision')
      .execute();
    return rows.map((row) => ({
      revision: Number(row.revision),
      deviceId: row.device_id,
      deviceName: row.name,
      savedAt: row.saved_at,
    }));
  }

  async listReviewDecisions(reportId: string) {
    const rows = await this.q
      .selectFrom('review_decisions')
      .select(['revision', 'status', 'comment', 'decided_at', 'staff_id', 'staff_username'])
      .where('report_id', '=', reportId)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    return rows.map(
      (row): ReviewDecisionEntry => ({
        status: row.status as ReviewStatus,
        comment: row.comment,
        decidedAt: row.decided_at,
        revision: row.revision === null ? null : String(row.revision),
        decidedBy: row.staff_username === null ? null : { id: row.staff_id, username: row.staff_username },
      }),
    );
  }

  async findIdempotency(deviceId: string, key: string) {
    const row = await this.first(this.push.idempotency.bind({ device_id: deviceId, key }));
    return row && toIdempotency(row);
  }

  async lockUnionForChange(unionId: string) {
    return toLock(unionId, await this.first(this.push.lockUnion.bind({ id: unionId })));
  }

  async lockAndReadForPush(push: PushReadsRequest): Promise<PushReads> {
    const { rows } = await this.q.executeQuery<QueryResult<never>>(
      batchOf([
        this.push.lockUnion.bind({ id: push.unionId }),
        this.push.roundForUnion.bind({ union_id: push.unionId, year: push.period.year, kind: push.period.kind }),
        this.push.idempotency.bind({ device_id: push.deviceId, key: push.idempotencyKey }),
        this.push.reportForPush.bind({ id: push.reportId, document: push.documentJson }),
      ]),
    );
    const [lock, round, earlier, current] = rows.map((result) => result.rows[0]) as [LockRow | undefined, UnionRoundRow | undefined, IdempotencyRow | undefined, PushedReportRow | undefined];
    return {
      lock: toLock(push.unionId, lock),
      round: round ? toUnionRound(round) : null,
      earlier: earlier && toIdempotency(earlier),
      current: current && toPushedReportHead(current),
    };
  }

  async insertUnion(union: NewUnion) {
    await this.q
      .insertInto('unions')
      .values({
        id: union.id,
        code: union.code ?? null,
        name: union.name,
        employer: union.employer ?? '',
        sector: union.sector ?? '',
        superior_id: union.superiorId,
        created_at: union.createdAt,
      })
      .execute();
  }

  async updateUnion(unionId: string, change: Partial<Pick<UnionRecord, 'name' | 'code' | 'employer' | 'sector'>>) {
    if (Object.keys(change).length === 0) return;
    await this.q.updateTable('unions').set(change).where('id', '=', unionId).execute();
  }

  async setUnionSuperior(unionId: string, superiorId: string) {
    await this.q.updateTable('unions').set({ superior_id: superiorId }).where('id', '=', unionId).execute();
  }

  async insertUnionMove(move: UnionMove) {
    await this.q
      .insertInto('union_moves')
      .values({
        id: move.id,
        union_id: move.unionId,
        from_node_id: move.from?.id ?? null,
        from_name: move.from?.name ?? null,
        to_node_id: move.to.id,
        to_name: move.to.name,
        effective_date: move.effectiveDate,
        moved_at: move.movedAt,
        moved_by_staff_id: move.movedBy?.id ?? null,
        moved_by_username: move.movedBy?.username ?? null,
      })
      .execute();
  }

  async lockTree() {
    // SQLite has one writer at a time already; PostgreSQL takes a transaction-scoped advisory lock.
    if (this.kind === 'postgres') await sql`select pg_advisory_xact_lock(7007)`.execute(this.q);
  }

  async insertNode(node: NodeRecord) {
    await this.q
      .insertInto('nodes')
      .values({
        id: node.id,
        kind: node.kind,
        name: node.name,
        short_name: node.shortName,
        code: node.code,
        parent_id: node.parentId,
        path: node.path,
        created_at: node.createdAt,
      })
      .execute();
  }

  async updateNode(id: string, change: Partial<Pick<NodeRecord, 'kind' | 'name' | 'shortName' | 'code'>>) {
    const set = {
      ...(change.kind !== undefined ? { kind: change.kind } : {}),
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.shortName !== undefined ? { short_name: change.shortName } : {}),
      ...(change.code !== undefined ? { code: change.code } : {}),
    };
    if (Object.keys(set).length > 0) await this.q.updateTable('nodes').set(set).where('id', '=', id).execute();
  }

  async reparentNode(id: string, parentId: string, oldPath: string, newPath: string) {
    await this.q.updateTable('nodes').set({ parent_id: parentId }).where('id', '=', id).execute();
    // Every path under the old one gets the new prefix; paths hold only ids and '/', so LIKE has no wildcard to fear.
    await this.q
      .updateTable('nodes')
      .set({ path: sql<string>`${newPath} || substr(path, cast(${oldPath.length + 1} as integer))` })
      .where('path', 'like', `${oldPath}%`)
      .execute();
  }

  async deleteNode(id: string) {
    await this.q.deleteFrom('nodes').where('id', '=', id).execute();
  }

  async insertDevice(device: DeviceRecord & { tokenHash: string }) {
    await this.q
      .insertInto('devices')
      .values({
        id: device.id,
        union_id: device.unionId,
        name: device.name,
        token_hash: device.tokenHash,
        created_at: device.createdAt,
        last_seen_at: device.lastSeenAt,
        revoked_at: device.revokedAt,
      })
      .execute();
  }

  async setDeviceLastSeen(id: string, at: string) {
    await this.q.executeQuery(this.push.setDeviceLastSeen.bind({ id, last_seen_at: at }));
  }

  async revokeDevice(id: string, at: string) {
    await this.q.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async insertEnrolmentCode(code: Omit<EnrolmentCodeRecord, 'uses'> & { codeHash: string }) {
    await this.q
      .insertInto('enrolment_codes')
      .values({
        id: code.id,
        union_id: code.unionId,
        code_hash: code.codeHash,
        expires_at: code.expiresAt,
        max_uses: code.maxUses,
        created_at: code.createdAt,
        revoked_at: code.revokedAt,
      })
      .execute();
  }

  async useEnrolmentCode(id: string, now: string) {
    // One conditional update: two devices enrolling at once can never both take the last use.
    const result = await this.q
      .updateTable('enrolment_codes')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb('uses', '<', eb.ref('max_uses')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async withdrawEnrolmentCode(id: string, at: string) {
    await this.q.updateTable('enrolment_codes').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async insertReviewDecision(reportId: string, decision: ReviewDecisionEntry) {
    await this.q
      .insertInto('review_decisions')
      .values({
        id: randomUUID(),
        report_id: reportId,
        revision: decision.revision === null ? null : Number(decision.revision),
        status: decision.status,
        comment: decision.comment,
        decided_at: decision.decidedAt,
        staff_id: decision.decidedBy?.id ?? null,
        staff_username: decision.decidedBy?.username ?? null,
      })
      .execute();
  }

  async insertStaff(staff: StaffRecord) {
    await this.q
      .insertInto('staff')
      .values({
        id: staff.id,
        username: staff.username,
        password_hash: staff.passwordHash,
        node_id: staff.nodeId,
        role: staff.role,
        created_at: staff.createdAt,
      })
      .execute();
  }

  async setStaffPassword(id: string, passwordHash: string) {
    await this.q.updateTable('staff').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await this.q.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  }

  async deleteStaff(id: string) {
    await this.q.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
    await this.q.deleteFrom('staff').where('id', '=', id).execute();
  }

  async insertSession(session: { tokenHash: string; staffId: string; createdAt: string; expiresAt: string }) {
    await this.q
      .insertInto('staff_sessions')
      .values({
        token_hash: session.tokenHash,
        staff_id: session.staffId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async deleteSession(tokenHash: string) {
    await this.q.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async insertReport(report: ReportRecord) {
    await this.q.insertInto('reports').values(fromReport(report)).execute();
  }

  async updateReport(report: ReportRecord, document?: object, previous?: PushedReportHead) {
    // created_at never changes; the prepared update leaves it out.
    const row = fromReport(report, document);
    const unchangedIndexes = previous !== undefined && previous.indexedColumns === indexedColumnsOf(row);
    await this.q.executeQuery((unchangedIndexes ? this.push.updateReportContent : this.push.updateReport).bind(row));
  }

  async insertRevision(revision: { reportId: string; revision: number; deviceId: string | null; savedAt: string; documentJson: string }) {
    await this.q.executeQuery(
      this.push.insertRevision.bind({
        report_id: revision.reportId,
        revision: revision.revision,
        device_id: revision.deviceId,
        saved_at: revision.savedAt,
        document: revision.documentJson,
      }),
    );
  }

  async insertIdempotency(entry: IdempotencyRecord & { deviceId: string; key: string; createdAt: string }) {
    await this.q.executeQuery(
      this.push.insertIdempotency.bind({
        device_id: entry.deviceId,
        key: entry.key,
        body_hash: entry.bodyHash,
        status: entry.status,
        response: entry.responseJson,
        created_at: entry.createdAt,
      }),
    );
  }

  async thinDraftRevision(reportId: string, revision: number) {
    await this.q.executeQuery(this.push.thinDraftRevision.bind({ report_id: reportId, revision }));
  }

  async deleteExpired(idempotencyBefore: string, now: string) {
    await this.q.deleteFrom('idempotency').where('created_at', '<', idempotencyBefore).execute();
    await this.q.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
  }

  // ---- reporting rounds (./rounds.ts) ----

  findRound(id: string) {
    return rounds.findRound(this.q, id);
  }

  listRoundsOfNodes(nodeIds: readonly string[], period?: { year: number; kind: string }) {
    return rounds.listRoundsOfNodes(this.q, nodeIds, period);
  }

  insertRound(round: NewRoundRecord) {
    return rounds.insertRound(this.q, round);
  }

  setRoundClosed(id: string, at: string | null) {
    return rounds.setRoundClosed(this.q, id, at);
  }

  putRoundReopening(roundId: string, unionId: string, at: string, deadline: string | null) {
    return rounds.putReopening(this.q, roundId, unionId, at, deadline);
  }

  deleteRoundReopening(roundId: string, unionId: string) {
    return rounds.deleteReopening(this.q, roundId, unionId);
  }
}

export class KyselyStore extends KyselyQueries implements Store {
  constructor(
    readonly db: Kysely<Database>,
    kind: StoreKind,
  ) {
    super(db, pushQueries(db), kind);
  }

  async write<T>(work: (tx: StoreWrites) => Promise<T>): Promise<T> {
    // PostgreSQL: row locks taken by lockUnionForChange. SQLite: Kysely runs its one connection's
    // transactions one at a time, and another process (the admin CLI) waits on busy_timeout.
    return this.db.transaction().execute(async (trx) => work(new KyselyQueries(trx, this.push, this.kind)));
  }

  async migrate(options: { to?: string } = {}): Promise<MigrationOutcome> {
    // Kysely's Migrator looks for its own tables in every schema unless it is told which one. On a
    // PostgreSQL database where another schema already holds them, it would not create ours and then fail.
    const migrationTableSchema =
      this.kind === 'postgres'
        ? (await this.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('schema')).executeTakeFirstOrThrow()).schema
        : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
    const { error, results } =
      options.to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(options.to);
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
