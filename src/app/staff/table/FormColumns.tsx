/**
 * The period table's columns of a form that chose them (domain/forms/tableColumns.ts, issue 22): a
 * sortable header per chosen row (its number and label as printed, its unit), each line's figure
 * (a yes/no as Có/Không, a ratio as a percent) and the totals row's, added up by the row's roll-up
 * on the server. Plan 94's table (no chosen column) keeps its fixed columns in OverviewScreen.
 */
import type { TableColumn } from '../../../domain/forms/tableColumns';
import { rowSort } from '../../../domain/forms/tableColumns';
import type { RowRollUpResult } from '../../../domain/forms/rollup';
import { rollUpUnit } from '../../../domain/forms/rollup';
import type { FormRow } from '../../../domain/forms/definition';
import { useI18n } from '../../i18n';
import { formValueText, rollUpText } from '../forms/formValues';
import { SortHeader } from './SortHeader';
import type { TableSort } from './periodTable';

/** `3. Tỷ lệ đoàn viên (%)`: the row as printed, with the unit it adds up in. */
export function columnLabel(column: TableColumn): string {
  const unit = rollUpUnit(column as FormRow);
  return `${column.number ? `${column.number}. ` : ''}${column.label}${unit ? ` (${unit})` : ''}`;
}

export function FormColumnHeaders({ columns, sort, onSort }: { columns: readonly TableColumn[]; sort: TableSort; onSort: (sort: TableSort) => void }) {
  return (
    <>
      {columns.map((column) => (
        <SortHeader key={column.code} column={rowSort(column.code)} label={columnLabel(column)} sort={sort} onSort={onSort} numeric />
      ))}
    </>
  );
}

export function FormColumnCells({ columns, values }: { columns: readonly TableColumn[]; values: Record<string, number | null> }) {
  const { t } = useI18n();
  return (
    <>
      {columns.map((column) => {
        const value = values[column.code] ?? null;
        // A yes/no is stored as 1 or 0: shown as the officer answered it.
        const shown = column.kind === 'yesNo' && value !== null ? value === 1 : value;
        return (
          <td key={column.code} className="num" data-testid="union-column" data-code={column.code}>
            {formValueText(t, column, shown)}
          </td>
        );
      })}
    </>
  );
}

export function FormColumnTotals({ columns, totals }: { columns: readonly TableColumn[]; totals: readonly RowRollUpResult[] }) {
  return (
    <>
      {columns.map((column) => (
        <td key={column.code} className="num" data-testid="total-column" data-code={column.code}>
          {rollUpText(column, totals.find((total) => total.code === column.code))}
        </td>
      ))}
    </>
  );
}
