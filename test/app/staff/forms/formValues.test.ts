import { describe, expect, it } from 'vitest';
import { formRows } from '../../../../src/domain/forms/definition';
import { rollUpForm } from '../../../../src/domain/forms/rollup';
import { vi } from '../../../../src/app/i18n/messages';
import { formValueText, rollUpText, shownSections } from '../../../../src/app/staff/forms/formValues';
import { TEST_FORM } from './formFixture';

const rowOf = (code: string) => formRows(TEST_FORM).find((row) => row.code === code)!;

describe('a form’s values as the superior reads them', () => {
  it('shows every row in the form’s order under its heading, the blocks in their place', () => {
    const values = { TONG_LD: 1234, DOAN_VIEN: 1000, LUONG: 7_500_000, HNNLD: true, NGAY_HN: '2026-03-14', KIEN_NGHI: 'Đề nghị hỗ trợ\nnhà trọ' };
    const sections = shownSections(vi, TEST_FORM, values, { TONG_LD: 'Tăng do tuyển mới' });
    expect(sections.map((section) => [section.kind, section.title])).toEqual([
      ['rows', 'I. Lao động'],
      ['block', 'II. Đối thoại tại nơi làm việc'],
      ['rows', 'III. Hội nghị và kiến nghị'],
    ]);
    const rows = sections.flatMap((section) => (section.kind === 'rows' ? section.rows : []));
    expect(rows.map((row) => [row.number, row.label, row.unit, row.value, row.shape, row.note])).toEqual([
      ['1', 'Tổng số lao động', 'người', '1.234', 'figure', 'Tăng do tuyển mới'],
      ['2', 'Số đoàn viên', 'người', '1.000', 'figure', ''],
      // Worked out from its two rows, never typed.
      ['3', 'Tỷ lệ đoàn viên', '%', '81,0 %', 'figure', ''],
      ['4', 'Tiền lương bình quân', 'đồng', '7.500.000', 'figure', ''],
      ['5', 'Đã tổ chức hội nghị người lao động', '', 'Có', 'figure', ''],
      ['6', 'Ngày tổ chức', '', '14/03/2026', 'figure', ''],
      ['7', 'Kiến nghị', '', 'Đề nghị hỗ trợ\nnhà trọ', 'prose', ''],
    ]);
  });

  it('leaves empty rows empty, and says Không for no', () => {
    const rows = shownSections(vi, TEST_FORM, { HNNLD: false }).flatMap((section) => (section.kind === 'rows' ? section.rows : []));
    expect(rows.map((row) => row.value)).toEqual(['', '', '', '', 'Không', '', '']);
    expect(formValueText(vi, rowOf('TONG_LD'), 'not a number')).toBe('not a number');
  });

  it('writes a node’s roll-up: sums as figures, the weighted mean to the đồng, the ratio as a percent, yes as a count', () => {
    const results = rollUpForm(TEST_FORM, [
      { TONG_LD: 100, DOAN_VIEN: 90, LUONG: 7_000_000, HNNLD: true, KIEN_NGHI: 'x' },
      { TONG_LD: 200, DOAN_VIEN: 150, LUONG: 8_000_001, HNNLD: false },
    ]);
    const text = Object.fromEntries(formRows(TEST_FORM).map((row, index) => [row.code, rollUpText(row, results[index])]));
    expect(text).toEqual({ TONG_LD: '300', DOAN_VIEN: '240', TY_LE: '80,0 %', LUONG: '7.666.667', HNNLD: '1', NGAY_HN: '', KIEN_NGHI: '' });
    expect(rollUpText(rowOf('TONG_LD'), { code: 'TONG_LD', value: null, reported: 0 })).toBe('');
  });
});
