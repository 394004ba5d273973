/**
 * The statements every push runs (authenticate, lock, replay check, read, write, remember), compiled once
 * per store and bound by name on each run (decision 0005): named statements PostgreSQL prepares once per
 * connection, writes marked deferrable (their answers travel with the next query), constants written as
 * literals, not parameters. ./push.ts runs them.
 */
import { type Compilable, type CompiledQuery, type Kysely, sql } from 'kysely';
import { deviceColumns } from './devices';
import { DIALOGUE_KIND_COLUMNS } from './figures';
import { statementNameOf, withHints } from './queryHints';
import type { Database, ReportsTable, ReportValueSumsTable, StoreKind } from './schema';

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
export function indexedColumnsOf(row: Pick<ReportsTable, (typeof INDEXED_REPORT_COLUMNS)[number]>): string {
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

/** What a push that changes no indexed column writes into its report's row (see updateReportContent). */
const REPORT_CONTENT = { revision: arg('revision'), document: arg('document'), review: arg('review'), saved_at: arg('saved_at'), change_seq: arg('change_seq') };

/** Every column a push may change in its report's row (`created_at` never changes). */
const REPORT_ROW = {
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
};

/**
 * The report's update and the copy of its new revision into report_revisions (updateReport + keepRevision)
 * as one PostgreSQL statement: the update's RETURNING row is the revision kept.
 */
function updateKeepingRevision(db: Kysely<Database>, set: typeof REPORT_CONTENT | typeof REPORT_ROW) {
  return prepare(
    db
      .with('pushed', (q) => q.updateTable('reports').set(set).where('id', '=', arg('id')).returning(['id', 'revision', 'saved_at', 'document']))
      .insertInto('report_revisions')
      .columns(['report_id', 'revision', 'device_id', 'saved_at', 'document'])
      .expression((eb) => eb.selectFrom('pushed').select((e) => ['pushed.id', 'pushed.revision', e.val(arg('device_id')).as('device_id'), 'pushed.saved_at', 'pushed.document'])),
    { deferrable: true },
  );
}

/** The running sums' columns with their PostgreSQL types, for the arrays changeFiguresAndSums takes. */
const SUM_TYPES = {
  node_id: 'text',
  form_id: 'text',
  year: 'integer',
  kind: 'text',
  code: 'text',
  reports: 'integer',
  total: 'float8',
  weighted_reports: 'integer',
  weighted: 'float8',
  weight: 'float8',
} as const satisfies Record<keyof ReportValueSumsTable, string>;
const SUM_COLUMNS = Object.keys(SUM_TYPES) as (keyof ReportValueSumsTable)[];

/** Sums to add as changeFiguresAndSums binds them: one array per column (`sums_<column>`). */
export function sumsAsArrays(sums: readonly ReportValueSumsTable[]): Record<string, unknown[]> {
  return Object.fromEntries(SUM_COLUMNS.map((column) => [`sums_${column}`, sums.map((sum) => sum[column])]));
}

/**
 * New figures of a report's stored value rows (same form and period) and the running sums they move, as
 * one PostgreSQL statement whatever their number: each list travels as an array (`unnest` pairs them up
 * again), so the text, and the statement PostgreSQL prepared, stay the same. ./push.ts
 * `replaceReportValues` says when it applies.
 */
function changeFiguresAndSums(db: Kysely<Database>) {
  const text = sql`with changed as (
    update report_values as v set number = x.number, weight = x.weight
    from unnest(${arg('codes')}::text[], ${arg('numbers')}::float8[], ${arg('weights')}::float8[]) as x(code, number, weight)
    where v.report_id = ${arg('report_id')} and v.code = x.code
  )
  insert into report_value_sums (${sql.join(SUM_COLUMNS.map((column) => sql.ref(column)))})
  select * from unnest(${sql.join(SUM_COLUMNS.map((column) => sql`${arg(`sums_${column}`)}::${sql.raw(SUM_TYPES[column])}[]`))})
  on conflict (node_id, form_id, year, kind, code) do update set
    reports = report_value_sums.reports + excluded.reports,
    total = report_value_sums.total + excluded.total,
    weighted_reports = report_value_sums.weighted_reports + excluded.weighted_reports,
    weighted = report_value_sums.weighted + excluded.weighted,
    weight = report_value_sums.weight + excluded.weight`;
  return prepare({ compile: () => text.compile(db) }, { deferrable: true });
}

/**
 * The queries of every push (authenticate, lock, replay check, read, write, remember), compiled once per
 * store: building them with Kysely on each request cost more than running them on SQLite's cached
 * statements. Arguments are named after the columns, so a row object binds as it is. `postgres` holds
 * the statements only PostgreSQL can say (a data-modifying `with`), null on SQLite.
 */
export function pushQueries(db: Kysely<Database>, kind: StoreKind) {
  return {
    postgres:
      kind === 'postgres'
        ? {
            updateReportContentKeepingRevision: updateKeepingRevision(db, REPORT_CONTENT),
            updateReportKeepingRevision: updateKeepingRevision(db, REPORT_ROW),
            changeFiguresAndSums: changeFiguresAndSums(db),
          }
        : null,
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
        // A counted report's document (./reportValueSums.ts `isCounted`, as formRollups.ts has it in SQL):
        // its figures are what report_values holds, the old side of the push's sums (decision 0014). A
        // draft's autosave reads no document, nor does a push whose service still holds the rows of that
        // very revision (`known_revision`, services/countedRows.ts; -1 when it holds none).
        .select(
          sql<string | null>`case when superior_id is not null and (status = 'ready' or review_status is not null) and revision <> ${arg('known_revision')} then document end`.as(
            'counted_document',
          ),
        )
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
    updateReportContent: prepare(db.updateTable('reports').set(REPORT_CONTENT).where('id', '=', arg('id')), { deferrable: true }),
    updateReport: prepare(db.updateTable('reports').set(REPORT_ROW).where('id', '=', arg('id')), { deferrable: true }),
    // The revision the push just wrote into `reports` (its number, time and document), copied there by
    // the database: the document crosses from the process to the database once per push, not twice.
    keepRevision: prepare(
      db
        .insertInto('report_revisions')
        .columns(['report_id', 'revision', 'device_id', 'saved_at', 'document'])
        .expression(
          db
            .selectFrom('reports')
            .select((eb) => ['id', 'revision', eb.val(arg('device_id')).as('device_id'), 'saved_at', 'document'])
            .where('id', '=', arg('report_id')),
        ),
      { deferrable: true },
    ),
    // A report's values for the roll-ups (./reportValues.ts), replaced with each new revision: one
    // prepared insert per row, sent together with the rest (a multi-row insert's text would change
    // with the number of rows, and be prepared again).
    deleteReportValues: prepare(db.deleteFrom('report_values').where('report_id', '=', arg('report_id')), { deferrable: true }),
    // A changed figure of a stored row (same form and period): no column of the form-and-period index
    // in the SET list, so SQLite leaves that index alone.
    updateReportValueFigures: prepare(
      db.updateTable('report_values').set({ number: arg('number'), weight: arg('weight') }).where('report_id', '=', arg('report_id')).where('code', '=', arg('code')),
      { deferrable: true },
    ),
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

export type PushRow<K extends keyof PushQueries> = PushQueries[K] extends { bind(values: object): CompiledQuery<infer Row> } ? Row : never;
export type LockRow = PushRow<'lockUnion'>;
export type UnionRoundRow = PushRow<'roundForUnion'>;
export type IdempotencyRow = PushRow<'idempotency'>;
export type PushedReportRow = PushRow<'reportForPush'>;
