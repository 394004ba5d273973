import { describe, expect, it } from 'vitest';
import {
  documentNumber,
  numberLine,
  placeAndDateLine,
  recipientLines,
  signerAuthorityLines,
  upper,
} from '../../../src/app/print/officialText';

describe('the fixed lines of an NĐ 30/2020 document', () => {
  it('writes numbers under 10 with a leading zero and keeps what the office typed otherwise', () => {
    expect(documentNumber('5')).toBe('05');
    expect(documentNumber(' 05 ')).toBe('05');
    expect(documentNumber('12')).toBe('12');
    expect(documentNumber('123a')).toBe('123a');
    expect(numberLine('5', 'BC', 'CĐCS')).toBe('Số: 05/BC-CĐCS');
    expect(numberLine('', 'BC', 'CĐCS')).toMatch(/^Số: \u00a0+\/BC-CĐCS$/);
    expect(numberLine('7', 'BC', '')).toBe('Số: 07/BC');
  });

  it('dates the document with leading zeros for days under 10 and for January and February only', () => {
    expect(placeAndDateLine('Tây Ninh', '2026-12-05', 2026)).toBe('Tây Ninh, ngày 05 tháng 12 năm 2026');
    expect(placeAndDateLine('Tây Ninh', '2026-01-09', 2026)).toBe('Tây Ninh, ngày 09 tháng 01 năm 2026');
    expect(placeAndDateLine('Tây Ninh', '2026-02-28', 2026)).toBe('Tây Ninh, ngày 28 tháng 02 năm 2026');
    expect(placeAndDateLine('Tây Ninh', '2021-03-24', 2021)).toBe('Tây Ninh, ngày 24 tháng 3 năm 2021');
    expect(placeAndDateLine(' Dương Minh Châu ', '2025-11-30', 2025)).toBe('Dương Minh Châu, ngày 30 tháng 11 năm 2025');
  });

  it('leaves the day and month blank, never invented, when the date is not set', () => {
    const line = placeAndDateLine('Tây Ninh', '', 2025);
    expect(line).toMatch(/^Tây Ninh, ngày\u00a0+tháng\u00a0+năm 2025$/);
    expect(placeAndDateLine('', '2025-12-05', 2025)).toBe('ngày 05 tháng 12 năm 2025');
  });

  it('lists recipients between “Như trên” and “Lưu: VT.”, each closed by a semicolon', () => {
    expect(recipientLines(undefined)).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(recipientLines('Ban Thường vụ Đảng ủy;\n- Ban Giám đốc Công ty.\n\n  Như trên\nLưu VP')).toEqual([
      '- Như trên;',
      '- Ban Thường vụ Đảng ủy;',
      '- Ban Giám đốc Công ty;',
      '- Lưu: VT.',
    ]);
  });

  it('signs on behalf of the executive committee, as the chair or for the chair', () => {
    expect(signerAuthorityLines('Chủ tịch')).toEqual(['TM. BAN CHẤP HÀNH', 'CHỦ TỊCH']);
    expect(signerAuthorityLines(undefined)).toEqual(['TM. BAN CHẤP HÀNH', 'CHỦ TỊCH']);
    expect(signerAuthorityLines('Phó Chủ tịch')).toEqual(['TM. BAN CHẤP HÀNH', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it('upper-cases Vietnamese with every mark kept', () => {
    expect(upper(' Công đoàn các Khu công nghiệp tỉnh Tây Ninh ')).toBe('CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH TÂY NINH');
  });
});
