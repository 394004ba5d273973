/**
 * A report form as data (issue 22): a versioned definition of sections and rows that a superior asks
 * its CĐCS to fill in. A province authors one in a spreadsheet (`spreadsheet.ts`, docs/forms.md); the
 * app ships two built in (`builtin/`). A definition is immutable once published: the next version is a
 * new draft (`nextDraft`).
 *
 * A CĐCS's answers are `FormValues`, a record from row code to value: a number for counts and money,
 * a boolean for yes/no, an ISO date or a text as a string, null while empty.
 *
 * The heart of the yearly report stays built in: a section may be a built-in block (`membership`, the
 * membership with the live 80 % indicator; `dialogues`, the dialogue sessions' table) that the app draws
 * with today's code; the definition only says where it goes.
 */
import * as z from 'zod/mini';
import { LONG_TEXT, SHORT_TEXT } from '../report';

export const ROW_KINDS = [
  'count', // a whole number of people, sessions, …
  'money', // a whole number of đồng
  'yesNo',
  'date',
  'shortText',
  'longText',
] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export const NUMERIC_KINDS: readonly RowKind[] = ['count', 'money'];
/** Today's report's limits (report.ts), for every form. */
export const TEXT_LIMITS: Partial<Record<RowKind, number>> = { shortText: SHORT_TEXT, longText: LONG_TEXT };

export const FORM_STATUSES = ['draft', 'published'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export const BUILTIN_BLOCKS = ['membership', 'dialogues'] as const;
export type BuiltinBlock = (typeof BUILTIN_BLOCKS)[number];

export const RULE_OPERATORS = ['<=', '<', '>=', '>', '='] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A code names a row in values, rules, roll-ups and exports: `TONG_LD`, `LD_NU`. */
export const ROW_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
/** A form's id: `mau-1-hdcd`, `ke-hoach-94`. */
export const FORM_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

const code = z.string().check(z.regex(ROW_CODE));
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** How a row adds up at the superior (`rollup.ts` is the reference). */
export const rollUpSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sum') }),
  /** A mean weighted by another row: the average wage by the number of people counted. */
  z.object({ kind: z.literal('weightedMean'), weight: code }),
  /**
   * The ratio of two rows' sums (the unionization rate = Σ members ÷ Σ workers, never a mean of
   * rates). Such a row is computed, at the CĐCS as at the superior: nobody types it. Its value is the
   * fraction (0.8); a row whose unit is `%` shows it as a percent.
   */
  z.object({ kind: z.literal('ratio'), numerator: code, denominator: code }),
  /** The number of CĐCS answering yes. */
  z.object({ kind: z.literal('countYes') }),
  z.object({ kind: z.literal('none') }),
]);
export type RollUp = z.infer<typeof rollUpSchema>;

/** `this row <operator> other row`, checked when both are given. */
export const rowRuleSchema = z.object({
  operator: z.enum(RULE_OPERATORS),
  other: code,
  severity: z.enum(['error', 'warning']),
});
export type RowRule = z.infer<typeof rowRuleSchema>;

export const formRowSchema = z.object({
  code,
  /** The row's number as printed (`1`, `2`, `` for a `+ Số người được tính` line). */
  number: z.optional(z.string().check(z.maxLength(10))),
  /** As printed, in Vietnamese. */
  label: text(300),
  /** `người`, `đồng`, `%`, `cuộc`, … */
  unit: z.optional(z.string().check(z.maxLength(30))),
  kind: z.enum(ROW_KINDS),
  required: z.boolean(),
  /** Required only when that yes/no row is answered yes (the conference's date when it was held). */
  requiredIf: z.optional(code),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  rollUp: rollUpSchema,
  rules: z.array(rowRuleSchema),
  /** Shown instead of the generated sentence when one of the row's rules fails. */
  ruleExplanation: z.optional(text(500)),
  /** Warn when the figure moves by more than this share from the previous period's (0.2 = 20 %). */
  changeWarning: z.optional(z.number().check(z.gt(0), z.lte(10))),
  /**
   * A column of the superior's period table (`tableColumns.ts`): only a row that adds up (a sum, a
   * weighted mean, a ratio, a count of yes). Optional: a definition stored before it still parses.
   */
  tableColumn: z.optional(z.boolean()),
});
export type FormRow = z.infer<typeof formRowSchema>;

export const formSectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rows'), title: text(300), rows: z.array(formRowSchema).check(z.minLength(1)) }),
  z.object({ kind: z.literal('block'), title: text(300), block: z.enum(BUILTIN_BLOCKS) }),
]);
export type FormSection = z.infer<typeof formSectionSchema>;

export const formDefinitionSchema = z
  .object({
    id: z.string().check(z.regex(FORM_ID)),
    version: z.int().check(z.gte(1), z.lte(10_000)),
    /** In Vietnamese, as the superior names it: `Mẫu 1-HĐCĐ — Báo cáo hoạt động công đoàn cơ sở`. */
    title: text(300),
    /** The document that sets the form: `Quyết định 1454/QĐ-TLĐ ngày 28/11/2014`. */
    basis: z.optional(text(300)),
    status: z.enum(FORM_STATUSES),
    sections: z.array(formSectionSchema).check(z.minLength(1), z.maxLength(100)),
  })
  .check(
    z.superRefine((definition, context) => {
      for (const problem of definitionProblems(definition))
        context.addIssue({ code: 'custom', message: problem.message, input: problem.rowCode, path: ['sections'] });
    }),
  );
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/**
 * A CĐCS's values as the wire and the store take them: any value of any kind under a well-formed code
 * (a draft may hold what the rules flag); `checkFormValues` says what is wrong with them.
 */
export const formValuesSchema = z.record(
  code,
  z.nullable(z.union([z.number().check(z.gte(-1e15), z.lte(1e15)), z.boolean(), z.string().check(z.maxLength(LONG_TEXT))])),
);
export type FormValue = number | boolean | string | null;
export type FormValues = Record<string, FormValue>;

export function formRows(definition: FormDefinition): FormRow[] {
  return definition.sections.flatMap((section) => (section.kind === 'rows' ? section.rows : []));
}

export function formBlocks(definition: FormDefinition): BuiltinBlock[] {
  return definition.sections.flatMap((section) => (section.kind === 'block' ? [section.block] : []));
}

export function isNumericRow(row: FormRow): boolean {
  // NUMERIC_KINDS spelt out: the server asks this of every row of every ready report it stores.
  return row.kind === 'count' || row.kind === 'money';
}

/** A ratio row is worked out from its two rows; nobody types it. */
export function isComputedRow(row: FormRow): boolean {
  return row.rollUp.kind === 'ratio';
}

/** The row's field of the definition a problem is about, for the spreadsheet to name the column. */
export type RowField = 'code' | 'kind' | 'requiredIf' | 'limits' | 'rollUp' | 'rules' | 'changeWarning' | 'tableColumn';

/** The period table's columns a form may choose (more would not fit a staff screen's width). */
export const MAX_TABLE_COLUMNS = 8;

export interface DefinitionProblem {
  rowCode: string;
  field: RowField;
  /** For a problem with one of the row's rules: which one. */
  ruleIndex?: number;
  message: string;
}

/**
 * What a definition's shape cannot say: codes unique, every row a rule or roll-up names exists and has
 * the right kind, limits and warnings only on figures. In Vietnamese; the spreadsheet names the cell.
 */
export function definitionProblems(definition: Pick<FormDefinition, 'sections'>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const rows = definition.sections.flatMap((section) => (section.kind === 'rows' ? section.rows : []));
  const byCode = new Map<string, FormRow>();
  for (const row of rows) {
    if (byCode.has(row.code)) problems.push({ rowCode: row.code, field: 'code', message: `Mã “${row.code}” đã dùng cho một dòng trước.` });
    else byCode.set(row.code, row);
  }
  const blocks = definition.sections.flatMap((section) => (section.kind === 'block' ? [section.block] : []));
  for (const block of new Set(blocks))
    if (blocks.filter((b) => b === block).length > 1)
      problems.push({ rowCode: '', field: 'kind', message: `Khối dựng sẵn “${block}” chỉ được có một lần.` });

  /** The row `target` names, if it exists and is numeric; a problem otherwise. */
  const numericRow = (row: FormRow, field: RowField, target: string): void => {
    const other = byCode.get(target);
    if (!other) problems.push({ rowCode: row.code, field, message: `Không có dòng nào mang mã “${target}”.` });
    else if (!isNumericRow(other)) problems.push({ rowCode: row.code, field, message: `Dòng “${target}” không phải là số.` });
    else if (other.code === row.code) problems.push({ rowCode: row.code, field, message: `Dòng không thể dựa vào chính nó.` });
  };

  let tableColumns = 0;
  for (const row of rows) {
    const numeric = isNumericRow(row);
    if (row.tableColumn) {
      tableColumns += 1;
      if (row.rollUp.kind === 'none' || !(numeric || row.kind === 'yesNo'))
        problems.push({ rowCode: row.code, field: 'tableColumn', message: 'Chỉ dòng là số, tiền hoặc có/không và có cộng dồn mới làm cột của bảng kỳ báo cáo được.' });
      else if (tableColumns > MAX_TABLE_COLUMNS)
        problems.push({ rowCode: row.code, field: 'tableColumn', message: `Bảng kỳ báo cáo có nhiều nhất ${MAX_TABLE_COLUMNS} cột chọn từ biểu mẫu.` });
    }
    const { rollUp } = row;
    if ((rollUp.kind === 'sum' || rollUp.kind === 'weightedMean' || rollUp.kind === 'ratio') && !numeric)
      problems.push({ rowCode: row.code, field: 'rollUp', message: 'Chỉ cộng dồn kiểu này được với dòng là số hoặc tiền.' });
    if (rollUp.kind === 'countYes' && row.kind !== 'yesNo')
      problems.push({ rowCode: row.code, field: 'rollUp', message: 'Chỉ đếm “có” được với dòng có/không.' });
    if (rollUp.kind === 'weightedMean') numericRow(row, 'rollUp', rollUp.weight);
    if (rollUp.kind === 'ratio') {
      numericRow(row, 'rollUp', rollUp.numerator);
      numericRow(row, 'rollUp', rollUp.denominator);
      if (row.required) problems.push({ rowCode: row.code, field: 'rollUp', message: 'Dòng tỷ lệ được tính tự động nên không thể bắt buộc nhập.' });
    }
    if ((row.min !== undefined || row.max !== undefined) && !numeric)
      problems.push({ rowCode: row.code, field: 'limits', message: 'Chỉ dòng là số hoặc tiền mới có giới hạn nhỏ nhất, lớn nhất.' });
    if (row.min !== undefined && row.max !== undefined && row.min > row.max)
      problems.push({ rowCode: row.code, field: 'limits', message: 'Giới hạn nhỏ nhất lớn hơn giới hạn lớn nhất.' });
    if (row.changeWarning !== undefined && !numeric)
      problems.push({ rowCode: row.code, field: 'changeWarning', message: 'Chỉ dòng là số hoặc tiền mới cảnh báo tăng, giảm so với kỳ trước.' });
    if (row.requiredIf !== undefined) {
      if (row.required) problems.push({ rowCode: row.code, field: 'requiredIf', message: 'Dòng đã luôn bắt buộc thì không cần điều kiện “khi”.' });
      const condition = byCode.get(row.requiredIf);
      if (!condition || condition.kind !== 'yesNo')
        problems.push({ rowCode: row.code, field: 'requiredIf', message: `Dòng “${row.requiredIf}” không có hoặc không phải là dòng có/không.` });
    }
    if (row.rules.length > 0) {
      const comparable = numeric || row.kind === 'date';
      if (!comparable) problems.push({ rowCode: row.code, field: 'rules', message: 'Chỉ so sánh được dòng là số, tiền hoặc ngày.' });
      row.rules.forEach((rule, ruleIndex) => {
        const other = byCode.get(rule.other);
        if (!other) problems.push({ rowCode: row.code, field: 'rules', ruleIndex, message: `Không có dòng nào mang mã “${rule.other}”.` });
        else if (other.code === row.code)
          problems.push({ rowCode: row.code, field: 'rules', ruleIndex, message: 'Dòng không thể so sánh với chính nó.' });
        else if (comparable && (other.kind === 'date' || isNumericRow(other)) && (other.kind === 'date') !== (row.kind === 'date'))
          problems.push({ rowCode: row.code, field: 'rules', ruleIndex, message: `Không so sánh được dòng này với dòng “${rule.other}” (khác kiểu).` });
        else if (comparable && other.kind !== 'date' && !isNumericRow(other))
          problems.push({ rowCode: row.code, field: 'rules', ruleIndex, message: `Dòng “${rule.other}” không phải là số, tiền hoặc ngày.` });
      });
    }
  }
  return problems;
}

/** A published form never changes: the next version starts as a draft copy of it. */
export function nextDraft(definition: FormDefinition): FormDefinition {
  return { ...structuredClone(definition), version: definition.version + 1, status: 'draft' };
}

export function publish(definition: FormDefinition): FormDefinition {
  return { ...definition, status: 'published' };
}

/**
 * Whether `after` may replace `before` under the same id and version: a draft may change freely; a
 * published one not at all.
 */
export function mayReplace(before: FormDefinition, after: FormDefinition): boolean {
  if (before.status === 'draft') return true;
  // The schema writes every object's keys in its own order, so two copies compare whatever order they came in.
  const canonical = (definition: FormDefinition) => JSON.stringify(formDefinitionSchema.parse(definition));
  return canonical(before) === canonical(after);
}
