/**
 * Mẫu số 1-HĐCĐ, "Báo cáo hoạt động công đoàn cơ sở" (Quyết định 1454/QĐ-TLĐ of 28/11/2014), figures
 * as of 31/5 and 30/11: the rows confirmed from a published copy, numbered and worded as printed. The
 * source of every row, and the rows left out because they could not be confirmed (from I.6 on), are in
 * docs/decisions/0011-statistics-form-mau-1-hdcd.md. The superior's Mẫu 2-HĐCĐ is this form rolled up.
 */
import type { FormDefinition, FormRow } from '../definition';

/** `number` as printed; none for a `+ Số người được tính` line. */
const people = (number: string | null, code: string, label: string, extra: Partial<FormRow> = {}): FormRow => ({
  code,
  ...(number === null ? {} : { number }),
  label,
  unit: 'người',
  kind: 'count',
  required: false,
  rollUp: { kind: 'sum' },
  rules: [],
  ...extra,
});
/** An "of which" line, or a count of workers, is never more than its whole. */
const atMost = (other: string) => ({ rules: [{ operator: '<=' as const, other, severity: 'error' as const }] });
const PART_I = 'I. Tình hình lao động';

export const MAU_1_HDCD_FORM: FormDefinition = {
  id: 'mau-1-hdcd',
  version: 1,
  title: 'Mẫu 1-HĐCĐ — Báo cáo hoạt động công đoàn cơ sở',
  basis: 'Quyết định số 1454/QĐ-TLĐ ngày 28/11/2014 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam',
  status: 'published',
  sections: [
    {
      kind: 'rows',
      title: `${PART_I} – 1. Lao động`,
      rows: [people('1', 'TONG_LD', 'Tổng số lao động', { required: true }), people('2', 'LD_NU', '– Trong đó: nữ', atMost('TONG_LD'))],
    },
    {
      kind: 'rows',
      title: `${PART_I} – 2. Việc làm`,
      rows: [
        people('3', 'LD_THIEU_VIEC_LAM', 'Số lao động thiếu việc làm', atMost('TONG_LD')),
        people('4', 'LD_NU_THIEU_VIEC_LAM', '– Trong đó: nữ', {
          rules: [
            { operator: '<=', other: 'LD_THIEU_VIEC_LAM', severity: 'error' },
            { operator: '<=', other: 'LD_NU', severity: 'error' },
          ],
        }),
      ],
    },
    {
      kind: 'rows',
      title: `${PART_I} – 3. Tiền lương`,
      rows: [
        {
          code: 'LUONG_BINH_QUAN',
          number: '5',
          label: 'Tiền lương bình quân tháng của 1 người lao động',
          unit: 'đồng',
          kind: 'money',
          required: false,
          // The superior's average is weighted by the people each CĐCS counted, never a mean of means.
          rollUp: { kind: 'weightedMean', weight: 'LUONG_SO_NGUOI' },
          rules: [],
        },
        people(null, 'LUONG_SO_NGUOI', '+ Số người được tính', atMost('TONG_LD')),
        {
          code: 'NO_LUONG',
          number: '6',
          label: 'Tổng số tiền doanh nghiệp còn nợ lương người lao động',
          unit: 'đồng',
          kind: 'money',
          required: false,
          rollUp: { kind: 'sum' },
          rules: [],
        },
      ],
    },
    {
      kind: 'rows',
      title: `${PART_I} – 4. Nhà ở`,
      rows: [
        people('7', 'NHA_O_BO_TRI', 'Số người được nhà nước, cơ quan, doanh nghiệp bố trí nhà ở'),
        people('8', 'NHA_O_TU_THUE', 'Số người phải tự thuê nhà ở'),
      ],
    },
    {
      kind: 'rows',
      title: `${PART_I} – 5. Thực hiện hợp đồng lao động, bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp`,
      rows: [
        people('9', 'LD_KY_HDLD', 'Số lao động được ký hợp đồng lao động', atMost('TONG_LD')),
        people('10', 'LD_DONG_BH', 'Số lao động được đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp', atMost('TONG_LD')),
      ],
    },
  ],
};
