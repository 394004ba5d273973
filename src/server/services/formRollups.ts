/**
 * A node's roll-up of a report form (issue 22): the database sums each row per node the reports were
 * filed under (store/formRollups.ts, one aggregate query); this module folds those sums into the
 * node's total and one column per direct child, and gives each row its figure with the semantics of
 * domain/forms/rollup.ts (a sum, a count of yes, a weighted mean Σ(x × w) ÷ Σw, a ratio Σ numerator ÷
 * Σ denominator, never a mean of rates). The property test holds the two equal.
 *
 * The form: a built-in one, or a published version of a form owned by the node or a node above it
 * (whose CĐCS it is for); anything else is 404 `not_found`, as a form that does not exist. Reports of
 * every version of the form count: a row is found by its code, which a new version keeps.
 *
 * Also the roll-up as a spreadsheet (write-excel-file), in Vietnamese: the table, the CĐCS that
 * reported with their figures, and those that did not.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import * as z from 'zod/mini';
import { type FormDefinition, type FormRow, formDefinitionSchema, formRows, FORM_ID } from '../../domain/forms/definition';
import type { FormRollup, FormRollupColumn } from '../../domain/forms/nodeRollup';
import { computedValue, rollUpUnit, type RowRollUpResult } from '../../domain/forms/rollup';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, type ReportPeriod } from '../../domain/period';
import type { FormRollupSumsRecord, NodeRecord, StoreReads } from '../store/store';
import type { ServiceContext } from './context';
import { ApiFailure } from './errors';
import { BUILTIN_FORMS } from './forms';
import { periodName } from './notificationTexts';
import { nodeInReach, noSuch, type StaffActor } from './actors';

const querySchema = z.object({
  year: z.coerce.number().check(z.int(), z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR)),
  kind: z.enum(PERIOD_KINDS),
  version: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000))),
});

function parseQuery(query: unknown): { period: ReportPeriod; version: number | undefined } {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success)
    throw new ApiFailure(400, 'bad_request', `Name the period: year=${FIRST_REPORT_YEAR}…${LAST_REPORT_YEAR}&kind=${PERIOD_KINDS.join('|')}, and optionally version=<n> (default: the latest published).`);
  return { period: { year: parsed.data.year, kind: parsed.data.kind }, version: parsed.data.version };
}

/**
 * The definition the roll-up reads: a built-in form, or a published version owned by the node or a
 * node above it (the latest unless `version` names one); 404 otherwise.
 */
export async function formForNode(store: StoreReads, node: NodeRecord, formId: unknown, version: number | undefined): Promise<FormDefinition> {
  if (typeof formId !== 'string' || !FORM_ID.test(formId)) throw noSuch('form');
  const builtin = BUILTIN_FORMS.filter((form) => form.id === formId);
  if (builtin.length > 0) {
    const found = version === undefined ? builtin.reduce((a, b) => (b.version > a.version ? b : a)) : builtin.find((form) => form.version === version);
    if (!found) throw noSuch('form');
    return found;
  }
  const usable = (await store.listFormVersions(formId)).filter(
    (record) => record.status === 'published' && node.path.startsWith(record.nodePath) && (version === undefined || record.version === version),
  );
  const record = usable.at(-1);
  if (!record) throw noSuch('form');
  return formDefinitionSchema.parse(JSON.parse(record.definitionJson));
}

function ratiosOf(definition: FormDefinition) {
  return formRows(definition).flatMap((row) => (row.rollUp.kind === 'ratio' ? [{ code: row.code, numerator: row.rollUp.numerator, denominator: row.rollUp.denominator }] : []));
}

/** The columns' nodes (the node, then its children by name) and, for any node of the subtree, the column of its child it falls under (-1: the node itself only). */
async function columnsOf(store: StoreReads, node: NodeRecord): Promise<{ nodes: NodeRecord[]; childColumn: (nodeId: string) => number }> {
  const subtree = await store.listSubtreeNodes(node);
  const children = subtree.filter((each) => each.parentId === node.id).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
  const columnOfChild = new Map(children.map((child, index) => [child.id, index + 1]));
  const pathOf = new Map(subtree.map((each) => [each.id, each.path]));
  // The child a node falls under is the path segment right after the viewed node's.
  const childColumn = (nodeId: string): number => columnOfChild.get((pathOf.get(nodeId) ?? '').slice(node.path.length).split('/')[0] ?? '') ?? -1;
  return { nodes: [node, ...children], childColumn };
}

type Sums = Omit<FormRollupSumsRecord, 'nodeId' | 'code' | 'ratio'>;
const NO_SUMS: Sums = { count: 0, total: 0, weighted: 0, weightedTotal: 0, weightTotal: 0 };

function added(a: Sums, b: Sums): Sums {
  return { count: a.count + b.count, total: a.total + b.total, weighted: a.weighted + b.weighted, weightedTotal: a.weightedTotal + b.weightedTotal, weightTotal: a.weightTotal + b.weightTotal };
}

/** A row's figure out of its sums, as domain/forms/rollup.ts `rollUpRow` has it over the same reports. */
export function rowFromSums(row: FormRow, sums: Sums): RowRollUpResult {
  const { code } = row;
  switch (row.rollUp.kind) {
    case 'sum':
    case 'countYes':
      return { code, value: sums.count > 0 ? sums.total : null, reported: sums.count };
    case 'weightedMean': {
      const [numerator, denominator] = [sums.weightedTotal, sums.weightTotal];
      return { code, value: denominator > 0 ? numerator / denominator : null, reported: sums.weighted, numerator, denominator };
    }
    case 'ratio': {
      const [numerator, denominator] = [sums.total, sums.weightTotal];
      return { code, value: denominator > 0 ? numerator / denominator : null, reported: sums.count, numerator, denominator };
    }
    case 'none':
      return { code, value: null, reported: 0 };
  }
}

interface ResolvedRollup {
  node: NodeRecord;
  rollup: FormRollup;
}

async function resolveRollup(context: ServiceContext, actor: StaffActor, nodeId: unknown, formId: unknown, query: unknown): Promise<ResolvedRollup> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const { period, version } = parseQuery(query);
  const form = await formForNode(context.store, node, formId, version);
  const scope = { formId: form.id, year: period.year, kind: period.kind };
  const [sums, counts, columns] = await Promise.all([
    context.store.formRollupSums(node, { ...scope, ratios: ratiosOf(form) }),
    context.store.formRollupCounts(node, scope),
    columnsOf(context.store, node),
  ]);
  const width = columns.nodes.length;
  // Every group adds to the node's total (column 0) and to the column of the child it falls under.
  const byKey = new Map<string, Sums[]>();
  for (const group of sums) {
    const key = `${group.ratio ? 'ratio' : 'value'}:${group.code}`;
    const line = byKey.get(key) ?? Array.from({ length: width }, () => NO_SUMS);
    for (const column of [0, columns.childColumn(group.nodeId)]) if (column >= 0) line[column] = added(line[column] as Sums, group);
    byKey.set(key, line);
  }
  const heads: FormRollupColumn[] = columns.nodes.map((each) => ({ nodeId: each.id, name: each.name, expected: 0, reported: 0 }));
  for (const count of counts)
    for (const column of [0, columns.childColumn(count.nodeId)]) {
      const head = heads[column];
      if (column < 0 || !head) continue;
      head.expected += count.expected;
      head.reported += count.reported;
    }
  const rows = formRows(form).map((row) => {
    const line = byKey.get(`${row.rollUp.kind === 'ratio' ? 'ratio' : 'value'}:${row.code}`);
    return { code: row.code, values: Array.from({ length: width }, (_, column) => rowFromSums(row, line?.[column] ?? NO_SUMS)) };
  });
  return { node, rollup: { form, period, columns: heads, rows } };
}

/** `GET /api/staff/nodes/:id/forms/:formId/rollup?year=&kind=&version=` */
export async function formRollup(context: ServiceContext, actor: StaffActor, nodeId: unknown, formId: unknown, query: unknown): Promise<FormRollup> {
  return (await resolveRollup(context, actor, nodeId, formId, query)).rollup;
}

// ---- the spreadsheet ----

export const ROLLUP_SHEETS = { table: 'Tổng hợp', reported: 'Các CĐCS', missing: 'Chưa báo cáo' } as const;

const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });

/** A figure as a cell: a percent for a ratio shown in %, decimals for a mean, whole numbers otherwise. */
function figureCell(row: FormRow, value: number | null): Cell {
  if (value === null) return null;
  if (row.rollUp.kind === 'ratio' && row.unit === '%') return { value, format: '0.0%' };
  if (row.rollUp.kind === 'ratio' || row.rollUp.kind === 'weightedMean') return { value, format: '#,##0.00' };
  return { value, format: '#,##0' };
}

/** `GET …/rollup.xlsx`: the roll-up as a workbook, with its file name. */
export async function formRollupWorkbook(
  context: ServiceContext,
  actor: StaffActor,
  nodeId: unknown,
  formId: unknown,
  query: unknown,
): Promise<{ fileName: string; file: Buffer }> {
  const { node, rollup } = await resolveRollup(context, actor, nodeId, formId, query);
  const { form, period, columns } = rollup;
  const scope = { formId: form.id, year: period.year, kind: period.kind };
  const [unions, values] = await Promise.all([context.store.formRollupUnions(node, scope), context.store.formRollupValues(node, scope)]);
  const byName = (a: { name: string; unionId: string }, b: { name: string; unionId: string }) => a.name.localeCompare(b.name, 'vi') || a.unionId.localeCompare(b.unionId);
  const resultOf = new Map(rollup.rows.map((row) => [row.code, row.values]));

  const title = `${form.title} (phiên bản ${form.version}) — ${node.name} — báo cáo ${periodName(period)}`;
  const table: SheetData = [
    [bold(title)],
    [bold('STT'), bold('Mã'), bold('Nội dung'), bold('Đơn vị'), ...columns.map((column) => bold(column.name))],
    [null, null, { value: 'Số CĐCS phải báo cáo' }, null, ...columns.map((column) => ({ value: column.expected }))],
    [null, null, { value: 'Số CĐCS đã báo cáo' }, null, ...columns.map((column) => ({ value: column.reported }))],
  ];
  for (const section of form.sections) {
    table.push([null, null, bold(section.title)]);
    if (section.kind !== 'rows') continue;
    for (const row of section.rows) {
      const results = resultOf.get(row.code) ?? [];
      const figures = row.rollUp.kind === 'none' ? [] : results.map((result) => figureCell(row, result.value));
      table.push([row.number ? { value: row.number } : null, { value: row.code }, { value: row.label }, rollUpUnit(row) ? { value: rollUpUnit(row) } : null, ...figures]);
    }
  }

  // One line per CĐCS that reported: its stored figures, each ratio worked out from its two rows.
  const figureRows = formRows(form).filter((row) => row.rollUp.kind !== 'none');
  const valuesOf = new Map<string, Record<string, number>>();
  for (const value of values) {
    const own = valuesOf.get(value.reportId) ?? {};
    own[value.code] = value.number;
    valuesOf.set(value.reportId, own);
  }
  const reportedSheet: SheetData = [
    [bold('Tên CĐCS'), bold('Mã CĐCS'), bold('Công đoàn cấp trên'), ...figureRows.map((row) => bold(`${row.label} (${row.code})`))],
  ];
  for (const union of unions.filter((each) => each.reportId !== null).sort(byName)) {
    const own = valuesOf.get(union.reportId as string) ?? {};
    reportedSheet.push([
      { value: union.name },
      union.code ? { value: union.code } : null,
      { value: union.nodeName },
      ...figureRows.map((row): Cell => {
        if (row.kind === 'yesNo') return own[row.code] === undefined ? null : { value: own[row.code] === 1 ? 'Có' : 'Không' };
        return figureCell(row, row.rollUp.kind === 'ratio' ? computedValue(row, own) : (own[row.code] ?? null));
      }),
    ]);
  }
  const missingSheet: SheetData = [[bold('Tên CĐCS'), bold('Mã CĐCS'), bold('Công đoàn cấp trên')]];
  for (const union of unions.filter((each) => each.reportId === null).sort(byName))
    missingSheet.push([{ value: union.name }, union.code ? { value: union.code } : null, { value: union.nodeName }]);

  const file = await writeXlsxFile([
    { sheet: ROLLUP_SHEETS.table, data: table, columns: [{ width: 6 }, { width: 14 }, { width: 60 }, { width: 10 }, ...columns.map(() => ({ width: 18 }))] },
    { sheet: ROLLUP_SHEETS.reported, data: reportedSheet, columns: [{ width: 40 }, { width: 14 }, { width: 36 }, ...figureRows.map(() => ({ width: 18 }))] },
    { sheet: ROLLUP_SHEETS.missing, data: missingSheet, columns: [{ width: 40 }, { width: 14 }, { width: 36 }] },
  ]).toBuffer();
  return { fileName: `tong-hop-${form.id}-${period.year}-${period.kind}.xlsx`, file };
}
