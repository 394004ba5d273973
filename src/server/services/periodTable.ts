/**
 * The paged period table (domain/periodTable.ts): checks the request, finds the period and its round's
 * deadlines, and asks the store for one page and the totals over every line the filters keep. The
 * cursor is opaque to the client: the page's position and a digest of the query it belongs to, so a
 * cursor carried over to another sort or filter is refused (400) instead of showing a wrong page.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS } from '../../domain/period';
import {
  PERIOD_TABLE_DEFAULT_LIMIT,
  PERIOD_TABLE_FILTERS,
  PERIOD_TABLE_MAX_LIMIT,
  PERIOD_TABLE_SORTS,
  SORT_DIRECTIONS,
  type PeriodTablePage,
} from '../../domain/periodTable';
import { PLAN94_FORM_REF } from '../../domain/forms/reportForm';
import { rowSortCode, tableColumns, type RowSort, type TableColumn } from '../../domain/forms/tableColumns';
import type { FormRow } from '../../domain/forms/definition';
import { periodDueDate } from '../../domain/periodSuperior';
import { roundOfPeriod } from '../../domain/round';
import { vietnamDayStart } from '../../domain/calendar';
import type { PeriodTableRequest, PeriodTableTotalsRecord } from '../store/store';
import type { RoundRecord } from '../store/rounds';
import type { ServiceContext } from './context';
import { ApiFailure } from './errors';
import { defaultPeriodOf, toUnionOverview } from './overview';
import { toNodeSummary } from './organisation';
import { roundsApplyingTo } from './rounds';
import { nodeInReach, type StaffActor } from './actors';
import { formForNode, rowFromSums } from './formRollups';

/** A sort by a form's chosen column (domain/forms/tableColumns.ts). */
const ROW_SORT = /^row:[A-Z][A-Z0-9_]{0,39}$/;

const flag = z._default(z.enum(['0', '1', 'true', 'false']), '0');

const querySchema = z
  .object({
    year: z.optional(z.coerce.number().check(z.int(), z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR))),
    kind: z.optional(z.enum(PERIOD_KINDS)),
    form: z._default(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/)), PLAN94_FORM_REF.id),
    sort: z._default(z.union([z.enum(PERIOD_TABLE_SORTS), z.string().check(z.regex(ROW_SORT)) as z.ZodMiniType<RowSort>]), 'name'),
    direction: z._default(z.enum(SORT_DIRECTIONS), 'asc'),
    filter: z._default(z.enum(PERIOD_TABLE_FILTERS), 'all'),
    belowTarget: flag,
    notReported: flag,
    search: z._default(z.string().check(z.maxLength(200)), ''),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1)), PERIOD_TABLE_DEFAULT_LIMIT),
    cursor: z.optional(z.string().check(z.maxLength(200))),
  })
  .check(z.refine((query) => (query.year === undefined) === (query.kind === undefined)));

type ParsedQuery = z.infer<typeof querySchema>;

const DAY_MS = 86_400_000;

/** The first instant of the day after `deadline` (Vietnam's): a report saved from then on is late. */
function lateFrom(deadline: string): string {
  return new Date(Date.parse(vietnamDayStart(deadline)) + DAY_MS).toISOString();
}

/** The round's deadline and, while it is closed, each reopened CĐCS's own (domain/round.ts unionDeadline). */
function deadlinesOf(round: RoundRecord | null): PeriodTableRequest['lateFrom'] {
  if (!round) return null;
  const byUnion = new Map<string, string>();
  if (round.closedAt != null) for (const reopening of round.reopenings) byUnion.set(reopening.unionId, lateFrom(reopening.deadline ?? round.deadline));
  return { round: lateFrom(round.deadline), byUnion };
}

/** What a cursor is valid for: the same period, form, filters, search and sort. */
function queryDigest(query: ParsedQuery, period: { year: number; kind: string }): string {
  const { form, sort, direction, filter, belowTarget, notReported, search } = query;
  return createHash('sha256')
    .update(JSON.stringify([period.year, period.kind, form, sort, direction, filter, belowTarget, notReported, search.trim()]))
    .digest('base64url')
    .slice(0, 16);
}

function encodeCursor(offset: number, digest: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: digest })).toString('base64url');
}

function decodeCursor(cursor: string, digest: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (Number.isSafeInteger(decoded.o) && (decoded.o as number) >= 0 && decoded.q === digest) return decoded.o as number;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiFailure(400, 'bad_request', 'The cursor does not belong to this table: ask for the first page again (without cursor).');
}

const isOn = (value: string) => value === '1' || value === 'true';

/** A chosen column's figure over the kept lines, from its sums, as domain/forms/rollup.ts adds it up. */
function columnTotal(column: TableColumn, sums: PeriodTableTotalsRecord['columns'][number] | undefined) {
  const { count = 0, total = 0, weight = 0 } = sums ?? {};
  const paired = column.rollUp.kind === 'weightedMean';
  return rowFromSums(column as FormRow, { count, total, weighted: paired ? count : 0, weightedTotal: paired ? total : 0, weightTotal: weight });
}

export async function periodTablePage(
  context: ServiceContext,
  actor: StaffActor,
  nodeId: string,
  query: Record<string, string | undefined>,
): Promise<PeriodTablePage> {
  // The node first: outside the actor's subtree is 404 whatever the query says.
  const node = await nodeInReach(context.store, actor, nodeId);
  const limit = Number(query.limit);
  if (query.limit !== undefined && Number.isInteger(limit) && limit > PERIOD_TABLE_MAX_LIMIT)
    throw new ApiFailure(400, 'limit_too_large', `At most ${PERIOD_TABLE_MAX_LIMIT} lines a page: page through the rest with the cursor.`);
  const parsed = querySchema.safeParse(query);
  if (!parsed.success)
    throw new ApiFailure(
      400,
      'bad_request',
      `year=${FIRST_REPORT_YEAR}…${LAST_REPORT_YEAR}&kind=${PERIOD_KINDS.join('|')} (both or neither), sort=${PERIOD_TABLE_SORTS.join('|')}|row:CODE (a column of the form), direction=asc|desc, filter=${PERIOD_TABLE_FILTERS.join('|')}, belowTarget and notReported 0|1, search, limit=1…${PERIOD_TABLE_MAX_LIMIT}, cursor, form.`,
    );
  const request = parsed.data;
  // The form's chosen columns; a form that does not reach the node is 404, as its roll-up is.
  const columns = tableColumns(await formForNode(context.store, node, request.form, undefined));
  const sortCode = rowSortCode(request.sort);
  if (sortCode !== null && !columns.some((column) => column.code === sortCode))
    throw new ApiFailure(400, 'bad_request', `sort=row:${sortCode} is not one of this form's table columns (${columns.map((column) => column.code).join(', ') || 'none'}).`);
  const rounds = await roundsApplyingTo(context.store, node);
  const period =
    request.year !== undefined && request.kind !== undefined ? { year: request.year, kind: request.kind } : await defaultPeriodOf(context, node, rounds);
  const digest = queryDigest(request, period);
  const offset = request.cursor === undefined ? 0 : decodeCursor(request.cursor, digest);
  const round = roundOfPeriod(rounds, period);
  const storeRequest: PeriodTableRequest = {
    node,
    year: period.year,
    kind: period.kind,
    formId: request.form,
    dueOn: periodDueDate(period, round),
    sort: request.sort,
    direction: request.direction,
    filter: request.filter,
    belowTarget: isOn(request.belowTarget),
    notReported: isOn(request.notReported),
    search: request.search,
    lateFrom: deadlinesOf(round),
    columns,
  };
  const { lines, totals: pageTotals } = await context.store.periodTablePage(storeRequest, offset, request.limit);
  // A page carries the totals; an empty one (nothing kept, or past the end) asks for them alone.
  const totals =
    pageTotals ?? (offset === 0 ? { unions: 0, reported: 0, workers: 0, members: 0, dialogueSessions: 0, columns: [] } : await context.store.periodTableTotals(storeRequest));
  const unionizationRateOfTotals = unionizationRate(totals.members, totals.workers);
  const next = offset + lines.length;
  return {
    node: toNodeSummary(node),
    period,
    form: request.form,
    total: totals.unions,
    offset,
    columns,
    lines: lines.map((line) => ({ ...toUnionOverview(line), values: line.values })),
    totals: {
      unions: totals.unions,
      reported: totals.reported,
      workers: totals.workers,
      members: totals.members,
      dialogueSessions: totals.dialogueSessions,
      unionizationRate: unionizationRateOfTotals,
      meetsTarget: meetsUnionizationTarget(unionizationRateOfTotals),
    },
    columnTotals: columns.map((column) => columnTotal(column, totals.columns.find((sums) => sums.code === column.code))),
    nextCursor: next < totals.unions && lines.length > 0 ? encodeCursor(next, digest) : null,
    previousCursor: offset > 0 ? encodeCursor(Math.max(0, offset - request.limit), digest) : null,
  };
}
