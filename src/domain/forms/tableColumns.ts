/**
 * The columns of the superior's period table for a form (issue 22): the rows the form chose
 * (`tableColumn`, the spreadsheet's `cot_bang`), in the form's order. A form that chose none shows the
 * membership block's heart columns (workers, members, the unionization rate, dialogue sessions: the
 * table as it always was, Plan 94's) when it has that block, otherwise its first counted rows (those
 * that add up), so that a table never comes without figures. Decision 0015.
 */
import { formBlocks, formRows, MAX_TABLE_COLUMNS, type FormDefinition, type FormRow } from './definition';

/** A chosen column as the table needs it: the row's label as printed, its unit and how it adds up. */
export type TableColumn = Pick<FormRow, 'code' | 'number' | 'label' | 'unit' | 'kind' | 'rollUp'>;

/** How many counted rows a form that chose none shows. */
export const DEFAULT_TABLE_COLUMNS = 4;

const addsUp = (row: FormRow) => row.rollUp.kind !== 'none';

/**
 * The form's columns; empty: the membership block's heart columns (the fixed ones of the table).
 */
export function tableColumns(definition: FormDefinition): TableColumn[] {
  const rows = formRows(definition).filter(addsUp);
  const chosen = rows.filter((row) => row.tableColumn).slice(0, MAX_TABLE_COLUMNS);
  const shown = chosen.length > 0 ? chosen : formBlocks(definition).includes('membership') ? [] : rows.slice(0, DEFAULT_TABLE_COLUMNS);
  return shown.map(({ code, number, label, unit, kind, rollUp }) => ({ code, ...(number !== undefined ? { number } : {}), label, ...(unit !== undefined ? { unit } : {}), kind, rollUp }));
}

/** The period table's sort by a chosen column: `row:TONG_LD`. */
export const ROW_SORT_PREFIX = 'row:';
export type RowSort = `row:${string}`;

export function rowSort(code: string): RowSort {
  return `${ROW_SORT_PREFIX}${code}`;
}

/** The code a row sort names, or null for a fixed column's sort. */
export function rowSortCode(sort: string): string | null {
  return sort.startsWith(ROW_SORT_PREFIX) ? sort.slice(ROW_SORT_PREFIX.length) : null;
}
