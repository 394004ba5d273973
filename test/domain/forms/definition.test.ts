import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import {
  definitionProblems,
  formDefinitionSchema,
  formValuesSchema,
  mayReplace,
  nextDraft,
  publish,
  type FormDefinition,
  type FormRow,
} from '../../../src/domain/forms/definition';

const row = (code: string, extra: Partial<FormRow> = {}): FormRow => ({ code, label: code, kind: 'count', required: false, rollUp: { kind: 'sum' }, rules: [], ...extra });
const form = (rows: FormRow[]): FormDefinition => ({ id: 'thu', version: 1, title: 'Thử', status: 'draft', sections: [{ kind: 'rows', title: 'Mục', rows }] });

describe('a form definition', () => {
  it('is refused by its schema with the problems only the whole form shows', () => {
    const result = formDefinitionSchema.safeParse(form([row('A'), row('A'), row('B', { rollUp: { kind: 'weightedMean', weight: 'C' } })]));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Mã “A” đã dùng cho một dòng trước.', 'Không có dòng nào mang mã “C”.']);
  });

  it('refuses codes, ids and versions outside the convention', () => {
    expect(formDefinitionSchema.safeParse(form([row('tong_ld')])).success).toBe(false);
    expect(formDefinitionSchema.safeParse({ ...form([row('A')]), id: 'Mẫu 1' }).success).toBe(false);
    expect(formDefinitionSchema.safeParse({ ...form([row('A')]), version: 0 }).success).toBe(false);
    expect(formDefinitionSchema.safeParse({ ...form([]) }).success).toBe(false);
  });

  it('names a roll-up, a limit, a condition or a rule that does not fit its row', () => {
    const problems = definitionProblems(
      form([
        row('TEXT', { kind: 'shortText', rollUp: { kind: 'sum' }, min: 0 }),
        row('YES', { kind: 'yesNo', rollUp: { kind: 'countYes' } }),
        row('RATE', { rollUp: { kind: 'ratio', numerator: 'YES', denominator: 'RATE' }, required: true }),
        row('WHEN', { requiredIf: 'RATE', changeWarning: 0.2, min: 10, max: 5 }),
        row('DAY', { kind: 'date', rollUp: { kind: 'none' }, rules: [{ operator: '<=', other: 'WHEN', severity: 'error' }] }),
        row('SELF', { rules: [{ operator: '<=', other: 'SELF', severity: 'warning' }] }),
      ]),
    );
    expect(problems.map((p) => `${p.rowCode} ${p.field}: ${p.message}`)).toEqual([
      'TEXT rollUp: Chỉ cộng dồn kiểu này được với dòng là số hoặc tiền.',
      'TEXT limits: Chỉ dòng là số hoặc tiền mới có giới hạn nhỏ nhất, lớn nhất.',
      'RATE rollUp: Dòng “YES” không phải là số.',
      'RATE rollUp: Dòng không thể dựa vào chính nó.',
      'RATE rollUp: Dòng tỷ lệ được tính tự động nên không thể bắt buộc nhập.',
      'WHEN limits: Giới hạn nhỏ nhất lớn hơn giới hạn lớn nhất.',
      'WHEN requiredIf: Dòng “RATE” không có hoặc không phải là dòng có/không.',
      'DAY rules: Không so sánh được dòng này với dòng “WHEN” (khác kiểu).',
      'SELF rules: Dòng không thể so sánh với chính nó.',
    ]);
  });

  it('allows one of each built-in block', () => {
    const twice: FormDefinition = { ...form([row('A')]), sections: [{ kind: 'block', title: 'Đoàn viên', block: 'membership' }, { kind: 'block', title: 'Lại', block: 'membership' }] };
    expect(definitionProblems(twice).map((p) => p.message)).toEqual(['Khối dựng sẵn “membership” chỉ được có một lần.']);
  });

  it('never changes once published: the next version is a draft copy', () => {
    const published = publish(form([row('A')]));
    expect(mayReplace(published, published)).toBe(true);
    const reordered = JSON.parse(JSON.stringify(published, Object.keys(published).reverse().concat('kind', 'title', 'rows', 'rules', 'rollUp', 'label', 'code', 'required')));
    expect(Object.keys(reordered)).not.toEqual(Object.keys(published));
    expect(mayReplace(published, reordered)).toBe(true);
    expect(mayReplace(published, { ...published, title: 'Khác' })).toBe(false);
    expect(mayReplace(form([row('A')]), { ...form([row('A')]), title: 'Khác' })).toBe(true);

    const next = nextDraft(MAU_1_HDCD_FORM);
    expect(next).toMatchObject({ id: 'mau-1-hdcd', version: 2, status: 'draft' });
    (next.sections[0] as { title: string }).title = 'Đổi';
    expect(MAU_1_HDCD_FORM.sections[0]!.title).not.toBe('Đổi');
  });

  it('takes values of every kind under well-formed codes, and nothing else', () => {
    const values = { TONG_LD: 12, CO_TULDTT: true, NGAY: '2026-01-02', KIEN_NGHI: 'Tăng lương', TRONG: null, AM: -1 };
    expect(formValuesSchema.parse(values)).toEqual(values);
    expect(formValuesSchema.safeParse({ tong_ld: 1 }).success).toBe(false);
    expect(formValuesSchema.safeParse({ TONG_LD: [1] }).success).toBe(false);
    expect(formValuesSchema.safeParse({ KIEN_NGHI: 'x'.repeat(5_001) }).success).toBe(false);
    expect(formValuesSchema.safeParse({ TONG_LD: Number.POSITIVE_INFINITY }).success).toBe(false);
  });
});
