/** A chart's figures as a table, folded under one line: what a screen reader reads, and how a reader checks the drawing. */
import type { ReactNode } from 'react';
import { ColumnHeads, type StaffColumn } from '../StaffTable';

export function ChartTable({ summary, columns, children }: { summary: string; columns: readonly StaffColumn[]; children: ReactNode }) {
  return (
    <details>
      <summary>{summary}</summary>
      <table className="staff-table">
        <ColumnHeads columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </details>
  );
}
