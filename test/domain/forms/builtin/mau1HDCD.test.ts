import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../../src/domain/forms/builtin/mau1HDCD';
import { formDefinitionSchema, formRows } from '../../../../src/domain/forms/definition';

describe('Mẫu 1-HĐCĐ as a built-in form', () => {
  it('is a valid published form', () => {
    expect(formDefinitionSchema.parse(MAU_1_HDCD_FORM)).toStrictEqual(MAU_1_HDCD_FORM);
    expect(MAU_1_HDCD_FORM.status).toBe('published');
  });

  // The rows confirmed from a published copy, numbered, worded and measured as printed (decision 0011).
  it('has exactly the confirmed rows, in the printed order', () => {
    expect(formRows(MAU_1_HDCD_FORM).map((row) => [row.number ?? '', row.label, row.unit])).toEqual([
      ['1', 'Tổng số lao động', 'người'],
      ['2', '– Trong đó: nữ', 'người'],
      ['3', 'Số lao động thiếu việc làm', 'người'],
      ['4', '– Trong đó: nữ', 'người'],
      ['5', 'Tiền lương bình quân tháng của 1 người lao động', 'đồng'],
      ['', '+ Số người được tính', 'người'],
      ['6', 'Tổng số tiền doanh nghiệp còn nợ lương người lao động', 'đồng'],
      ['7', 'Số người được nhà nước, cơ quan, doanh nghiệp bố trí nhà ở', 'người'],
      ['8', 'Số người phải tự thuê nhà ở', 'người'],
      ['9', 'Số lao động được ký hợp đồng lao động', 'người'],
      ['10', 'Số lao động được đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp', 'người'],
    ]);
  });

  it('rolls the average wage up weighted by the people counted, and holds each “of which” line to its whole', () => {
    const rows = Object.fromEntries(formRows(MAU_1_HDCD_FORM).map((row) => [row.code, row]));
    expect(rows.LUONG_BINH_QUAN!.rollUp).toEqual({ kind: 'weightedMean', weight: 'LUONG_SO_NGUOI' });
    expect(rows.LD_NU!.rules).toEqual([{ operator: '<=', other: 'TONG_LD', severity: 'error' }]);
    expect(rows.LD_NU_THIEU_VIEC_LAM!.rules.map((rule) => rule.other)).toEqual(['LD_THIEU_VIEC_LAM', 'LD_NU']);
  });
});
