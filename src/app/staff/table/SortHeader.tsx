/**
 * A column header that sorts the period table: a button inside the <th>, with aria-sort on the header.
 * A fixed column's sort or a form's chosen column's (`row:CODE`, domain/forms/tableColumns.ts).
 */
import type { PeriodTableSortKey } from '../../../domain/periodTable';
import type { TableSort } from './periodTable';

export function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  column: PeriodTableSortKey;
  label: string;
  sort: TableSort;
  onSort: (sort: TableSort) => void;
  numeric?: boolean;
}) {
  const active = sort.column === column;
  const next: TableSort = { column, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" data-testid={`sort-${column.replace(':', '-')}`} onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

