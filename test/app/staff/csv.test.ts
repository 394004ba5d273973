import { describe, expect, it } from 'vitest';
import { buildOverviewCsv, csvField, csvFileName, csvLabels, CSV_BOM } from '../../../src/app/staff/csv';
import { staffMessages } from '../../../src/app/staff/messages';
import { overviewTotals } from '../../../src/app/staff/overview';
import { union } from './fixtures';

const labels = csvLabels(staffMessages('vi'));

describe('the overview CSV the district passes upward', () => {
  const unions = [
    union({ name: 'CĐCS Công ty May Tây Ninh', code: 'TN-01', standing: 'sent', workers: 1000, members: 853, reportId: 'r1', dialogueSessions: 2 }),
    union({ name: 'CĐCS Trường Mầm non "Hoa Sen", Dương Minh Châu', code: null, standing: 'missing' }),
    union({ name: 'CĐCS Công ty Giày', code: 'TN-03', standing: 'returned', workers: 200, members: 150, reportId: 'r3', dialogueSessions: 0 }),
  ];
  const csv = buildOverviewCsv(unions, overviewTotals(unions), labels);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 byte-order mark so Excel reads the Vietnamese letters, and ends each line with CRLF', () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('has a Vietnamese header, one row per union and the district total', () => {
    expect(lines[0]).toBe('Công đoàn cơ sở,Mã,Số CNVCLĐ,Số đoàn viên,Tỷ lệ tập hợp,Chỉ tiêu 80 %,Tình trạng báo cáo,Số buổi đối thoại');
    expect(lines[1]).toBe('CĐCS Công ty May Tây Ninh,TN-01,1000,853,85.3,Đạt,Đã gửi,2');
    // A comma or a quote in a name is quoted (RFC 4180); a union that has not reported has empty figures.
    expect(lines[2]).toBe('"CĐCS Trường Mầm non ""Hoa Sen"", Dương Minh Châu",,,,,,Chưa báo cáo,');
    expect(lines[3]).toBe('CĐCS Công ty Giày,TN-03,200,150,75.0,Chưa đạt,Bị trả lại,0');
    // Totals: 1200 workers, 1003 members → 83,6 %.
    expect(lines[4]).toBe('Tổng cộng,,1200,1003,83.6,Đạt,,2');
    expect(lines).toHaveLength(6);
  });

  it('never lets a name run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('names the file after the period', () => {
    expect(csvFileName(2025, 'yearly')).toBe('bao-cao-cdcs-2025-yearly.csv');
  });

  it('writes English headers when the app is in English', () => {
    const english = buildOverviewCsv([], overviewTotals([]), csvLabels(staffMessages('en')));
    expect(english.slice(1).split('\r\n')[0]).toBe(
      'Grassroots union,Code,Workers,Members,Unionization rate,80 % target,Report status,Dialogue sessions',
    );
  });
});
