/**
 * What the charts of a form round read (issue 22): the form's own reports, never Plan 94's overview.
 * The lines are the period table's of the form (every page, by name), so the charts draw what the table
 * says: each chosen column by CĐCS, and the reports received per day. The years are the form's roll-up
 * at the node for each of the last five periods of the same kind (the whole node); a form whose table
 * shows the heart columns (the membership block) has its rate and members from each year's table totals
 * instead (the CĐCS directly under the node), since a form's roll-up adds up its rows, not the block.
 */
import type { TableColumn } from '../../../domain/forms/tableColumns';
import type { RowRollUpResult } from '../../../domain/forms/rollup';
import type { PeriodKind } from '../../../domain/period';
import { PERIOD_TABLE_MAX_LIMIT, type PeriodTableLine, type PeriodTablePage, type PeriodTableQuery } from '../../../domain/periodTable';
import { fetchFormRollup, fetchPeriodTable } from '../api';
import { useLoaded } from './useLoaded';
import { formYearPoints, heartYearPoint, lastFiveYears, type FormYearPoint, type YearPoint } from './chartData';

type Period = { year: number; kind: PeriodKind };

export interface FormLines {
  /** The form's chosen columns; empty: the heart columns (workers, members, rate, dialogue sessions). */
  columns: TableColumn[];
  lines: PeriodTableLine[];
  columnTotals: RowRollUpResult[];
}

export type FormYears = { shape: 'heart'; points: YearPoint[] } | { shape: 'columns'; columns: TableColumn[]; points: FormYearPoint[] };

const EVERY_LINE: PeriodTableQuery = { sort: 'name', direction: 'asc', filter: 'all', belowTarget: false, notReported: false, search: '' };

/** Every line of the form's period table at the node, page after page. */
async function allLines(nodeId: string, period: Period, form: string): Promise<FormLines> {
  const pages: PeriodTablePage[] = [];
  let cursor: string | null = null;
  do {
    const page: PeriodTablePage = await fetchPeriodTable(nodeId, period, EVERY_LINE, { limit: PERIOD_TABLE_MAX_LIMIT, cursor }, form);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return { columns: pages[0]!.columns, lines: pages.flatMap((page) => page.lines), columnTotals: pages[0]!.columnTotals };
}

/** The form's lines at the node for the period; null without a form, undefined while loading (empty when unreadable). */
export function useFormLines(nodeId: string, period: Period, form: string | null): FormLines | null | undefined {
  const key = form === null ? null : `${nodeId}/${period.year}-${period.kind}/${form}`;
  const loaded = useLoaded(key, () => allLines(nodeId, period, form!), { columns: [], lines: [], columnTotals: [] });
  return form === null ? null : loaded;
}

/** The form's last five years at the node; undefined while loading or until the form's columns are known. */
export function useFormYears(nodeId: string, period: Period, form: string | null, columns: readonly TableColumn[] | undefined): FormYears | undefined {
  const codes = columns?.map((column) => column.code).join(',');
  const key = form === null || codes === undefined ? null : `${nodeId}/${period.year}-${period.kind}/${form}/${codes}`;
  return useLoaded<FormYears>(
    key,
    async () => {
      const years = lastFiveYears(period.year);
      if (columns!.length === 0) {
        const pages = await Promise.all(
          years.map((year) => fetchPeriodTable(nodeId, { year, kind: period.kind }, EVERY_LINE, { limit: 1, cursor: null }, form!).then((page) => heartYearPoint(year, page.totals))),
        );
        return { shape: 'heart', points: pages };
      }
      // A year the roll-up cannot be read for (no such form yet then) is a year without a report of it.
      const rollups = await Promise.all(
        years.map((year) =>
          fetchFormRollup(nodeId, form!, { year, kind: period.kind }).then(
            (rollup) => ({ year, rollup }),
            () => ({ year, rollup: null }),
          ),
        ),
      );
      return { shape: 'columns', columns: [...columns!], points: formYearPoints(columns!.map((column) => column.code), rollups) };
    },
    { shape: 'columns', columns: [], points: [] },
  );
}
