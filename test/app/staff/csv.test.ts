import { describe, expect, it } from 'vitest';
import { buildOverviewCsv, csvField, csvFileName, csvLabels, CSV_BOM } from '../../../src/app/staff/csv';
import { staffMessages } from '../../../src/app/staff/messages';
import { vi } from '../../../src/app/i18n/messages';
import { en } from '../../../src/app/i18n/messages.en';
import { union, UNION_COLUMNS_HEAD } from './fixtures';

const labels = csvLabels(staffMessages('vi'), vi);

/** A CSV line's fields, as RFC 4180 quotes them. */
function cells(csvLine: string): string[] {
  return [...csvLine.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) => (field!.startsWith('"') ? field!.slice(1, -1).replace(/""/g, '"') : field!));
}

describe('the overview CSV the superior passes upward', () => {
  const unions = [
    { ...union({ name: 'CĐCS Công ty May Tây Ninh', code: 'TN-01', standing: 'sent', workers: 1000, members: 853, reportId: 'r1', dialogueSessions: 2 }), superiorName: 'Công đoàn phường An Tịnh' },
    union({ name: 'CĐCS Trường Mầm non "Hoa Sen", Dương Minh Châu', code: null, standing: 'missing' }),
    union({ name: 'CĐCS Công ty Giày', code: 'TN-03', standing: 'returned', workers: 200, members: 150, reportId: 'r3', dialogueSessions: 0 }),
  ];
  const csv = buildOverviewCsv(unions, labels);
  const lines = csv.slice(1).split('\r\n');
  const header = cells(lines[0]!);
  /** The first eight fields and the sessions of a line. */
  const brief = (line: string) => [...cells(line).slice(0, 8), cells(line)[header.indexOf('Số buổi đối thoại')]];

  it('starts with a UTF-8 byte-order mark so Excel reads the Vietnamese letters, and ends each line with CRLF', () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('has a Vietnamese header with the officer form’s labels, one row per union with its superior, and the totals', () => {
    expect(header.slice(0, 8)).toEqual(UNION_COLUMNS_HEAD);
    expect(brief(lines[1]!)).toEqual(['CĐCS Công ty May Tây Ninh', 'TN-01', 'Công đoàn phường An Tịnh', 'Đã gửi', '1000', '853', '85.3', 'Đạt', '2']);
    // A comma or a quote in a name is quoted (RFC 4180); a union that has not reported has empty figures.
    expect(lines[2]!.startsWith('"CĐCS Trường Mầm non ""Hoa Sen"", Dương Minh Châu",,,Chưa báo cáo,,,,,')).toBe(true);
    expect(brief(lines[3]!)).toEqual(['CĐCS Công ty Giày', 'TN-03', '', 'Bị trả lại', '200', '150', '75.0', 'Chưa đạt', '0']);
    // Totals: 1200 workers, 1003 members → 83,6 %.
    expect(brief(lines[4]!)).toEqual(['Tổng cộng', '', '', '', '1200', '1003', '83.6', 'Đạt', '2']);
    expect(lines).toHaveLength(6);
  });

  it('says on the totals row when the filters keep only some unions, and totals those only', () => {
    const filtered = buildOverviewCsv([unions[2]!], labels, true).slice(1).split('\r\n');
    expect(brief(filtered[2]!)).toEqual(['Tổng cộng (chỉ các CĐCS theo bộ lọc)', '', '', '', '200', '150', '75.0', 'Chưa đạt', '0']);
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
    const english = buildOverviewCsv([], csvLabels(staffMessages('en'), en));
    expect(cells(english.slice(1).split('\r\n')[0]!).slice(0, 7)).toEqual(['Grassroots union', 'Code', 'Upper-level union', 'Report status', en.fields['membership.workers'], en.fields['membership.members'], 'Unionization rate']);
  });
});
