/** A published form with a row of every kind, a ratio, an "of which" line and both built-in blocks, for the staff screens' tests. */
import { formDefinitionSchema, type FormDefinition, type FormRow } from '../../../../src/domain/forms/definition';

const row = (code: string, label: string, extra: Partial<FormRow> = {}): FormRow => ({
  code,
  label,
  unit: 'người',
  kind: 'count',
  required: false,
  rollUp: { kind: 'sum' },
  rules: [],
  ...extra,
});

export const TEST_FORM: FormDefinition = formDefinitionSchema.parse({
  id: 'mau-thu',
  version: 2,
  title: 'Mẫu thử — Báo cáo quý',
  status: 'published',
  sections: [
    {
      kind: 'rows',
      title: 'I. Lao động',
      rows: [
        row('TONG_LD', 'Tổng số lao động', { number: '1', required: true }),
        row('DOAN_VIEN', 'Số đoàn viên', { number: '2' }),
        row('TY_LE', 'Tỷ lệ đoàn viên', { number: '3', unit: '%', rollUp: { kind: 'ratio', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' } }),
        row('LUONG', 'Tiền lương bình quân', { number: '4', unit: 'đồng', kind: 'money', rollUp: { kind: 'weightedMean', weight: 'TONG_LD' } }),
      ],
    },
    { kind: 'block', title: 'II. Đối thoại tại nơi làm việc', block: 'dialogues' },
    {
      kind: 'rows',
      title: 'III. Hội nghị và kiến nghị',
      rows: [
        row('HNNLD', 'Đã tổ chức hội nghị người lao động', { number: '5', unit: '', kind: 'yesNo', rollUp: { kind: 'countYes' } }),
        row('NGAY_HN', 'Ngày tổ chức', { number: '6', unit: '', kind: 'date', rollUp: { kind: 'none' }, requiredIf: 'HNNLD' }),
        row('KIEN_NGHI', 'Kiến nghị', { number: '7', unit: '', kind: 'longText', rollUp: { kind: 'none' } }),
      ],
    },
  ],
});

export const TEST_FORM_REF = { id: TEST_FORM.id, version: TEST_FORM.version };
