/**
 * The push path in the store: the statements every push runs (authenticate, lock, replay check, read,
 * write, remember), compiled once per store and bound by name on each run, and the queries that run
 * them. What makes them cheap is kept here and explained where it is done (docs/decisions/0005): named
 * statements PostgreSQL prepares once per connection, writes marked deferrable (their answers travel with
 * the next query), the first reads sent as one batch, and constants written as literals, not parameters.
 */
import { type Compilable, type CompiledQuery, type Kysely, type QueryResult, sql } from 'kysely';
import type { FormDefinition } from '../../domain/forms/definition';
import type { FormRef } from '../../domain/forms/reportForm';
import type { PeriodKind } from '../../domain/period';
import type { ReportingRound } from '../../domain/round';
import type { UnionDevice } from '../../domain/staff';
import { deviceColumns, toDevice } from './devices';
import { DIALOGUE_KIND_COLUMNS } from './figures';
import { batchOf, statementNameOf, withHints } from './queryHints';
import { fromReport, type NewRevision, type ReportRecord, toReport, toReportHead } from './reports';
import { addContribution, changedSums, isCounted, ratioRows } from './reportValueSums';
import type { Database, Queries, ReportsTable, ReportValueSumsTable, ReportValuesTable } from './schema';

export interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  responseJson: string;
}

/** An idempotency record to keep: the answer to one push, under the device's key. */
export type NewIdempotency = IdempotencyRecord & { deviceId: string; key: string; createdAt: string };

/** What lockUnionForChange hands out: the union's next change_seq, and its superior now (with its path). */
export interface UnionLock {
  changeSeq: number;
  superiorId: string | null;
  /** The superior's materialised path (`/<root>/…/<superior>/`): a stored form must be published on it. */
  superiorPath: string | null;
}

export interface PushReadsRequest {
  unionId: string;
  period: { year: number; kind: string };
  /** The id of the form the report answers: the round read is the one that asks for it. */
  formId: string;
  deviceId: string;
  idempotencyKey: string;
  reportId: string;
  documentJson: string;
}

export interface PushReads {
  lock: UnionLock;
  round: ReportingRound | null;
  earlier: IdempotencyRecord | undefined;
  current: PushedReportHead | undefined;
}

/**
 * A stored report without its document, as a push reads it. `indexedColumns` says what the report's
 * indexed columns hold, so that a push that changes none of them can leave the indexes alone.
 */
export type PushedReportHead = Omit<ReportRecord, 'documentJson'> & {
  sameDocument: boolean;
  indexedColumns: string;
  form: FormRef;
  /** The roll-ups count it (./reportValueSums.ts `isCounted`): its values are in report_values and the sums. */
  counted: boolean;
};

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
        // The superior's path with the lock: a push of a stored form checks where the form was published
        // without a query of its own (built and compiled per push, it cost a form push ≈ 0.1 ms).
        .returning((eb) => ['change_seq', 'superior_id', eb.selectFrom('nodes').select('nodes.path').whereRef('nodes.id', '=', 'unions.superior_id').as('superior_path')]),
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
        .select(['id', 'revision', 'review', 'saved_at', 'created_at', 'change_seq', 'form_id', 'form_version', ...INDEXED_REPORT_COLUMNS])
        .select((eb) => eb('document', '=', arg('document')).as('same_document'))
        .where('id', '=', arg('id')),
    ),
    // The nearest node on the union's superior's path (the superior itself first) that opened a round of
    // the period for the report's form, with the union's reopening of it: roundsForUnion + roundOfPeriod
    // in one query.
    roundForUnion: prepare(
      db
        .selectFrom('unions as u')
        .innerJoin('nodes as s', 's.id', 'u.superior_id')
        .innerJoin('reporting_rounds as r', (join) => join.on('r.year', '=', arg('year')).on('r.kind', '=', arg('kind')).on('r.form_id', '=', arg('form_id')))
        .innerJoin('nodes as n', (join) => join.onRef('n.id', '=', 'r.node_id').on(sql<boolean>`substr(s.path, 1, length(n.path)) = n.path`))
        .leftJoin('round_reopenings as o', (join) => join.onRef('o.round_id', '=', 'r.id').onRef('o.union_id', '=', 'u.id'))
        .select([
          'r.id',
          'r.year',
          'r.kind',
          'r.form_id',
          'r.form_version',
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
    // A report's values for the roll-ups (./reportValues.ts), replaced with each new revision: one
    // prepared insert per row, sent together with the rest (a multi-row insert's text would change
    // with the number of rows, and be prepared again).
    deleteReportValues: prepare(db.deleteFrom('report_values').where('report_id', '=', arg('report_id')), { deferrable: true }),
    // The figures only: the form and period are the report's (`before`), and each column read is a
    // property made per row.
    reportValues: prepare(db.selectFrom('report_values').select(['code', 'number', 'weight']).where('report_id', '=', arg('report_id'))),
    deleteReportValue: prepare(db.deleteFrom('report_values').where('report_id', '=', arg('report_id')).where('code', '=', arg('code')), { deferrable: true }),
    // One running sum moved by a delta (./reportValueSums.ts): one row per changed sum, so an edit of one
    // figure moves one or two sums, not the form's every row.
    addToValueSum: prepare(
      db
        .insertInto('report_value_sums')
        .values({
          node_id: arg('node_id'),
          form_id: arg('form_id'),
          year: arg('year'),
          kind: arg('kind'),
          code: arg('code'),
          reports: arg('reports'),
          total: arg('total'),
          weighted_reports: arg('weighted_reports'),
          weighted: arg('weighted'),
          weight: arg('weight'),
        })
        .onConflict((conflict) =>
          conflict.columns(['node_id', 'form_id', 'year', 'kind', 'code']).doUpdateSet((eb) => ({
            reports: eb('report_value_sums.reports', '+', eb.ref('excluded.reports')),
            total: eb('report_value_sums.total', '+', eb.ref('excluded.total')),
            weighted_reports: eb('report_value_sums.weighted_reports', '+', eb.ref('excluded.weighted_reports')),
            weighted: eb('report_value_sums.weighted', '+', eb.ref('excluded.weighted')),
            weight: eb('report_value_sums.weight', '+', eb.ref('excluded.weight')),
          })),
        ),
      { deferrable: true },
    ),
    // A changed value row in one statement (the row's key is the report and the code).
    upsertReportValue: prepare(
      db
        .insertInto('report_values')
        .values({
          report_id: arg('report_id'),
          code: arg('code'),
          form_id: arg('form_id'),
          year: arg('year'),
          kind: arg('kind'),
          number: arg('number'),
          weight: arg('weight'),
        })
        .onConflict((conflict) =>
          conflict.columns(['report_id', 'code']).doUpdateSet((eb) => ({
            form_id: eb.ref('excluded.form_id'),
            year: eb.ref('excluded.year'),
            kind: eb.ref('excluded.kind'),
            number: eb.ref('excluded.number'),
            weight: eb.ref('excluded.weight'),
          })),
        ),
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
export type PushQueries = ReturnType<typeof pushQueries>;

type PushRow<K extends keyof PushQueries> = PushQueries[K] extends { bind(values: object): CompiledQuery<infer Row> } ? Row : never;
type LockRow = PushRow<'lockUnion'>;
type UnionRoundRow = PushRow<'roundForUnion'>;
type IdempotencyRow = PushRow<'idempotency'>;
type PushedReportRow = PushRow<'reportForPush'>;

function toLock(unionId: string, row: LockRow | undefined): UnionLock {
  if (!row) throw new Error(`union ${unionId} does not exist`);
  return { changeSeq: Number(row.change_seq), superiorId: row.superior_id, superiorPath: row.superior_path ?? null };
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
    form: { id: row.form_id, version: Number(row.form_version) },
    counted: isCounted({ superiorId: row.superior_id, ready: row.status === 'ready', reviewed: row.review_status !== null }),
  };
}

/** The round as the union sees it (src/domain/round.ts roundForUnion): its reopening opens a closed round again, with its deadline. */
function toUnionRound(row: UnionRoundRow): ReportingRound {
  const reopened = row.closed_at != null && row.reopened_at != null;
  return {
    id: row.id,
    period: { year: Number(row.year), kind: row.kind as PeriodKind },
    form: { id: row.form_id, version: Number(row.form_version) },
    title: row.title,
    plan: row.plan,
    activities: { from: row.activities_from, to: row.activities_to },
    deadline: reopened ? (row.reopened_deadline ?? row.deadline) : row.deadline,
    openedBy: { nodeId: row.node_id, name: row.node_name },
    openedAt: row.opened_at,
    closedAt: reopened ? null : row.closed_at,
    reopenedAt: reopened ? row.reopened_at : null,
  };
}

async function first<Row>(q: Queries, query: CompiledQuery<Row>): Promise<Row | undefined> {
  return (await q.executeQuery(query)).rows[0];
}

// ---- reads ----

export async function findDeviceByTokenHash(q: Queries, push: PushQueries, tokenHash: string): Promise<UnionDevice | undefined> {
  const row = await first(q, push.deviceByTokenHash.bind({ token_hash: tokenHash }));
  return row && toDevice(row);
}

export async function findReport(q: Queries, push: PushQueries, id: string): Promise<ReportRecord | undefined> {
  const row = await first(q, push.report.bind({ id }));
  return row && toReport(row);
}

export async function findRoundForUnion(q: Queries, push: PushQueries, unionId: string, year: number, kind: string, formId: string): Promise<ReportingRound | null> {
  const row = await first(q, push.roundForUnion.bind({ union_id: unionId, year, kind, form_id: formId }));
  return row ? toUnionRound(row) : null;
}

export async function findIdempotency(q: Queries, push: PushQueries, deviceId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const row = await first(q, push.idempotency.bind({ device_id: deviceId, key }));
  return row && toIdempotency(row);
}

export async function lockUnionForChange(q: Queries, push: PushQueries, unionId: string): Promise<UnionLock> {
  return toLock(unionId, await first(q, push.lockUnion.bind({ id: unionId })));
}

export async function lockAndReadForPush(q: Queries, push: PushQueries, request: PushReadsRequest): Promise<PushReads> {
  const { rows } = await q.executeQuery<QueryResult<never>>(
    batchOf([
      push.lockUnion.bind({ id: request.unionId }),
      push.roundForUnion.bind({ union_id: request.unionId, year: request.period.year, kind: request.period.kind, form_id: request.formId }),
      push.idempotency.bind({ device_id: request.deviceId, key: request.idempotencyKey }),
      push.reportForPush.bind({ id: request.reportId, document: request.documentJson }),
    ]),
  );
  const [lock, round, earlier, current] = rows.map((result) => result.rows[0]) as [LockRow | undefined, UnionRoundRow | undefined, IdempotencyRow | undefined, PushedReportRow | undefined];
  return {
    lock: toLock(request.unionId, lock),
    round: round ? toUnionRound(round) : null,
    earlier: earlier && toIdempotency(earlier),
    current: current && toPushedReportHead(current),
  };
}

// ---- writes (deferrable: their answers are never read) ----

export async function setDeviceLastSeen(q: Queries, push: PushQueries, id: string, at: string): Promise<void> {
  await q.executeQuery(push.setDeviceLastSeen.bind({ id, last_seen_at: at }));
}

export async function updateReport(q: Queries, push: PushQueries, report: ReportRecord, document?: object, previous?: PushedReportHead): Promise<void> {
  // created_at never changes; the prepared update leaves it out.
  const row = fromReport(report, document);
  const unchangedIndexes = previous !== undefined && previous.indexedColumns === indexedColumnsOf(row);
  await q.executeQuery((unchangedIndexes ? push.updateReportContent : push.updateReport).bind(row));
}

export async function insertRevision(q: Queries, push: PushQueries, revision: NewRevision): Promise<void> {
  await q.executeQuery(
    push.insertRevision.bind({
      report_id: revision.reportId,
      revision: revision.revision,
      device_id: revision.deviceId,
      saved_at: revision.savedAt,
      document: revision.documentJson,
    }),
  );
}

/** What a push changes of a report's standing in the roll-ups: counted before (filed under `nodeId`), counted after (with `rows`). */
export interface ReportValuesChange {
  reportId: string;
  /** Counted before the push: filed under `nodeId`, its values stored with this form and period. */
  before: { nodeId: string; formId: string; year: number; kind: string } | null;
  after: { nodeId: string; rows: readonly ReportValuesTable[] } | null;
  /** The form the report answers: its ratio rows pair two values. */
  definition: FormDefinition;
}

/**
 * Keeps report_values (counted reports only) and the running sums (./reportValueSums.ts) true after a
 * push, in its transaction: nothing for an uncounted report (a draft's autosave); else the rows that
 * changed out and in, and new − old added to the sums that moved (none when no value changed).
 *
 * Filed under the same node, only the rows that changed (with the other row of a ratio they take part
 * in) are added up, old out and new in: a sum of an unchanged row would move by a − a = 0, so leaving
 * them out gives the same sums and costs an edit of one figure one row's work, not the form's every
 * row's. A report moved to another node, or first counted, or no longer counted, moves all its rows.
 */
export async function replaceReportValues(q: Queries, push: PushQueries, change: ReportValuesChange): Promise<void> {
  const { reportId, before, after, definition } = change;
  if (!before && !after) return;
  const old = before ? (await q.executeQuery(push.reportValues.bind({ report_id: reportId }))).rows : [];
  const oldByCode = new Map<string, StoredFigures>();
  for (const row of old) oldByCode.set(row.code, row);
  const rows = after?.rows ?? [];
  // The stored rows that changed or went, and the pushed rows that changed or came (another period
  // changes every row). A report first counted, no longer counted or filed under another node moves
  // all its contributions, whether its figures changed or not.
  const moved = !before || !after || before.nodeId !== after.nodeId;
  const changedIn: ReportValuesTable[] = [];
  let matched = 0;
  for (const row of rows) {
    const was = oldByCode.get(row.code);
    if (was) matched++;
    if (!was || Number(was.number) !== row.number || (was.weight === null ? null : Number(was.weight)) !== row.weight || row.year !== before?.year || row.kind !== before.kind || row.form_id !== before.formId)
      changedIn.push(row);
  }
  let gone: string[] = [];
  if (oldByCode.size > matched) {
    const pushed = new Set(rows.map((row) => row.code));
    gone = [...oldByCode.keys()].filter((code) => !pushed.has(code));
  }
  if (!moved && changedIn.length === 0 && gone.length === 0) return;

  // The contributions to take out and put in: every row when the report moved; else the changed rows
  // and the other row of each ratio one of them is in.
  let codes: Set<string> | null = null;
  if (!moved) {
    codes = new Set(gone);
    for (const row of changedIn) codes.add(row.code);
    for (const ratio of ratioRows(definition))
      if (codes.has(ratio.numerator) || codes.has(ratio.denominator)) {
        codes.add(ratio.numerator);
        codes.add(ratio.denominator);
      }
  }
  const deltas = new Map<string, ReportValueSumsTable>();
  if (before) {
    const out: ReportValuesTable[] = [];
    for (const [code, was] of oldByCode)
      if (!codes || codes.has(code))
        out.push({ report_id: reportId, code, form_id: before.formId, year: before.year, kind: before.kind, number: Number(was.number), weight: was.weight === null ? null : Number(was.weight) });
    addContribution(deltas, before.nodeId, out, definition, -1);
  }
  if (after) addContribution(deltas, after.nodeId, codes ? rows.filter((row) => (codes as Set<string>).has(row.code)) : rows, definition, 1);
  // Only the value rows that changed are written (an edit changes a few figures of a report).
  for (const code of gone) await q.executeQuery(push.deleteReportValue.bind({ report_id: reportId, code }));
  for (const row of changedIn) await q.executeQuery(push.upsertReportValue.bind(row));
  for (const sum of changedSums(deltas)) await q.executeQuery(push.addToValueSum.bind(sum));
}

/** A stored value's figures as either store answers them (PostgreSQL may give a double as text). */
type StoredFigures = { number: number | string; weight: number | string | null };

export async function insertIdempotency(q: Queries, push: PushQueries, entry: NewIdempotency): Promise<void> {
  await q.executeQuery(
    push.insertIdempotency.bind({
      device_id: entry.deviceId,
      key: entry.key,
      body_hash: entry.bodyHash,
      status: entry.status,
      response: entry.responseJson,
      created_at: entry.createdAt,
    }),
  );
}

export async function thinDraftRevision(q: Queries, push: PushQueries, reportId: string, revision: number): Promise<void> {
  await q.executeQuery(push.thinDraftRevision.bind({ report_id: reportId, revision }));
}

/** The maintenance job's part: answers kept for replays since before `before`. */
export async function deleteIdempotencyBefore(q: Queries, before: string): Promise<void> {
  await q.deleteFrom('idempotency').where('created_at', '<', before).execute();
}
