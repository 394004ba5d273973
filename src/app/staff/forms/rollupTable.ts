/**
 * A form's roll-up at a node as the table the superior reads (issue 22): every row of the form in its
 * order under its section's heading, one cell per column (the node's total, then each child), each as
 * `rollUpText` writes it; a text row, which adds up to nothing, says how many CĐCS answered it. A
 * built-in block has no rows to add up here and is left out. Pure, so it is unit-tested on a stub answer.
 */
import { rollUpUnit } from '../../../domain/forms/rollup';
import { formatCount } from '../../i18n';
import type { FormRollupView } from '../api';
import { rollUpText } from './formValues';

export type RollupLine =
  | { kind: 'heading'; title: string }
  | { kind: 'row'; code: string; number: string; label: string; unit: string; cells: string[] };

export function rollupLines(view: FormRollupView, answered: (count: number) => string): RollupLine[] {
  const byCode = new Map(view.rows.map((row) => [row.code, row.values]));
  return view.form.sections.flatMap((section): RollupLine[] => {
    if (section.kind === 'block') return [];
    return [
      { kind: 'heading', title: section.title },
      ...section.rows.map((row): RollupLine => {
        const results = byCode.get(row.code) ?? [];
        return {
          kind: 'row',
          code: row.code,
          number: row.number ?? '',
          label: row.label,
          unit: rollUpUnit(row),
          cells: view.columns.map((_column, index) => {
            const result = results[index];
            if (row.rollUp.kind === 'none') return result && result.reported > 0 ? answered(result.reported) : '';
            return rollUpText(row, result);
          }),
        };
      }),
    ];
  });
}

/** "12/40 CĐCS": how many of the CĐCS a column expects have a report that counts. */
export function columnReach(column: FormRollupView['columns'][number]): string {
  return `${formatCount(column.reported)}/${formatCount(column.expected)} CĐCS`;
}
