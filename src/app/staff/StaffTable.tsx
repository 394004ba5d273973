import type { ReactNode } from 'react';

/** A column of a staff table: its name, and whether it holds figures (right-aligned). */
export type StaffColumn = string | { label: string; numeric: true };

/**
 * A staff table: it scrolls sideways inside its card on a narrow screen, and names its columns in one
 * header row. `children` are the body's rows.
 */
export function StaffTable({
  columns,
  caption,
  className,
  testId,
  children,
}: {
  columns: readonly StaffColumn[];
  caption?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="staff-table-wrap">
      <table className={className ? `staff-table ${className}` : 'staff-table'} data-testid={testId}>
        {caption}
        <ColumnHeads columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A staff table's one header row, for a table drawn without the frame (the charts' figures). */
export function ColumnHeads({ columns }: { columns: readonly StaffColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) =>
          typeof column === 'string' ? (
            <th key={index} scope="col">
              {column}
            </th>
          ) : (
            <th key={index} scope="col" className="num">
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** One of the checkboxes above a staff table that narrow it to the unions still to chase. */
export function FilterCheckbox({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId: string }) {
  return (
    <label>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(event) => onChange(event.target.checked)} />{' '}
      {label}
    </label>
  );
}
