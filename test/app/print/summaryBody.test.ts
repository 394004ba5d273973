import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../../src/app/print/reportBody';
import { summaryBody } from '../../../src/app/print/summaryBody';
import { periodOverview } from '../staff/fixtures';

describe('the superior’s summary report written from the period overview', () => {
  const blocks = summaryBody(periodOverview(), 'Công đoàn các Khu công nghiệp tỉnh Tây Ninh');
  const text = blocks.filter((b) => b.kind !== 'table').map((b) => (b as { text: string }).text).join('\n');

  it('counts who reported and names those who have not', () => {
    expect(text).toContain('Tổng số công đoàn cơ sở trực thuộc: 4; đã gửi báo cáo: 3; chưa báo cáo: 1.');
    expect(text).toContain('Các công đoàn cơ sở chưa báo cáo: CĐCS Công ty Gỗ Tân Biên.');
  });

  it('gives the rate as total members ÷ total workers against 80 %, and the CĐCS under it', () => {
    // 1.238 ÷ 1.540 = 80,4 %
    expect(text).toContain('là 1.540 người; tổng số đoàn viên là 1.238 người. Tỷ lệ tập hợp chung là 80,4\u00a0%, đạt chỉ tiêu');
    expect(text).toContain('Các công đoàn cơ sở có tỷ lệ tập hợp dưới 80\u00a0%: CĐCS Công ty Giày Hòa Thành (70,0\u00a0%).');
  });

  it('counts dialogue sessions by kind and lists every CĐCS in the table', () => {
    expect(text).toContain('đã tổ chức 4 cuộc tiếp xúc, đối thoại, trong đó: đối thoại định kỳ tại nơi làm việc 2 cuộc; đối thoại với UBND địa phương 1 cuộc; hội nghị người lao động 1 cuộc.');
    const table = blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows.map((row) => row[1])).toEqual(['007', '012', '0031', '']);
    expect(table.rows[3]?.[7]).toBe('Chưa báo cáo');
    expect(table.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);
  });

  it('names no district: the dialogue with the People’s Committee is the commune’s in a period after 1 July 2025', () => {
    expect(text).not.toMatch(/huyện/i);
    const later = summaryBody({ ...periodOverview(), period: { year: 2026, kind: 'yearly' } }, 'Công đoàn phường Tân Ninh');
    const laterText = later.filter((b) => b.kind !== 'table').map((b) => (b as { text: string }).text).join('\n');
    expect(laterText).toContain('trong đó: đối thoại định kỳ tại nơi làm việc 2 cuộc; đối thoại với UBND xã, phường, đặc khu 1 cuộc;');
  });
});
