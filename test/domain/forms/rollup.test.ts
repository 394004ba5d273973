import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { formRows, type FormRow, type FormValues } from '../../../src/domain/forms/definition';
import { computedValue, rollUpForm, rollUpRow } from '../../../src/domain/forms/rollup';

const row = (code: string, rollUp: FormRow['rollUp'], kind: FormRow['kind'] = 'count'): FormRow => ({ code, label: code, kind, required: false, rollUp, rules: [] });

describe('the roll-up at the superior', () => {
  it('adds up a sum over the CĐCS that gave the figure, and counts them as reported', () => {
    const reports: FormValues[] = [{ TONG_LD: 100 }, { TONG_LD: 250 }, { TONG_LD: null }, {}, { TONG_LD: 'nhiều' }];
    expect(rollUpRow(row('TONG_LD', { kind: 'sum' }), reports)).toEqual({ code: 'TONG_LD', value: 350, reported: 2 });
    expect(rollUpRow(row('TONG_LD', { kind: 'sum' }), [{}, {}])).toEqual({ code: 'TONG_LD', value: null, reported: 0 });
  });

  it('takes a ratio as Σ numerator ÷ Σ denominator, never the mean of the CĐCS’s rates', () => {
    // 90 of 100 and 10 of 900: rates of 90 % and 1.1 %, whose mean (45.6 %) says nothing of the 1,000 workers.
    const reports: FormValues[] = [
      { DOAN_VIEN: 90, TONG_LD: 100 },
      { DOAN_VIEN: 10, TONG_LD: 900 },
      { DOAN_VIEN: 50 }, // no workers given: left out of both sums
      { DOAN_VIEN: 0, TONG_LD: 0 }, // no workers: no rate
    ];
    const rate = rollUpRow(row('TY_LE', { kind: 'ratio', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' }), reports);
    expect(rate).toEqual({ code: 'TY_LE', value: 0.1, reported: 2, numerator: 100, denominator: 1000 });
    expect(rate.value).not.toBeCloseTo((0.9 + 10 / 900) / 2);
  });

  it('weights a mean by its weight row: the average wage by the people counted', () => {
    const wage = row('LUONG_BINH_QUAN', { kind: 'weightedMean', weight: 'LUONG_SO_NGUOI' }, 'money');
    const reports: FormValues[] = [
      { LUONG_BINH_QUAN: 10_000_000, LUONG_SO_NGUOI: 100 },
      { LUONG_BINH_QUAN: 5_000_000, LUONG_SO_NGUOI: 300 },
      { LUONG_BINH_QUAN: 20_000_000 }, // nobody counted: no weight, left out
    ];
    expect(rollUpRow(wage, reports)).toEqual({
      code: 'LUONG_BINH_QUAN',
      value: 6_250_000,
      reported: 2,
      numerator: 2_500_000_000,
      denominator: 400,
    });
  });

  it('counts the CĐCS answering yes, out of those that answered', () => {
    const held = row('HNNLD', { kind: 'countYes' }, 'yesNo');
    expect(rollUpRow(held, [{ HNNLD: true }, { HNNLD: false }, { HNNLD: true }, { HNNLD: null }, {}])).toEqual({ code: 'HNNLD', value: 2, reported: 3 });
  });

  it('adds up no text, but counts the CĐCS that wrote one', () => {
    const proposals = row('KIEN_NGHI', { kind: 'none' }, 'longText');
    expect(rollUpRow(proposals, [{ KIEN_NGHI: 'Tăng lương' }, { KIEN_NGHI: '  ' }, {}])).toEqual({ code: 'KIEN_NGHI', value: null, reported: 1 });
  });

  it('rolls up Mẫu 1-HĐCĐ row by row, in the form’s order: sums, and the wage weighted by the people counted', () => {
    const result = rollUpForm(MAU_1_HDCD_FORM, [
      { TONG_LD: 200, LD_NU: 120, LUONG_BINH_QUAN: 8_000_000, LUONG_SO_NGUOI: 200, NO_LUONG: 0 },
      { TONG_LD: 50, LD_NU: 10, LUONG_BINH_QUAN: 6_000_000, LUONG_SO_NGUOI: 50, NO_LUONG: 30_000_000 },
    ]);
    expect(result.map((r) => r.code)).toEqual(formRows(MAU_1_HDCD_FORM).map((r) => r.code));
    const byCode = Object.fromEntries(result.map((r) => [r.code, r]));
    expect(byCode.TONG_LD).toEqual({ code: 'TONG_LD', value: 250, reported: 2 });
    expect(byCode.LD_NU!.value).toBe(130);
    expect(byCode.LUONG_BINH_QUAN!.value).toBe(7_600_000);
    expect(byCode.NO_LUONG).toEqual({ code: 'NO_LUONG', value: 30_000_000, reported: 2 });
    expect(byCode.NHA_O_TU_THUE).toEqual({ code: 'NHA_O_TU_THUE', value: null, reported: 0 });
  });

  it('shows a ratio row at one CĐCS as the roll-up of that one report', () => {
    const rate = row('TY_LE', { kind: 'ratio', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' });
    expect(computedValue(rate, { DOAN_VIEN: 80, TONG_LD: 100 })).toBe(0.8);
    expect(computedValue(rate, { DOAN_VIEN: 80, TONG_LD: 0 })).toBeNull();
    expect(computedValue(row('TONG_LD', { kind: 'sum' }), { TONG_LD: 100 })).toBeNull();
  });
});
