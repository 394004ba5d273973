import { describe, expect, it } from 'vitest';
import { dialogueRows, reportBody, reportSummaryLine, type BodyBlock, type TableBlock } from '../../../src/app/print/reportBody';
import { emptyReport } from '../../../src/domain/report';
import { filledReport, fullProfile, numberedSession } from '../../domain/fixtures';

const texts = (blocks: BodyBlock[]) => blocks.filter((b) => b.kind !== 'table').map((b) => (b as { text: string }).text);
const headings = (blocks: BodyBlock[]) => blocks.filter((b) => b.kind === 'heading' || b.kind === 'subheading').map((b) => (b as { text: string }).text);
const whole = (blocks: BodyBlock[]) => texts(blocks).join('\n');

describe('the report written out from its figures', () => {
  it('names the period in the summary line', () => {
    expect(reportSummaryLine({ year: 2025, kind: 'yearly' })).toBe('Kết quả thực hiện nhiệm vụ công tác công đoàn năm 2025');
    expect(reportSummaryLine({ year: 2022, kind: 'interim' })).toBe('Sơ kết thực hiện nhiệm vụ công tác công đoàn giai đoạn 2021 - 2022');
    expect(reportSummaryLine({ year: 2025, kind: 'final' })).toBe('Tổng kết thực hiện nhiệm vụ công tác công đoàn giai đoạn 2021 - 2025');
  });

  it('has a part for the situation, one per task group of section II, and section III, in the plan’s order', () => {
    expect(headings(reportBody(filledReport(), fullProfile()))).toEqual([
      'I. TÌNH HÌNH CHUNG',
      'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
      '1. Công tác tuyên truyền, quán triệt',
      '2. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
      '3. Công tác cán bộ; rà soát, cập nhật số liệu đoàn viên, người lao động',
      '4. Giới thiệu đoàn viên ưu tú cho Đảng',
      '5. Công tác kiểm tra, giám sát; phòng, chống tham nhũng, lãng phí',
      '6. Cải cách hành chính, ứng dụng công nghệ thông tin',
      '7. Công tác dân vận; tiếp xúc, đối thoại; thực hiện quy chế dân chủ ở cơ sở',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
  });

  it('writes the figures as a Vietnamese reader reads them, with the rate against 80 %', () => {
    const text = whole(reportBody(filledReport(), fullProfile()));
    expect(text).toContain('Tổng số công nhân, viên chức, lao động tại Công ty TNHH May Tây Ninh (xã Cầu Khởi, tỉnh Tây Ninh) là 1.234 người');
    expect(text).toContain('tổng số đoàn viên công đoàn là 1.053 người, trong đó nữ 612 người.');
    expect(text).toContain('là 85,3\u00a0%, đạt chỉ tiêu từ 80\u00a0% trở lên theo kế hoạch.');
    expect(text).toContain('6 buổi tuyên truyền, quán triệt với 2.350 lượt người tham dự.');
    expect(text).toContain('kết nạp mới 87 đoàn viên; 45 đoàn viên ra khỏi tổ chức công đoàn.');
    expect(text).toContain('tổ chức Hội nghị người lao động ngày 18/01/2025.');
    expect(text).toMatch(/Trên đây là báo cáo kết quả thực hiện nhiệm vụ công tác công đoàn năm 2025 của Công đoàn cơ sở Công ty TNHH May Tây Ninh\.\/\.$/);
  });

  it('says “chưa đạt” under 80 % and rounds as the screen does (79,96 % reads 80,0 % and đạt)', () => {
    const under = filledReport((r) => (r.membership = { ...r.membership, workers: 1000, members: 653, femaleMembers: 300, newMembers: 10 }));
    expect(whole(reportBody(under, fullProfile()))).toContain('là 65,3\u00a0%, chưa đạt chỉ tiêu');
    const edge = filledReport((r) => (r.membership = { ...r.membership, workers: 10000, members: 7996, femaleMembers: 300, newMembers: 10 }));
    expect(whole(reportBody(edge, fullProfile()))).toContain('là 80,0\u00a0%, đạt chỉ tiêu');
  });

  it('says in a sentence what an empty report lacks, and tells “no figure” from “none held”', () => {
    const empty = emptyReport('0b7c2f4e-3d1a-4c5b-9e8f-7a6b5c4d3e2f', { year: 2025, kind: 'yearly' }, '2025-01-01T00:00:00.000Z');
    const blocks = reportBody(empty, fullProfile());
    const text = whole(blocks);
    expect(blocks.some((b) => b.kind === 'table')).toBe(false);
    expect(text).toContain('Chưa có số liệu về số công nhân, viên chức, lao động và số đoàn viên công đoàn.');
    expect(text).toContain('Chưa có số liệu về công tác tuyên truyền, quán triệt trong kỳ báo cáo.');
    expect(text).toContain('Trong kỳ báo cáo, chưa tổ chức cuộc tiếp xúc, đối thoại nào.');
    expect(text).toContain('Chưa có thông tin về việc tổ chức Hội nghị người lao động trong kỳ báo cáo.');
    expect(text).toContain('Công đoàn cơ sở không có kiến nghị, đề xuất trong kỳ báo cáo.');
    for (const paragraph of texts(blocks)) expect(paragraph.trim()).not.toBe('');

    const zeros = filledReport((r) => {
      r.dissemination = { sessions: 0, attendance: 0 };
      r.grassrootsDemocracy = { workersConferenceHeld: false, workersConferenceDate: '' };
    });
    const zeroText = whole(reportBody(zeros, fullProfile()));
    expect(zeroText).toContain('Trong kỳ báo cáo, công đoàn cơ sở chưa tổ chức buổi tuyên truyền, quán triệt nào.');
    expect(zeroText).toContain('Trong kỳ báo cáo, chưa tổ chức Hội nghị người lao động.');
  });

  it('prints the explanations the officer gave for warnings, and nothing when there are none', () => {
    expect(headings(reportBody(filledReport(), fullProfile()))).not.toContain('Giải trình số liệu');
    const explained = filledReport((r) => (r.explanations = { memberChange: 'Công ty tuyển thêm 300 lao động.', partyAdmission: '' }));
    const blocks = reportBody(explained, fullProfile());
    const at = texts(blocks).indexOf('Giải trình số liệu');
    expect(at).toBeGreaterThan(texts(blocks).indexOf('7. Công tác dân vận; tiếp xúc, đối thoại; thực hiện quy chế dân chủ ở cơ sở'));
    expect(at).toBeLessThan(texts(blocks).indexOf('III. KIẾN NGHỊ, ĐỀ XUẤT'));
    expect(texts(blocks)).toContain('Công ty tuyển thêm 300 lao động.');
  });

  it('sets the dialogue sessions out as a table, by date, with totals', () => {
    const report = filledReport((r) => {
      r.dialogues = [
        numberedSession(0, { date: '2025-09-01', participants: 1200, recommendationsRaised: 10, recommendationsResolved: 8, ledBy: 'Giám đốc' }),
        numberedSession(1, { date: '2025-02-03', participants: null, recommendationsRaised: 2, recommendationsResolved: 1, kind: 'districtCommittee' }),
      ];
    });
    const table = reportBody(report, fullProfile()).find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.columns.map((c) => c.label)).toEqual(['TT', 'Ngày', 'Hình thức', 'Người chủ trì', 'Số người tham dự', 'Kiến nghị nêu ra', 'Đã giải quyết']);
    expect(table.rows).toEqual([
      ['1', '03/02/2025', 'Đối thoại với UBND địa phương', 'Chủ trì 2', '', '2', '1'],
      ['2', '01/09/2025', 'Đối thoại định kỳ tại nơi làm việc', 'Giám đốc', '1.200', '10', '8'],
    ]);
    expect(table.totals).toEqual(['', 'Cộng', '', '', '1.200', '12', '9']);
    expect(table.columns.reduce((sum, c) => sum + c.width, 0)).toBe(100);
    expect(dialogueRows([], { year: 2025, kind: 'yearly' }).totals).toEqual({ participants: '0', raised: '0', resolved: '0' });
  });

  it('names the address as it is since 1 July 2025, and never the district a profile kept from before', () => {
    const text = whole(reportBody(filledReport(), fullProfile()));
    expect(fullProfile().district).toBe('Dương Minh Châu');
    expect(text).not.toContain('Dương Minh Châu');
    expect(text).not.toMatch(/huyện/i);
    // Only what the officer gave: the commune alone, or no address at all.
    expect(whole(reportBody(filledReport(), fullProfile({ province: '' })))).toContain('tại Công ty TNHH May Tây Ninh (xã Cầu Khởi) là');
    expect(whole(reportBody(filledReport(), fullProfile({ commune: undefined, province: undefined })))).toContain('tại Công ty TNHH May Tây Ninh là');
    expect(whole(reportBody(filledReport(), fullProfile({ employer: '' })))).toContain('tại đơn vị (xã Cầu Khởi, tỉnh Tây Ninh) là');
  });

  it('names the periodic dialogue with the People’s Committee for the period: the commune’s after 1 July 2025, no level before', () => {
    const sessions = (year: number) => [numberedSession(0, { date: `${year}-09-01`, kind: 'districtCommittee' })];
    const kindIn = (year: number, kind: 'yearly' | 'interim' | 'final') =>
      dialogueRows(sessions(year), { year, kind }).rows[0]!.kind;
    expect(kindIn(2026, 'yearly')).toBe('Đối thoại với UBND xã, phường, đặc khu');
    expect(kindIn(2028, 'interim')).toBe('Đối thoại với UBND xã, phường, đặc khu');
    // 2025 began with the districts; a review of 2021–2025 reaches back to them.
    expect(kindIn(2025, 'yearly')).toBe('Đối thoại với UBND địa phương');
    expect(kindIn(2025, 'final')).toBe('Đối thoại với UBND địa phương');
    expect(kindIn(2023, 'yearly')).toBe('Đối thoại với UBND địa phương');
    expect(dialogueRows([numberedSession(1, { kind: 'workplace' })], { year: 2026, kind: 'yearly' }).rows[0]!.kind).toBe('Đối thoại định kỳ tại nơi làm việc');
  });
});
