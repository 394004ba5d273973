/**
 * Every figure of a report filled in every section reaches both exports (issue 21): the CSV read as
 * text and the workbook read back with read-excel-file, each figure under the officer form's own label,
 * in the form's order, with the CĐCS's upper-level union; and the totals count only the rows listed.
 */
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { buildOverviewCsv, csvLabels } from '../../../../src/app/staff/csv';
import { buildWorkbook, workbookLabels } from '../../../../src/app/staff/export/workbook';
import { staffMessages } from '../../../../src/app/staff/messages';
import { vi } from '../../../../src/app/i18n/messages';
import { DIALOGUE_KINDS } from '../../../../src/domain/report';
import { YES_NO_FIGURE_FIELDS } from '../../../../src/domain/reportFigures';
import { FILLED_DIALOGUES, FILLED_FIELDS, filledLine, filledValue } from '../filledReport';
import { union } from '../fixtures';

const labels = csvLabels(staffMessages('vi'), vi);
const line = filledLine();
const other = union({ name: 'CĐCS Trường Tiểu học Lộc Hưng', code: '0043', standing: 'missing' });

/** Every figure's column label and the value the filled report puts in it (as a number, or 'Có'). */
function expectedFigures(): [string, number | string][] {
  const fields = FILLED_FIELDS.map((path): [string, number | string] => [vi.fields[path]!, YES_NO_FIGURE_FIELDS.includes(path) ? 'Có' : filledValue(path)]);
  // In the form's order: membership, the dialogue sessions, then the other sections.
  return [
    ...fields.filter(([label]) => FILLED_FIELDS.some((path) => path.startsWith('membership.') && vi.fields[path] === label)),
    ['Số buổi đối thoại', FILLED_DIALOGUES.sessions],
    ...DIALOGUE_KINDS.map((kind): [string, number] => [`Số buổi đối thoại: ${vi.dialogueKinds[kind]}`, FILLED_DIALOGUES.byKind[kind]]),
    ['Số buổi đối thoại: Số người tham dự', FILLED_DIALOGUES.participants],
    ['Số buổi đối thoại: Số kiến nghị nêu ra', FILLED_DIALOGUES.recommendationsRaised],
    ['Số buổi đối thoại: Số kiến nghị đã giải quyết', FILLED_DIALOGUES.recommendationsResolved],
    ...fields.filter(([label]) => !FILLED_FIELDS.some((path) => path.startsWith('membership.') && vi.fields[path] === label)),
  ];
}

/** A CSV line's fields, as RFC 4180 quotes them (a label such as 'Số công nhân, viên chức, lao động' is quoted). */
function cells(csvLine: string): string[] {
  return [...csvLine.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) => (field!.startsWith('"') ? field!.slice(1, -1).replace(/""/g, '"') : field!));
}

describe('the exports of a report filled in every section', () => {
  it('the CSV holds every figure under the form’s label, the superior, and the rate as a percentage', () => {
    const lines = buildOverviewCsv([line, other], labels).slice(1).split('\r\n');
    const header = cells(lines[0]!);
    const row = cells(lines[1]!);
    expect(header.slice(0, 4)).toEqual(['Công đoàn cơ sở', 'Mã', 'Công đoàn cấp trên', 'Tình trạng báo cáo']);
    expect(row.slice(0, 4)).toEqual(['CĐCS Công ty Điện tử Trảng Bàng', '0042', 'Công đoàn phường An Tịnh', 'Đã gửi']);
    for (const [label, value] of expectedFigures()) {
      const column = header.indexOf(label);
      expect(column, label).toBeGreaterThan(3);
      expect(row[column], label).toBe(String(value));
    }
    expect(row[header.indexOf('Tỷ lệ tập hợp')]).toBe('82.0');
    // The form's order: membership, then dialogues, then the other sections.
    const order = expectedFigures().map(([label]) => header.indexOf(label));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order).toHaveLength(FILLED_FIELDS.length + 9);
    // The totals add the CĐCS that reported only; the one that has not adds nothing.
    const total = cells(lines[3]!);
    expect(total[0]).toBe('Tổng cộng');
    for (const [label, value] of expectedFigures()) expect(total[header.indexOf(label)], label).toBe(String(value === 'Có' ? 1 : value));
  });

  it('the workbook holds every figure as a number, the superior, and totals only over the rows listed, saying so', async () => {
    const scope = 'Chỉ 1 CĐCS thuộc LĐLĐ tỉnh Tây Ninh theo bộ lọc đang chọn; các số tổng chỉ tính các CĐCS này';
    const blob = await buildWorkbook({ unions: [line], filtered: true, scope }, 'Báo cáo năm 2025', workbookLabels(labels, vi.dialogueKinds));
    const sheets = (await readXlsxFile(Buffer.from(await blob.arrayBuffer()))) as { sheet: string; data: unknown[][] }[];
    const unions = sheets.find((each) => each.sheet === 'Các CĐCS')!.data;
    const [header, row, total] = unions as [string[], unknown[], unknown[]];
    expect(unions).toHaveLength(3);
    expect(row.slice(0, 4)).toEqual(['CĐCS Công ty Điện tử Trảng Bàng', '0042', 'Công đoàn phường An Tịnh', 'Đã gửi']);
    expect(row[header.indexOf('Tỷ lệ tập hợp')]).toBe(0.82);
    for (const [label, value] of expectedFigures()) {
      expect(row[header.indexOf(label)], label).toBe(value);
      expect(total[header.indexOf(label)], label).toBe(value === 'Có' ? 1 : value);
    }
    expect(total[0]).toBe('Tổng cộng (chỉ các CĐCS theo bộ lọc)');

    const summary = new Map(sheets.find((each) => each.sheet === 'Tổng hợp')!.data.slice(1).map((each) => [String(each[0]), each[1]]));
    expect(summary.get('Phạm vi')).toBe(scope);
    expect(summary.get('Số công đoàn cơ sở')).toBe(1);
    for (const [label, value] of expectedFigures()) expect(summary.get(label), label).toBe(value === 'Có' ? 1 : value);
  });
});
