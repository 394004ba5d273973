import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import { formFromSheets, problemText } from '../../../src/domain/forms/spreadsheet';
import { checkFormValues, type FormIssue } from '../../../src/domain/forms/validate';
import type { FormDefinition, FormValues } from '../../../src/domain/forms/definition';
import { exampleSheets } from './fixtures';

const example = (() => {
  const result = formFromSheets(exampleSheets());
  if (!result.ok) throw new Error(result.problems.map(problemText).join('\n'));
  return result.definition;
})();

/** The example's values, filled in and consistent. */
const filled = (overrides: FormValues = {}): FormValues => ({
  TONG_LD: 1234,
  LD_NU: 600,
  LD_KY_HDLD: 1200,
  LUONG_BQ: 7_500_000,
  LUONG_SO_NGUOI: 1200,
  CO_TULDTT: true,
  NGAY_KY_TULDTT: '2026-03-15',
  SO_CUOC_THUONG_LUONG: 2,
  KIEN_NGHI_DAT: 5,
  KIEN_NGHI_NEU: 8,
  KIEN_NGHI: '',
  ...overrides,
});

const said = (issues: FormIssue[]) => issues.map((issue) => `${issue.code}: ${issue.message}`);

describe('checking a form’s values', () => {
  it('passes consistent values, which may be marked ready', () => {
    expect(checkFormValues(example, filled())).toEqual({ errors: [], warnings: [], canMarkReady: true });
  });

  it('says beside each row what is wrong with its own value, in Vietnamese', () => {
    const check = checkFormValues(
      example,
      filled({
        TONG_LD: null,
        LD_NU: -3,
        LD_KY_HDLD: 12.5,
        LUONG_BQ: 600_000_000,
        CO_TULDTT: 'có',
        SO_CUOC_THUONG_LUONG: '2',
        KIEN_NGHI: 'x'.repeat(5_001),
      }),
    );
    expect(said(check.errors)).toEqual([
      'TONG_LD: Cần nhập mục này.',
      'LD_NU: Số không được âm.',
      'LD_KY_HDLD: Phải là số nguyên.',
      'LUONG_BQ: Không được lớn hơn 500.000.000.',
      'CO_TULDTT: Chỉ chọn có hoặc không.',
      'SO_CUOC_THUONG_LUONG: Phải là một số.',
      'KIEN_NGHI: Dài quá 5.000 ký tự.',
    ]);
    expect(check.canMarkReady).toBe(false);
  });

  it('requires a row only when the yes/no row it depends on is answered yes', () => {
    expect(said(checkFormValues(example, filled({ NGAY_KY_TULDTT: '' })).errors)).toEqual(['NGAY_KY_TULDTT: Cần nhập mục này.']);
    expect(checkFormValues(example, filled({ CO_TULDTT: false, NGAY_KY_TULDTT: '' })).errors).toEqual([]);
  });

  it('checks a date is a real one and falls within the activities’ dates', () => {
    expect(said(checkFormValues(example, filled({ NGAY_KY_TULDTT: '2026-02-30' })).errors)).toEqual([
      'NGAY_KY_TULDTT: Phải là một ngày có thật (ngày/tháng/năm).',
    ]);
    const activities = { from: '2026-01-01', to: '2026-11-30' };
    expect(checkFormValues(example, filled(), { activities }).errors).toEqual([]);
    expect(said(checkFormValues(example, filled({ NGAY_KY_TULDTT: '2025-12-31' }), { activities }).errors)).toEqual([
      'NGAY_KY_TULDTT: Ngày nằm ngoài kỳ báo cáo (01/01/2026 – 30/11/2026).',
    ]);
  });

  it('explains a rule between rows with both labels and the other figure, or with the author’s sentence', () => {
    const check = checkFormValues(example, filled({ LD_NU: 1300, LUONG_SO_NGUOI: 1234, KIEN_NGHI_DAT: 9 }));
    expect(said(check.errors)).toEqual(['LD_NU: “– Trong đó: nữ” không được lớn hơn “Tổng số lao động” (1.234).']);
    expect(check.warnings).toEqual([
      { code: 'KIEN_NGHI_DAT', reason: 'rule', message: 'Số kiến nghị đạt được nhiều hơn số nêu ra: hãy giải thích.', explained: false },
    ]);
    expect(check.canMarkReady).toBe(false);
  });

  it('leaves a rule alone while either row is empty', () => {
    expect(checkFormValues(example, filled({ LD_NU: 1300, TONG_LD: null })).errors.map((i) => i.code)).toEqual(['TONG_LD']);
    expect(checkFormValues(example, filled({ KIEN_NGHI_NEU: null })).warnings).toEqual([]);
  });

  it('warns of a jump of more than 20 % against the previous period, and knows when it is explained', () => {
    const previous = { TONG_LD: 1000 };
    expect(checkFormValues(example, filled({ TONG_LD: 1200 }), { previous }).warnings).toEqual([]);
    const check = checkFormValues(example, filled({ TONG_LD: 1255 }), { previous, explanations: { TONG_LD: 'Mở thêm phân xưởng.' } });
    expect(check.warnings).toEqual([
      { code: 'TONG_LD', reason: 'change', message: 'Số liệu tăng 25,5 % so với kỳ trước (1.000). Hãy giải thích.', explained: true },
    ]);
    expect(check.canMarkReady).toBe(true);
    expect(said(checkFormValues(example, filled({ TONG_LD: 1234, LD_NU: 100, LD_KY_HDLD: 100, LUONG_SO_NGUOI: 100 }), { previous: { TONG_LD: 2000 } }).warnings)).toEqual([
      'TONG_LD: Số liệu giảm 38,3 % so với kỳ trước (2.000). Hãy giải thích.',
    ]);
  });

  it('never asks for a computed ratio row, whatever is stored under its code', () => {
    expect(checkFormValues(example, filled({ TY_LE_HDLD: 'anything' })).errors).toEqual([]);
  });

  it('checks the built-in forms’ rules: Mẫu 1-HĐCĐ’s “of which” lines and Plan 94’s party admissions', () => {
    const mau1 = checkFormValues(MAU_1_HDCD_FORM, { TONG_LD: 100, LD_NU: 40, LD_THIEU_VIEC_LAM: 10, LD_NU_THIEU_VIEC_LAM: 12 });
    expect(said(mau1.errors)).toEqual(['LD_NU_THIEU_VIEC_LAM: “– Trong đó: nữ” không được lớn hơn “Số lao động thiếu việc làm” (10).']);
    expect(said(checkFormValues(MAU_1_HDCD_FORM, {}).errors)).toEqual(['TONG_LD: Cần nhập mục này.']);

    const plan94 = checkFormValues(PLAN94_FORM, { DANG_GIOI_THIEU: 1, DANG_KET_NAP: 2, DON_NHAN: 1, DON_GIAI_QUYET: 3, HNNLD_DA_TO_CHUC: true, HNNLD_NGAY: '' });
    expect(said(plan94.errors)).toEqual(['DON_GIAI_QUYET: Số đơn đã giải quyết lớn hơn số đơn nhận được.', 'HNNLD_NGAY: Cần nhập mục này.']);
    expect(said(plan94.warnings)).toEqual([
      'DANG_KET_NAP: Số được kết nạp Đảng nhiều hơn số được giới thiệu. Nếu có người được giới thiệu từ kỳ trước, hãy giải thích.',
    ]);
  });

  it('checks a 60-row form’s values in a millisecond or two at most, on a busy machine too', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      code: `R${i}`,
      label: `Dòng ${i}`,
      kind: 'count' as const,
      required: true,
      rollUp: { kind: 'sum' as const },
      rules: i > 0 ? [{ operator: '<=' as const, other: 'R0', severity: 'error' as const }] : [],
      changeWarning: 0.2,
    }));
    const form: FormDefinition = { id: 'sixty', version: 1, title: 'Sáu mươi dòng', status: 'draft', sections: [{ kind: 'rows', title: 'Mục', rows }] };
    const values = Object.fromEntries(rows.map((row, i) => [row.code, 1000 - i]));
    const started = performance.now();
    for (let run = 0; run < 1000; run += 1) checkFormValues(form, values, { previous: values });
    // About 0.3 ms here; the bound catches work that grows with rows × rows, not a slow machine.
    expect((performance.now() - started) / 1000).toBeLessThan(2);
  });
});
