/**
 * The .xlsx workbook, written by the same function the dashboard calls and read back with
 * read-excel-file (values, types, sheet names) and by unzipping it (number formats, frozen rows,
 * column widths: what a reader of values does not show).
 */
import readXlsxFile from 'read-excel-file/node';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvLabels } from '../../../../src/app/staff/csv';
import { staffMessages } from '../../../../src/app/staff/messages';
import { overviewTotals } from '../../../../src/app/staff/overview';
import { buildWorkbook, RATE_FORMAT, workbookFileName, workbookLabels } from '../../../../src/app/staff/export/workbook';
import { vi } from '../../../../src/app/i18n/messages';
import { periodOverview, UNION_COLUMNS_HEAD } from '../fixtures';

const overview = periodOverview();
const labels = workbookLabels(csvLabels(staffMessages('vi'), vi), vi.dialogueKinds);
let bytes: Buffer;
let sheets: { sheet: string; data: unknown[][] }[];
let files: Record<string, string>;

beforeAll(async () => {
  const blob = await buildWorkbook({ unions: overview.unions, filtered: false, scope: 'Tất cả CĐCS thuộc LĐLĐ tỉnh Tây Ninh' }, 'Báo cáo năm 2025', labels);
  bytes = Buffer.from(await blob.arrayBuffer());
  sheets = (await readXlsxFile(bytes)) as { sheet: string; data: unknown[][] }[];
  files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, content]) => [name, strFromU8(content)]));
});

const sheet = (name: string) => sheets.find((s) => s.sheet === name)!.data;

/** The style index of a cell (`s="…"`), and the number format that style applies. */
function formatOf(sheetFile: string, ref: string): string | null {
  const cell = new RegExp(`<c r="${ref}"[^>]*?(?: s="(\\d+)")?[^>]*?>`).exec(files[sheetFile]!);
  const style = cell?.[0].match(/ s="(\d+)"/)?.[1];
  if (style == null) return null;
  const xfs = [...files['xl/styles.xml']!.replace(/[\s\S]*<cellXfs[^>]*>/, '').replace(/<\/cellXfs>[\s\S]*/, '').matchAll(/<xf [^>]*>/g)];
  const numFmtId = xfs[Number(style)]?.[0].match(/numFmtId="(\d+)"/)?.[1];
  const custom = new RegExp(`<numFmt numFmtId="${numFmtId}" formatCode="([^"]+)"`).exec(files['xl/styles.xml']!);
  return custom?.[1] ?? `builtin:${numFmtId}`;
}

describe('the period workbook', () => {
  it('has the summary, one line per CĐCS and the dialogue sessions, with Vietnamese names and headers', () => {
    expect(sheets.map((s) => s.sheet)).toEqual(['Tổng hợp', 'Các CĐCS', 'Đối thoại']);
    expect(sheet('Các CĐCS')[0]?.slice(0, 9)).toEqual([...UNION_COLUMNS_HEAD, 'Trong đó: đoàn viên nữ']);
    expect(sheet('Đối thoại')[0]).toEqual(['Mã', 'Công đoàn cơ sở', 'Tổng số cuộc', 'Đối thoại định kỳ tại nơi làm việc', 'Đối thoại với UBND xã, phường (trước đây: huyện)', 'Tiếp xúc với lãnh đạo cấp ủy, chính quyền', 'Hội nghị người lao động', 'Khác']);
    expect(workbookFileName(2025, 'yearly')).toBe('bao-cao-cdcs-2025-yearly.xlsx');
  });

  it('writes one line per CĐCS with numbers as numbers, rates as fractions and codes as text', () => {
    const rows = sheet('Các CĐCS');
    expect(rows).toHaveLength(1 + overview.unions.length + 1);
    const sessions = rows[0]!.indexOf('Số buổi đối thoại');
    expect(rows[1]?.slice(0, 8)).toEqual(['CĐCS Công ty May Tây Ninh', '007', null, 'Đã chấp nhận', 1000, 848, 0.848, 'Đạt']);
    expect(rows[1]?.[sessions]).toBe(3);
    expect(rows[2]?.slice(0, 8)).toEqual(['CĐCS Công ty Giày Hòa Thành', '012', null, 'Đã gửi', 500, 350, 0.7, 'Chưa đạt']);
    expect(rows[3]?.[1]).toBe('0031');
    expect(rows[4]?.slice(0, 2)).toEqual(['CĐCS Công ty Gỗ Tân Biên', null]);
    expect(rows[4]?.slice(4, 8)).toEqual([null, null, null, null]);
  });

  it('totals the CĐCS sheet as the dashboard does, and the summary as the server does', () => {
    const totals = overviewTotals(overview.unions);
    const total = sheet('Các CĐCS').at(-1)!;
    expect(total[0]).toBe('Tổng cộng');
    expect(total.slice(4, 7)).toEqual([totals.workers, totals.members, totals.rate]);
    expect(total[sheet('Các CĐCS')[0]!.indexOf('Số buổi đối thoại')]).toBe(totals.dialogues);

    const summary = new Map(sheet('Tổng hợp').slice(1).map((row) => [String(row[0]).trim(), row[1]]));
    const s = overview.summary;
    expect(summary.get('Kỳ báo cáo')).toBe('Báo cáo năm 2025');
    expect(summary.get('Số công đoàn cơ sở')).toBe(s.unions);
    expect(summary.get('Đã báo cáo')).toBe(s.reported);
    expect(summary.get('Chưa báo cáo')).toBe(s.notReported);
    expect(summary.get('Phạm vi')).toBe('Tất cả CĐCS thuộc LĐLĐ tỉnh Tây Ninh');
    expect(summary.get('Số công nhân, viên chức, lao động')).toBe(s.workers);
    expect(summary.get('Số đoàn viên')).toBe(s.members);
    expect(summary.get('Tỷ lệ tập hợp')).toBeCloseTo(s.members / s.workers, 12);
    expect(summary.get('Số CĐCS đạt chỉ tiêu 80 %')).toBe(s.meetingTarget);
    expect(summary.get('Số CĐCS dưới 80 %')).toBe(1);
    expect(summary.get('Số buổi đối thoại')).toBe(4);
    expect(summary.get('Số buổi đối thoại: Đối thoại định kỳ tại nơi làm việc')).toBe(2);
    expect(summary.get('Số buổi đối thoại: Hội nghị người lao động')).toBe(1);
    expect(summary.get('Số buổi đối thoại: Khác')).toBe(0);
  });

  it('counts dialogue sessions by kind per CĐCS', () => {
    const rows = sheet('Đối thoại');
    expect(rows).toHaveLength(1 + 3);
    expect(rows[1]).toEqual(['007', 'CĐCS Công ty May Tây Ninh', 3, 2, 1, 0, 0, 0]);
  });

  it('formats rates as percentages with one decimal, freezes the header row and sets column widths', () => {
    const unionsSheet = 'xl/worksheets/sheet2.xml';
    expect(formatOf(unionsSheet, 'G2')).toBe(RATE_FORMAT);
    // The summary's rate: its row follows the period, scope, 7 counts, workers and members.
    expect(sheet('Tổng hợp')[12]?.[0]).toBe('Tỷ lệ tập hợp');
    expect(formatOf('xl/worksheets/sheet1.xml', 'B13')).toBe(RATE_FORMAT);
    // Codes are strings, not numbers (so 007 never reads 7).
    expect(files[unionsSheet]).toMatch(/<c r="B2"[^>]*t="(s|inlineStr|str)"/);
    for (const name of ['sheet1', 'sheet2', 'sheet3']) {
      const xml = files[`xl/worksheets/${name}.xml`]!;
      expect(xml, name).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(xml, name).toMatch(/<col [^>]*width="\d+/);
    }
  });
});
