import { describe, expect, it } from 'vitest';
import { rollUpForm } from '../../../../src/domain/forms/rollup';
import { formRows, type FormValues } from '../../../../src/domain/forms/definition';
import type { FormRollupView } from '../../../../src/app/staff/api';
import { columnReach, rollupLines } from '../../../../src/app/staff/forms/rollupTable';
import { TEST_FORM } from './formFixture';

/** What `GET …/forms/:formId/rollup` answers, built with the domain's reference roll-up: the node, then two children. */
function stubRollup(): FormRollupView {
  const childA: FormValues[] = [
    { TONG_LD: 1200, DOAN_VIEN: 1000, LUONG: 7_000_000, HNNLD: true, KIEN_NGHI: 'Nhà trọ' },
    { TONG_LD: 300, DOAN_VIEN: 200, HNNLD: false },
  ];
  const childB = [{ TONG_LD: 500, DOAN_VIEN: 450, LUONG: 9_000_000, HNNLD: true }];
  const columns = [childA.concat(childB), childA, childB].map((reports) => rollUpForm(TEST_FORM, reports));
  return {
    form: TEST_FORM,
    period: { year: 2026, kind: 'yearly' },
    columns: [
      { nodeId: 'n', name: 'Công đoàn xã Tân Ninh', expected: 5, reported: 3 },
      { nodeId: 'a', name: 'Công đoàn khối A', expected: 3, reported: 2 },
      { nodeId: 'b', name: 'Công đoàn khối B', expected: 2, reported: 1 },
    ],
    rows: formRows(TEST_FORM).map((row, index) => ({ code: row.code, values: columns.map((results) => results[index]!) })),
  };
}

describe('a form’s roll-up as the superior’s table', () => {
  it('has every row of the form in order under its heading, the node then each child, in vi-VN figures', () => {
    const lines = rollupLines(stubRollup(), (n) => `${n} CĐCS trả lời`);
    expect(lines.map((line) => (line.kind === 'heading' ? line.title : [line.number, line.label, line.unit, ...line.cells]))).toEqual([
      'I. Lao động',
      ['1', 'Tổng số lao động', 'người', '2.000', '1.500', '500'],
      ['2', 'Số đoàn viên', 'người', '1.650', '1.200', '450'],
      // Σ members ÷ Σ workers, never a mean of rates.
      ['3', 'Tỷ lệ đoàn viên', '%', '82,5 %', '80,0 %', '90,0 %'],
      // Weighted by the workers of those who gave a wage: (7 000 000 × 1200 + 9 000 000 × 500) ÷ 1700.
      ['4', 'Tiền lương bình quân', 'đồng', '7.588.235', '7.000.000', '9.000.000'],
      'III. Hội nghị và kiến nghị',
      ['5', 'Đã tổ chức hội nghị người lao động', 'CĐCS', '2', '1', '1'],
      ['6', 'Ngày tổ chức', '', '', '', ''],
      ['7', 'Kiến nghị', '', '1 CĐCS trả lời', '1 CĐCS trả lời', ''],
    ]);
  });

  it('says per column how many of the expected CĐCS reported, and leaves a row the answer lacks empty', () => {
    const view = stubRollup();
    expect(view.columns.map(columnReach)).toEqual(['3/5 CĐCS', '2/3 CĐCS', '1/2 CĐCS']);
    view.rows = view.rows.filter((row) => row.code !== 'TONG_LD');
    const first = rollupLines(view, String).find((line) => line.kind === 'row');
    expect(first).toMatchObject({ code: 'TONG_LD', cells: ['', '', ''] });
  });
});
