/**
 * A form's chosen columns in the period table (./periodTable.ts) when no filter or search narrows the
 * lines: the totals row read from the node's running sums (./reportValueSums.ts: the counted reports
 * filed under the node, exactly the lines that have values), and the figures of the page's lines only,
 * so the first page of 6,000 CĐCS reads no more of report_values than its 50 lines (a sort by a column
 * reads that column's figure of every line, nothing else). A filter or a search reads each line's
 * values in SQL instead (./periodTable.ts `columnParts`); both give the same figures
 * (test/server/services/periodTableColumns.test.ts).
 */
import { sql } from 'kysely';
import { rowSortCode, type TableColumn } from '../../domain/forms/tableColumns';
import { searchWords } from '../../domain/search';
import type { PeriodTableColumnSums, PeriodTableRequest } from './periodTable';
import type { Queries } from './schema';

/** Whether the request's totals are the node's running sums and only the page's figures are needed. */
export function readsRunningSums(request: PeriodTableRequest): boolean {
  return request.columns.length > 0 && request.filter === 'all' && !request.belowTarget && !request.notReported && searchWords(request.search).length === 0;
}

/** The columns whose figures the SQL reads for every line: all of them, or with the running sums only a sorted one. */
export function columnsInSql(request: PeriodTableRequest): TableColumn[] {
  if (!readsRunningSums(request)) return [...request.columns];
  const code = rowSortCode(request.sort);
  return request.columns.filter((column) => column.code === code);
}

/** The codes a column reads: its own, or a ratio's two rows. */
function codesOf(column: TableColumn): string[] {
  return column.rollUp.kind === 'ratio' ? [column.rollUp.numerator, column.rollUp.denominator] : [column.code];
}

/** Each chosen column's sums over the counted reports filed under the node (as PeriodTableColumnSums). */
export async function runningColumnSums(q: Queries, request: PeriodTableRequest): Promise<PeriodTableColumnSums[]> {
  const rows = await q
    .selectFrom('report_value_sums')
    .select(['code', 'reports', 'total', 'weighted_reports', 'weighted', 'weight'])
    .where('node_id', '=', request.node.id)
    .where('form_id', '=', request.formId)
    .where('year', '=', request.year)
    .where('kind', '=', request.kind)
    .where('code', 'in', request.columns.map((column) => column.code))
    .execute();
  return request.columns.map((column) => {
    const found = rows.find((row) => row.code === column.code);
    if (!found) return { code: column.code, count: 0, total: 0, weight: 0 };
    return column.rollUp.kind === 'weightedMean'
      ? { code: column.code, count: Number(found.weighted_reports), total: Number(found.weighted), weight: Number(found.weight) }
      : { code: column.code, count: Number(found.reports), total: Number(found.total), weight: Number(found.weight) };
  });
}

/** The chosen columns' figures of the given reports (a page's), as ./periodTable.ts `columnParts` works them out. */
export async function pageColumnValues(q: Queries, columns: readonly TableColumn[], reportIds: readonly string[]): Promise<Map<string, Record<string, number | null>>> {
  const byReport = new Map<string, Map<string, { number: number; weight: number | null }>>();
  if (reportIds.length > 0) {
    const codes = [...new Set(columns.flatMap(codesOf))];
    const rows = await sql<{ report_id: string; code: string; number: unknown; weight: unknown }>`
      select v.report_id, v.code, v.number, v.weight from report_values v
      where v.report_id in (${sql.join(reportIds)}) and v.code in (${sql.join(codes)})`.execute(q);
    for (const row of rows.rows) {
      const own = byReport.get(row.report_id) ?? new Map<string, { number: number; weight: number | null }>();
      own.set(row.code, { number: Number(row.number), weight: row.weight === null ? null : Number(row.weight) });
      byReport.set(row.report_id, own);
    }
  }
  const values = new Map<string, Record<string, number | null>>();
  for (const reportId of reportIds) {
    const own = byReport.get(reportId);
    values.set(
      reportId,
      Object.fromEntries(
        columns.map((column) => {
          if (column.rollUp.kind !== 'ratio') return [column.code, own?.get(column.code)?.number ?? null];
          const [a, b] = [own?.get(column.rollUp.numerator)?.number, own?.get(column.rollUp.denominator)?.number];
          return [column.code, a !== undefined && b !== undefined && b > 0 ? (a * 1.0) / b : null];
        }),
      ),
    );
  }
  return values;
}
