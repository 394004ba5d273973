/**
 * The rules of a form's values, as `validation.ts` has them for the built-in report: they help and
 * never block saving. Errors stop "mark as ready to send"; warnings ask for an explanation. Each issue
 * names its row's code and says in Vietnamese what is wrong, to be shown beside the field.
 */
import { isCalendarDate } from '../calendar';
import { memberChangeRatio } from '../indicators';
import { isDateInRange, type DateRange } from '../period';
import {
  formRows,
  isComputedRow,
  isNumericRow,
  TEXT_LIMITS,
  type FormDefinition,
  type FormRow,
  type FormValue,
  type FormValues,
  type RowRule,
} from './definition';

export type FormIssueReason =
  | 'required'
  | 'wrongKind'
  | 'negative'
  | 'notWholeNumber'
  | 'belowMin'
  | 'aboveMax'
  | 'tooLong'
  | 'dateOutsideRange'
  | 'rule'
  | 'change';

export interface FormIssue {
  /** The row's code: the field the message goes beside. */
  code: string;
  reason: FormIssueReason;
  message: string;
  /** For a warning: whether the officer has explained it (`explanations[code]`). */
  explained?: boolean;
}

export interface FormCheck {
  errors: FormIssue[];
  warnings: FormIssue[];
  canMarkReady: boolean;
}

export interface FormCheckContext {
  /** The same union's values for the previous period, for the rows' change warnings. */
  previous?: FormValues | null;
  /** The officer's explanations of warnings, by row code. */
  explanations?: Readonly<Record<string, string>>;
  /** The dates the activities must fall within (the round's, or the period's). */
  activities?: DateRange | null;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
export const formatNumber = (value: number): string => numberFormat.format(value);
/** `2024-05-01` → `01/05/2024`. */
export const formatDate = (isoDate: string): string => isoDate.split('-').reverse().join('/');

function isEmpty(value: FormValue | undefined): boolean {
  return value == null || (typeof value === 'string' && value.trim() === '');
}

/** Whether the value has the row's kind, so rules can compare it. */
function hasKind(row: FormRow, value: FormValue | undefined): boolean {
  if (isNumericRow(row)) return typeof value === 'number' && Number.isFinite(value);
  if (row.kind === 'yesNo') return typeof value === 'boolean';
  if (row.kind === 'date') return typeof value === 'string' && isCalendarDate(value);
  return typeof value === 'string';
}

const WRONG_KIND: Record<FormRow['kind'], string> = {
  count: 'Phải là một số.',
  money: 'Phải là một số tiền (đồng).',
  yesNo: 'Chỉ chọn có hoặc không.',
  date: 'Phải là một ngày có thật (ngày/tháng/năm).',
  shortText: 'Phải là chữ.',
  longText: 'Phải là chữ.',
};

/** No issue: shared, never changed (the server checks every row of a ready report at each push). */
const NO_ISSUES: readonly FormIssue[] = [];

/** One issue of `row` (module level: a closure made per row and per push cost the server's rules as much as the rules). */
function rowIssue(row: FormRow, reason: FormIssueReason, message: string): FormIssue[] {
  return [{ code: row.code, reason, message }];
}

/** The row's own errors: required, kind, limits. */
function valueErrors(row: FormRow, value: FormValue | undefined, values: FormValues, context: FormCheckContext): readonly FormIssue[] {
  if (isEmpty(value)) {
    const required = row.required || (row.requiredIf !== undefined && values[row.requiredIf] === true);
    return required ? rowIssue(row, 'required', 'Cần nhập mục này.') : NO_ISSUES;
  }
  if (!hasKind(row, value)) return rowIssue(row, 'wrongKind', WRONG_KIND[row.kind]);
  if (typeof value === 'number') {
    if (value < 0) return rowIssue(row, 'negative', 'Số không được âm.');
    if (!Number.isInteger(value)) return rowIssue(row, 'notWholeNumber', 'Phải là số nguyên.');
    if (row.min !== undefined && value < row.min) return rowIssue(row, 'belowMin', `Không được nhỏ hơn ${formatNumber(row.min)}.`);
    if (row.max !== undefined && value > row.max) return rowIssue(row, 'aboveMax', `Không được lớn hơn ${formatNumber(row.max)}.`);
  }
  if (typeof value === 'string') {
    const limit = TEXT_LIMITS[row.kind];
    if (limit !== undefined && value.length > limit) return rowIssue(row, 'tooLong', `Dài quá ${formatNumber(limit)} ký tự.`);
    if (row.kind === 'date' && context.activities && !isDateInRange(value, context.activities))
      return rowIssue(
        row,
        'dateOutsideRange',
        `Ngày nằm ngoài kỳ báo cáo (${formatDate(context.activities.from)} – ${formatDate(context.activities.to)}).`,
      );
  }
  return NO_ISSUES;
}

const HOLDS: Record<RowRule['operator'], (a: number | string, b: number | string) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
};
const NUMBER_WORDS: Record<RowRule['operator'], string> = {
  '<=': 'không được lớn hơn',
  '<': 'phải nhỏ hơn',
  '>=': 'không được nhỏ hơn',
  '>': 'phải lớn hơn',
  '=': 'phải bằng',
};
const DATE_WORDS: Record<RowRule['operator'], string> = {
  '<=': 'không được sau',
  '<': 'phải trước',
  '>=': 'không được trước',
  '>': 'phải sau',
  '=': 'phải trùng',
};

/** `“Trong đó: nữ” không được lớn hơn “Tổng số lao động” (1.234).` */
export function ruleMessage(row: FormRow, rule: RowRule, other: FormRow, otherValue: number | string): string {
  const words = row.kind === 'date' ? DATE_WORDS : NUMBER_WORDS;
  const shown = typeof otherValue === 'number' ? formatNumber(otherValue) : formatDate(otherValue);
  return `“${row.label}” ${words[rule.operator]} “${other.label}” (${shown}).`;
}

/** A definition's rows, in order and by code, once per definition: a definition is never changed in place. */
const rowsOfDefinition = new WeakMap<FormDefinition, { rows: readonly FormRow[]; byCode: ReadonlyMap<string, FormRow> }>();
function rowsOf(definition: FormDefinition): { rows: readonly FormRow[]; byCode: ReadonlyMap<string, FormRow> } {
  let found = rowsOfDefinition.get(definition);
  if (!found) {
    const rows = formRows(definition);
    rowsOfDefinition.set(definition, (found = { rows, byCode: new Map(rows.map((row) => [row.code, row])) }));
  }
  return found;
}

export function checkFormValues(definition: FormDefinition, values: FormValues, context: FormCheckContext = {}): FormCheck {
  const errors: FormIssue[] = [];
  const warnings: FormIssue[] = [];
  const { rows, byCode } = rowsOf(definition);
  const explained = (code: string) => (context.explanations?.[code] ?? '').trim() !== '';

  for (const row of rows) {
    if (isComputedRow(row)) continue;
    const value = values[row.code];
    const own = valueErrors(row, value, values, context);
    if (own.length > 0) {
      errors.push(...own);
      continue;
    }
    if (isEmpty(value)) continue;

    for (const rule of row.rules) {
      const other = byCode.get(rule.other);
      const otherValue = values[rule.other];
      if (!other || isEmpty(otherValue) || !hasKind(other, otherValue)) continue;
      const a = value as number | string;
      const b = otherValue as number | string;
      if (HOLDS[rule.operator](a, b)) continue;
      const message = row.ruleExplanation ?? ruleMessage(row, rule, other, b);
      if (rule.severity === 'error') errors.push({ code: row.code, reason: 'rule', message });
      else warnings.push({ code: row.code, reason: 'rule', message, explained: explained(row.code) });
    }

    const previous = context.previous?.[row.code];
    if (row.changeWarning !== undefined && typeof value === 'number' && typeof previous === 'number') {
      const change = memberChangeRatio(value, previous);
      if (change != null && Math.abs(change) > row.changeWarning)
        warnings.push({
          code: row.code,
          reason: 'change',
          message: `Số liệu ${change > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.round(Math.abs(change) * 1000) / 10)} % so với kỳ trước (${formatNumber(previous)}). Hãy giải thích.`,
          explained: explained(row.code),
        });
    }
  }
  return { errors, warnings, canMarkReady: errors.length === 0 };
}
