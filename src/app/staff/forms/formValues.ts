/**
 * A form's values as the superior reads them (issue 22): each row's value as text in the form's order,
 * under its section's heading, with its unit and the officer's explanation. Counts and money in vi-VN
 * figures, yes/no as Có/Không, dates as dd/mm/yyyy, a ratio row worked out from its two rows as a
 * percent, a text row as it was written. Pure, so the report screen, the revision diff and the roll-up
 * table agree and the tests read them without a browser.
 */
import { type BuiltinBlock, type FormDefinition, type FormRow, type FormValues } from '../../../domain/forms/definition';
import { computedValue, type RowRollUpResult } from '../../../domain/forms/rollup';
import { formatCount, formatIsoDate, formatRate, type Messages } from '../../i18n';

/** One row's value as text; '' when it is empty. A ratio row's value is the fraction (0.8 → `80,0 %`). */
export function formValueText(t: Messages, row: Pick<FormRow, 'kind' | 'rollUp'>, value: unknown): string {
  if (value == null || value === '') return '';
  if (row.rollUp.kind === 'ratio') return typeof value === 'number' ? formatRate(value) : '';
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (typeof value === 'number') return formatCount(value);
  if (row.kind === 'date') return formatIsoDate(String(value));
  return String(value);
}

export interface ShownRow {
  code: string;
  number: string;
  label: string;
  unit: string;
  /** '' when the officer left it empty. */
  value: string;
  /** A figure (right-aligned) or prose (a text row, shown as a paragraph). */
  shape: 'figure' | 'prose';
  /** The officer's explanation of the row's warning, '' when none. */
  note: string;
}

export type ShownSection = { kind: 'rows'; title: string; rows: ShownRow[] } | { kind: 'block'; title: string; block: BuiltinBlock };

/** The report's values section by section, in the form's order; a built-in block is left to its own drawing. */
export function shownSections(t: Messages, definition: FormDefinition, values: FormValues, notes: Record<string, string> = {}): ShownSection[] {
  return definition.sections.map((section) => {
    if (section.kind === 'block') return { kind: 'block', title: section.title, block: section.block };
    return {
      kind: 'rows',
      title: section.title,
      rows: section.rows.map((row) => ({
        code: row.code,
        number: row.number ?? '',
        label: row.label,
        unit: row.unit ?? '',
        value: formValueText(t, row, row.rollUp.kind === 'ratio' ? computedValue(row, values) : values[row.code]),
        shape: row.kind === 'shortText' || row.kind === 'longText' ? 'prose' : 'figure',
        note: notes[row.code] ?? '',
      })),
    };
  });
}

/**
 * A row's roll-up at a node as text: a sum or a count of yes as a figure, a weighted mean to the whole
 * đồng or person, a ratio as a percent; '' when nobody gave what it needs, and for a text row (whose
 * roll-up is only who answered).
 */
export function rollUpText(row: Pick<FormRow, 'rollUp'>, result: RowRollUpResult | undefined): string {
  if (!result || result.value == null) return '';
  switch (row.rollUp.kind) {
    case 'ratio':
      return formatRate(result.value);
    case 'weightedMean':
      return formatCount(Math.round(result.value));
    case 'none':
      return '';
    default:
      return formatCount(result.value);
  }
}
