/**
 * One page of a node's period table (issue 22): the CĐCS whose line belongs to the node itself for a
 * period and form, filtered, searched and sorted in SQL, with the count and the totals row over every
 * line the filters keep. The lines are the `direct` scope of ./overviews.ts `ownedLines` (a report
 * filed under the node, or an unsent period of a union the node was the superior of when it fell due),
 * narrowed to one form; the node's whole overview (roll-up, charts) stays in ./overviews.ts.
 *
 * Paging is by position in an order that is total (ties by name, then id, both compared byte for byte
 * on both stores), so every line appears on exactly one page. The name order is the folded
 * name's (domain/search.ts: "Đ" with "D", "Ă" with "A"), which both stores compute alike: SQLite through
 * the `fold_search` function the store registers on its connection (./open.ts), PostgreSQL with translate().
 */
import { sql, type RawBuilder } from 'kysely';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../domain/report';
import type { PeriodTableQuery, PeriodTableSortKey, SortDirection } from '../../domain/periodTable';
import { rowSortCode, type TableColumn } from '../../domain/forms/tableColumns';
import { foldForSearch, searchWords, VIETNAMESE_LETTERS } from '../../domain/search';
import { DIALOGUE_KIND_COLUMNS } from './figures';
import { toUnion, type NodeRecord } from './organisation';
import type { OverviewLineRecord } from './overviews';
import type { Queries, StoreKind } from './schema';
import { columnsInSql, pageColumnValues, readsRunningSums, runningColumnSums } from './periodTableColumns';

const FOLDED_LETTERS = [...VIETNAMESE_LETTERS].map((letter) => foldForSearch(letter)).join('');
const FOLDED_LETTER = new Map([...VIETNAMESE_LETTERS].map((letter, index) => [letter, FOLDED_LETTERS[index] as string]));

/** The SQLite function ./open.ts registers. */
export const FOLD_FUNCTION = 'fold_search';

/**
 * domain/search.ts `foldForSearch` for the Vietnamese letters, as PostgreSQL's normalize() and
 * regexp_replace() below: a letter at a time through a table (once per line, cheaper than normalising).
 */
export function foldSearchFunction(text: unknown): string | null {
  if (text === null || text === undefined) return null;
  let out = '';
  for (const letter of String(text)) out += FOLDED_LETTER.get(letter) ?? letter;
  return out.toLowerCase();
}

/** `text` folded as domain/search.ts does, compared byte for byte. */
function folded(kind: StoreKind, text: RawBuilder<unknown>): RawBuilder<string> {
  return kind === 'sqlite'
    ? sql<string>`${sql.raw(FOLD_FUNCTION)}(${text})`
    : // Decomposed, marks dropped: a translate() of the 134 letters costs ~7× more per line.
      sql<string>`lower(translate(regexp_replace(normalize(${text}, NFD), ${sql.lit('[\u0300-\u036f]')}, '', 'g'), 'đĐ', 'dD')) collate "C"`;
}

/** What the table asks for (domain/periodTable.ts), at a node, for a period and form. */
export interface PeriodTableRequest extends PeriodTableQuery {
  node: NodeRecord;
  year: number;
  kind: string;
  formId: string;
  /** The day the period fell due (domain/periodSuperior.ts): a moved union's unsent period stays with the superior it had then. */
  dueOn: string;
  /**
   * For the deadline column: the first instant past the deadline a line is held to (the round's, or a
   * reopened CĐCS's own), null without a round. A report saved from then on was sent late.
   */
  lateFrom: { round: string; byUnion: ReadonlyMap<string, string> } | null;
  /** The form's chosen columns (domain/forms/tableColumns.ts); a `row:CODE` sort names one of them. */
  columns: readonly TableColumn[];
}

/**
 * A chosen column's sums over the counted lines the filters keep, by its roll-up: for a sum and a
 * count of yes, the reports that gave it (`count`) and Σ figure (`total`); for a weighted mean, the
 * reports with a positive weight, Σ figure × weight and Σ weight (`weight`); for a ratio, the reports
 * with both rows and a positive denominator, Σ numerator and Σ denominator (`weight`).
 */
export interface PeriodTableColumnSums {
  code: string;
  count: number;
  total: number;
  weight: number;
}

export interface PeriodTableTotalsRecord {
  unions: number;
  reported: number;
  workers: number;
  members: number;
  dialogueSessions: number;
  columns: PeriodTableColumnSums[];
}

/** A line and its figures of the chosen columns. */
export type PeriodTableLineRecord = OverviewLineRecord & { values: Record<string, number | null> };

/**
 * Each chosen column's figure (`a`), and its weight or denominator (`b`), from the report's stored
 * values (./reportValues.ts: a counted report's only), one lookup by (report_id, code) each; `c` is
 * the line's figure: `a`, or for a ratio `a ÷ b` when `b` is positive.
 */
function columnParts(columns: readonly TableColumn[]): { joins: RawBuilder<unknown>; selects: RawBuilder<unknown> } {
  const aliases = new Map<string, string>();
  const alias = (code: string) => {
    if (!aliases.has(code)) aliases.set(code, `v${aliases.size}`);
    return aliases.get(code) as string;
  };
  const selects = columns.map((column, j) => {
    const { rollUp } = column;
    const [a, b] =
      rollUp.kind === 'ratio'
        ? [sql`${sql.ref(`${alias(rollUp.numerator)}.number`)}`, sql`${sql.ref(`${alias(rollUp.denominator)}.number`)}`]
        : rollUp.kind === 'weightedMean'
          ? [sql.ref(`${alias(column.code)}.number`), sql.ref(`${alias(column.code)}.weight`)]
          : [sql.ref(`${alias(column.code)}.number`), sql`cast(null as double precision)`];
    const value = rollUp.kind === 'ratio' ? sql`case when ${b} > 0 and ${a} is not null then ${a} * 1.0 / ${b} end` : a;
    return sql`${a} as ${sql.raw(`a${j}`)}, ${b} as ${sql.raw(`b${j}`)}, ${value} as ${sql.raw(`c${j}`)}`;
  });
  const joins = sql.join(
    [...aliases].map(([code, name]) => sql`left join report_values ${sql.raw(name)} on ${sql.raw(name)}.report_id = o.report_id and ${sql.raw(name)}.code = ${code}`),
    sql` `,
  );
  return { joins: aliases.size ? joins : sql``, selects: selects.length ? sql`, ${sql.join(selects)}` : sql`` };
}

const KIND_COLUMNS = Object.values(DIALOGUE_KIND_COLUMNS);

/** The lines of the node for the period and form, each with what the filters and the sorts read. */
function filteredLines(q: Queries, kind: StoreKind, request: PeriodTableRequest) {
  const { node, year, formId, dueOn } = request;
  const period = sql`r.year = ${year} and r.kind = ${request.kind} and r.form_id = ${formId}`;
  // The superior the union had when the period fell due (domain/periodSuperior.ts superiorForPeriod).
  const periodSuperior = sql`coalesce((
      select m.from_node_id from union_moves m
      where m.union_id = u.id and m.from_node_id is not null and m.effective_date > ${dueOn}
      order by m.effective_date, m.moved_at, m.id limit 1), u.superior_id)`;
  const standing = sql`case when o.report_id is null then 'missing'
      when o.review_status in ('accepted', 'returned') then o.review_status
      when o.status = 'ready' then 'sent' else 'draft' end`;
  const rate = sql`case when o.workers > 0 and o.members >= 0 then o.members * 1.0 / o.workers end`;
  // The figures come out of the covering indexes (reports_filed, reports_union_figures), as in
  // ./overviews.ts: a report's row holds its document, which a scan of 6,000 lines must not read.
  const figures = sql.raw(['status', 'review_status', 'workers', 'members', 'meets_target', 'dialogue_sessions'].map((column) => `r.${column}`).join(', '));
  // The day a report was sent is read for the sorts by it only (the row, not an index).
  const savedAt =
    request.sort === 'lastSync' || request.sort === 'deadline' ? sql`(select s.saved_at from reports s where s.id = o.report_id)` : sql`cast(null as text)`;
  const lateFrom = request.lateFrom
    ? request.lateFrom.byUnion.size === 0
      ? sql`cast(${request.lateFrom.round} as text)`
      : sql`case ${sql.join([...request.lateFrom.byUnion].map(([unionId, instant]) => sql`when u.id = ${unionId} then cast(${instant} as text)`), sql` `)} else cast(${request.lateFrom.round} as text) end`
    : sql`cast(null as text)`;
  const conditions: RawBuilder<unknown>[] = [];
  const reported = sql`l.standing in ('sent', 'accepted', 'returned')`;
  if (request.belowTarget || request.filter === 'underTarget') conditions.push(sql`l.meets_target = 0`);
  if (request.notReported || request.filter === 'notReported') conditions.push(sql`not (${reported})`);
  if (request.filter === 'returned' || request.filter === 'accepted') conditions.push(sql`l.standing = ${request.filter}`);
  const patterns = searchWords(request.search).map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // PostgreSQL folds the text once for every word with `like all`; SQLite's fold is a cheap function call.
  // (`like all` takes no escape clause: PostgreSQL's default escape is the same backslash.)
  if (patterns.length && kind === 'postgres') conditions.push(sql`l.haystack like all (array[${sql.join(patterns)}]::text[])`);
  else for (const pattern of patterns) conditions.push(sql`l.haystack like ${pattern} escape '\\'`);
  const haystack = folded(kind, sql`u.name || ' ' || coalesce(u.code, '') || ' ' || u.employer`);
  const searching = patterns.length > 0;
  const parts = columnParts(request.columns);
  return sql`
    with owned as (
      -- Unsent (or no report) and still under the node, no move since the period fell due.
      select u.id as union_id, r.id as report_id, ${figures}
      from unions u
      left join reports r on r.union_id = u.id and ${period}
      where u.superior_id = ${node.id}
        and (r.id is null or r.superior_id is null)
        and not exists (select 1 from union_moves m where m.union_id = u.id and m.from_node_id is not null and m.effective_date > ${dueOn})
      union all
      -- Unsent and moved since: the node's if it was the superior when the period fell due.
      select u.id, r.id, ${figures}
      from unions u
      left join reports r on r.union_id = u.id and ${period}
      where u.id in (select m.union_id from union_moves m where m.from_node_id = ${node.id} and m.effective_date > ${dueOn})
        and (r.id is null or r.superior_id is null)
        and ${periodSuperior} = ${node.id}
      union all
      select r.union_id, r.id, ${figures} from reports r where ${period} and r.superior_id = ${node.id}
    ),
    lines as (
      select o.union_id, o.report_id, u.name, u.code,
        ${request.sort === 'name' ? folded(kind, sql`u.name`) : sql`cast(null as text)`} as name_key, ${searching ? haystack : sql`cast(null as text)`} as haystack,
        o.workers, o.members, o.meets_target, o.dialogue_sessions, ${savedAt} as saved_at, ${standing} as standing, ${rate} as rate,
        ${lateFrom} as late_from${parts.selects}
      from owned o
      join unions u on u.id = o.union_id
      ${parts.joins}
    )
    select l.*, case when ${reported} then 1 else 0 end as reported from lines l
    ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}`;
}

/** The value a column sorts by; null sorts last in either direction (as the browser's table did). */
function sortKey(kind: StoreKind, sort: PeriodTableSortKey, columns: readonly TableColumn[]): RawBuilder<unknown> {
  // Text compared byte for byte on both stores, so both order (and page) alike.
  const text = (column: string) => (kind === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column));
  const code = rowSortCode(sort);
  if (code !== null) {
    // The service lets through only a chosen column's code.
    const index = columns.findIndex((column) => column.code === code);
    return sql.ref(`f.c${index}`);
  }
  switch (sort as Exclude<PeriodTableSortKey, `row:${string}`>) {
    case 'name':
      return sql.ref('f.name_key');
    case 'code':
      return text('f.code');
    case 'workers':
      return sql.ref('f.workers');
    case 'members':
      return sql.ref('f.members');
    case 'rate':
      return sql.ref('f.rate');
    case 'dialogues':
      return sql`case when f.report_id is not null then f.dialogue_sessions end`;
    case 'lastSync':
      return text('f.saved_at');
    case 'standing':
      return sql`case f.standing when 'returned' then 0 when 'sent' then 1 when 'draft' then 2 when 'missing' then 3 else 4 end`;
    case 'deadline':
      // What needs the superior first: not sent (the earliest deadline first), then sent late (the
      // latest sent last), then sent in time. A page holds lines of one Vietnamese day together.
      return sql`case when f.late_from is null then null
        when f.reported = 0 then 'a' || f.late_from
        when f.saved_at >= f.late_from then 'b' || f.saved_at
        else 'c' end`;
  }
}

/** The table's order over `alias`'s sort_key, name and union_id columns: total, so every line has one place. */
function orderBy(kind: StoreKind, alias: string, direction: SortDirection): RawBuilder<unknown> {
  const key = sql.ref(`${alias}.sort_key`);
  const collated = (column: string) => (kind === 'postgres' ? sql`${sql.ref(`${alias}.${column}`)} collate "C"` : sql.ref(`${alias}.${column}`));
  return sql`${key} is null, ${key} ${sql.raw(direction)}, ${collated('name')}, ${collated('union_id')}`;
}

/** The totals row's sums over `f` (the filtered lines): as aggregates, or with `over ()` beside each line. */
function totalsColumns(window: boolean, columns: readonly TableColumn[]): RawBuilder<unknown> {
  const counted = sql`f.reported = 1 and f.workers is not null and f.members is not null`;
  const over = window ? sql` over ()` : sql``;
  // Each chosen column's sums (PeriodTableColumnSums): x the reports, y the total, z the weight.
  const sums = columns.map((column, j) => {
    const [a, b] = [sql.ref(`f.a${j}`), sql.ref(`f.b${j}`)];
    const paired = column.rollUp.kind === 'weightedMean' || column.rollUp.kind === 'ratio';
    // Values are stored for counted reports only (./reportValues.ts): a line with one counts, as in the roll-ups.
    const given = paired ? sql`${a} is not null and ${b} > 0` : sql`${a} is not null`;
    const total = column.rollUp.kind === 'weightedMean' ? sql`${a} * ${b}` : a;
    const name = (letter: string) => sql.raw(`${letter}${j}`);
    return sql`, sum(case when ${given} then 1 else 0 end)${over} as ${name('x')},
      sum(case when ${given} then ${total} else 0 end)${over} as ${name('y')},
      sum(case when ${given} then ${paired ? b : sql`0`} else 0 end)${over} as ${name('z')}`;
  });
  return sql`count(*)${over} as total_unions, sum(f.reported)${over} as total_reported,
      sum(case when ${counted} then f.workers else 0 end)${over} as total_workers,
      sum(case when ${counted} then f.members else 0 end)${over} as total_members,
      sum(case when f.reported = 1 then f.dialogue_sessions else 0 end)${over} as total_dialogue_sessions${sql.join(sums, sql``)}`;
}

function toTotals(row: Record<string, unknown> | undefined, columns: readonly TableColumn[]): PeriodTableTotalsRecord {
  return {
    unions: Number(row?.total_unions ?? 0),
    reported: Number(row?.total_reported ?? 0),
    workers: Number(row?.total_workers ?? 0),
    members: Number(row?.total_members ?? 0),
    dialogueSessions: Number(row?.total_dialogue_sessions ?? 0),
    columns: columns.map((column, j) => ({ code: column.code, count: Number(row?.[`x${j}`] ?? 0), total: Number(row?.[`y${j}`] ?? 0), weight: Number(row?.[`z${j}`] ?? 0) })),
  };
}

/** The count and the totals row alone: for a page past the last line, which carries none. */
export async function periodTableTotals(q: Queries, kind: StoreKind, request: PeriodTableRequest): Promise<PeriodTableTotalsRecord> {
  const running = readsRunningSums(request);
  const inSql = { ...request, columns: columnsInSql(request) };
  const { rows } = await sql<Record<string, unknown>>`select ${totalsColumns(false, inSql.columns)} from (${filteredLines(q, kind, inSql)}) f`.execute(q);
  const totals = toTotals(rows[0], inSql.columns);
  return running ? { ...totals, columns: await runningColumnSums(q, request) } : totals;
}

/**
 * The lines at `offset` … `offset + limit - 1` of the filtered, sorted table, and the totals over every
 * line the filters keep (null when the page is empty: past the end, or nothing kept).
 */
export async function periodTablePage(
  q: Queries,
  kind: StoreKind,
  request: PeriodTableRequest,
  offset: number,
  limit: number,
): Promise<{ lines: PeriodTableLineRecord[]; totals: PeriodTableTotalsRecord | null }> {
  // One pass over the lines: the sort key and the totals (a window over all of them) beside each, then
  // the page; the totals need no second reading of the 6,000 lines.
  // Without a filter or a search, the totals are the node's running sums and only the page's figures are read.
  const running = readsRunningSums(request);
  const columns = columnsInSql(request);
  const linesColumns = columns.length ? sql`, ${sql.join(columns.map((_, j) => sql.ref(`f.c${j}`)))}` : sql``;
  const columnsOut = columns.length ? sql`, ${sql.raw(columns.flatMap((_, j) => [`p.c${j}`, `p.x${j}`, `p.y${j}`, `p.z${j}`]).join(', '))}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    select u.id, u.code, u.name, u.employer, u.sector, u.superior_id, u.created_at, c.path as current_path,
      p.total_unions, p.total_reported, p.total_workers, p.total_members, p.total_dialogue_sessions${columnsOut},
      (select count(*) from devices d where d.union_id = u.id and d.revoked_at is null) as active_devices,
      r.id as report_id, r.revision, r.saved_at, r.status, r.review, r.workers, r.members, r.meets_target, r.dialogue_sessions,
      ${sql.raw(KIND_COLUMNS.map((column) => `r.${column}`).join(', '))}
    from (
      select k.* from (
        select f.union_id, f.report_id, f.name, ${sortKey(kind, request.sort, columns)} as sort_key, ${totalsColumns(true, columns)}${linesColumns}
        from (${filteredLines(q, kind, { ...request, columns })}) f
      ) k
      order by ${orderBy(kind, 'k', request.direction)}
      limit ${limit} offset ${offset}
    ) p
    join unions u on u.id = p.union_id
    join nodes c on c.id = u.superior_id
    left join reports r on r.id = p.report_id
    order by ${orderBy(kind, 'p', request.direction)}`.execute(q);
  const lines = rows.map((row) => ({
    union: toUnion(row as Parameters<typeof toUnion>[0]),
    ownerId: request.node.id,
    ownerName: request.node.name,
    movedAway: !String(row.current_path).startsWith(request.node.path),
    activeDevices: Number(row.active_devices),
    report:
      row.report_id === null
        ? null
        : {
            id: String(row.report_id),
            revision: Number(row.revision),
            savedAt: String(row.saved_at ?? ''),
            status: row.status === 'ready' ? ('ready' as const) : ('draft' as const),
            reviewJson: (row.review as string | null) ?? null,
            workers: row.workers === null ? null : Number(row.workers),
            members: row.members === null ? null : Number(row.members),
            meetsTarget: row.meets_target === null ? null : Number(row.meets_target) === 1,
            dialogueSessions: Number(row.dialogue_sessions),
            dialogueSessionsByKind: Object.fromEntries(DIALOGUE_KINDS.map((each) => [each, Number(row[DIALOGUE_KIND_COLUMNS[each]] ?? 0)])) as DialogueKindCounts,
          },
    values: Object.fromEntries(columns.map((column, j) => [column.code, row[`c${j}`] === null || row[`c${j}`] === undefined ? null : Number(row[`c${j}`])])),
  }));
  if (!running) return { lines, totals: rows.length ? toTotals(rows[0], columns) : null };
  const reportIds = lines.flatMap((line) => (line.report ? [line.report.id] : []));
  const values = await pageColumnValues(q, request.columns, reportIds);
  const sums = rows.length ? await runningColumnSums(q, request) : [];
  const empty = Object.fromEntries(request.columns.map((column) => [column.code, null]));
  for (const line of lines) line.values = (line.report && values.get(line.report.id)) || empty;
  return { lines, totals: rows.length ? { ...toTotals(rows[0], []), columns: sums } : null };
}
