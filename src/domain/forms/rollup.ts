/**
 * How a form's rows add up at the superior, in plain TypeScript: the reference the SQL roll-up must
 * equal (the tests compare the two). The input is the values of the CĐCS whose report counts at the
 * node; which reports count (sent, accepted) is the caller's choice, never this module's.
 *
 * "Reported", for a row, is the number of those CĐCS that gave what the row's roll-up needs: a number
 * for a sum; the figure and a positive weight for a weighted mean; both figures, the denominator
 * positive, for a ratio; an answer, yes or no, for a count of yes; a text that is not blank for a text
 * row. A CĐCS that left the row empty is not counted, so "12 of 40 reported" can be shown beside it.
 *
 * Values of the wrong kind (a text where a number belongs) are left out as if empty: the validation
 * keeps them from being sent, and a roll-up must never fail on one.
 */
import { formRows, type FormDefinition, type FormRow, type FormValue, type FormValues } from './definition';

export interface RowRollUpResult {
  code: string;
  /** The row's figure at the superior; null when no CĐCS gave what it needs. */
  value: number | null;
  reported: number;
  /** For a weighted mean and a ratio: the two sums the value divides, so nodes can be combined. */
  numerator?: number;
  denominator?: number;
}

const numberOf = (value: FormValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function rollUpRow(row: FormRow, reports: readonly FormValues[]): RowRollUpResult {
  const { rollUp, code } = row;
  let reported = 0;
  switch (rollUp.kind) {
    case 'sum': {
      let sum = 0;
      for (const values of reports) {
        const value = numberOf(values[code]);
        if (value === null) continue;
        sum += value;
        reported += 1;
      }
      return { code, value: reported > 0 ? sum : null, reported };
    }
    case 'weightedMean':
    case 'ratio': {
      // Σ (figure × weight) ÷ Σ weight, and Σ numerator ÷ Σ denominator, over the CĐCS that gave both:
      // a CĐCS with only one of the two would tilt the result.
      const [top, bottom] = rollUp.kind === 'ratio' ? [rollUp.numerator, rollUp.denominator] : [code, rollUp.weight];
      let numerator = 0;
      let denominator = 0;
      for (const values of reports) {
        const a = numberOf(values[top]);
        const b = numberOf(values[bottom]);
        if (a === null || b === null || b <= 0) continue;
        numerator += rollUp.kind === 'ratio' ? a : a * b;
        denominator += b;
        reported += 1;
      }
      return { code, value: denominator > 0 ? numerator / denominator : null, reported, numerator, denominator };
    }
    case 'countYes': {
      let yes = 0;
      for (const values of reports) {
        const value = values[code];
        if (typeof value !== 'boolean') continue;
        reported += 1;
        if (value) yes += 1;
      }
      return { code, value: reported > 0 ? yes : null, reported };
    }
    case 'none': {
      for (const values of reports) {
        const value = values[code];
        if (typeof value === 'string' && value.trim() !== '') reported += 1;
      }
      return { code, value: null, reported };
    }
  }
}

/** Every row's roll-up, in the form's order. */
export function rollUpForm(definition: FormDefinition, reports: readonly FormValues[]): RowRollUpResult[] {
  return formRows(definition).map((row) => rollUpRow(row, reports));
}

/**
 * A ratio row's value for one CĐCS (its numerator ÷ its denominator), as the phone shows it live:
 * the same as the roll-up of that one report.
 */
export function computedValue(row: FormRow, values: FormValues): number | null {
  return row.rollUp.kind === 'ratio' ? rollUpRow(row, [values]).value : null;
}

/** A row's unit at the superior: a yes/no row adds up to the number of CĐCS answering yes. */
export function rollUpUnit(row: FormRow): string {
  return row.rollUp.kind === 'countYes' && !row.unit ? 'CĐCS' : (row.unit ?? '');
}
