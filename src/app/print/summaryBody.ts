/**
 * The upper-level union's summary report of a period, written from the period overview: how many CĐCS
 * reported, the totals and the unionization rate (total members ÷ total workers) against 80 %, the CĐCS
 * under 80 %, those that have not reported, the dialogue sessions by kind, and a table with a line per CĐCS. Pure, like reportBody.
 */
import type { PeriodOverview, UnionOverview } from '../../domain/staff';
import { meetsUnionizationTarget, unionizationRate, UNIONIZATION_TARGET } from '../../domain/indicators';
import { DIALOGUE_KINDS } from '../../domain/report';
import { formatCount, formatRate } from '../i18n/format';
import { dialogueKindInDocument, type BodyBlock, type TableBlock } from './reportBody';

const percent = (text: string) => text.replace(' %', '\u00a0%');
/** A label inside a sentence: its first letter small, an abbreviation such as UBND kept. */
const lowerFirst = (label: string) => label.charAt(0).toLocaleLowerCase('vi-VN') + label.slice(1);
const target = percent(`${formatCount(UNIONIZATION_TARGET * 100)} %`);

function hasReported(union: UnionOverview): boolean {
  return union.report != null && union.standing !== 'missing' && union.standing !== 'draft';
}

function rateOf(union: UnionOverview): number | null {
  return union.report ? unionizationRate(union.report.members, union.report.workers) : null;
}

function unionsTable(unions: readonly UnionOverview[]): TableBlock {
  return {
    kind: 'table',
    testId: 'summary-table',
    columns: [
      { label: 'TT', width: 5 },
      { label: 'Mã', width: 10 },
      { label: 'Công đoàn cơ sở', width: 22 },
      // Wide enough for "CNVCLĐ" in bold on one line (at 12 % Chromium broke it as "CNVCL / Đ").
      { label: 'Số CNVCLĐ', numeric: true, width: 15 },
      { label: 'Số đoàn viên', numeric: true, width: 15 },
      { label: 'Tỷ lệ', numeric: true, width: 10 },
      { label: 'Số cuộc đối thoại', numeric: true, width: 12 },
      { label: 'Ghi chú', width: 11 },
    ],
    rows: unions.map((union, index) => {
      const reported = hasReported(union);
      const rate = rateOf(union);
      return [
        String(index + 1),
        union.code ?? '',
        union.name,
        reported ? formatCount(union.report!.workers) : '',
        reported ? formatCount(union.report!.members) : '',
        reported && rate != null ? percent(formatRate(rate)) : '',
        reported ? formatCount(union.report!.dialogueSessions) : '',
        reported ? (meetsUnionizationTarget(rate) === false ? 'Chưa đạt' : '') : 'Chưa báo cáo',
      ];
    }),
  };
}

export function summaryBody(overview: PeriodOverview, issuerName: string): BodyBlock[] {
  const s = overview.summary;
  const reported = overview.unions.filter(hasReported);
  const missing = overview.unions.filter((union) => !hasReported(union));
  const below = reported.filter((union) => meetsUnionizationTarget(rateOf(union)) === false);
  const rate = unionizationRate(s.members, s.workers);
  const dialogues = reported.reduce((sum, union) => sum + union.report!.dialogueSessions, 0);
  const byKind = DIALOGUE_KINDS.map((kind) => ({ kind, count: reported.reduce((sum, union) => sum + union.report!.dialogueSessionsByKind[kind], 0) })).filter(
    (k) => k.count > 0,
  );

  const blocks: BodyBlock[] = [
    { kind: 'heading', text: 'I. TÌNH HÌNH BÁO CÁO' },
    {
      kind: 'paragraph',
      text: `Tổng số công đoàn cơ sở trực thuộc: ${formatCount(s.unions)}; đã gửi báo cáo: ${formatCount(s.reported)}; chưa báo cáo: ${formatCount(s.notReported)}.`,
    },
    {
      kind: 'paragraph',
      text:
        missing.length === 0
          ? 'Tất cả công đoàn cơ sở đã gửi báo cáo.'
          : `Các công đoàn cơ sở chưa báo cáo: ${missing.map((union) => union.name).join('; ')}.`,
    },
    { kind: 'heading', text: 'II. KẾT QUẢ TỔNG HỢP' },
    { kind: 'subheading', text: '1. Số lượng đoàn viên, người lao động' },
    {
      kind: 'paragraph',
      text:
        rate == null
          ? 'Chưa có đủ số liệu từ các công đoàn cơ sở đã báo cáo để tính tỷ lệ tập hợp.'
          : `Tổng số công nhân, viên chức, lao động tại các công đoàn cơ sở đã báo cáo là ${formatCount(s.workers)} người; tổng số đoàn viên là ${formatCount(s.members)} người. Tỷ lệ tập hợp chung là ${percent(formatRate(rate))}, ${meetsUnionizationTarget(rate) ? 'đạt' : 'chưa đạt'} chỉ tiêu từ ${target} trở lên; có ${formatCount(s.meetingTarget)} công đoàn cơ sở đạt chỉ tiêu.`,
    },
    {
      kind: 'paragraph',
      text:
        below.length === 0
          ? `Không có công đoàn cơ sở nào có tỷ lệ tập hợp dưới ${target}.`
          : `Các công đoàn cơ sở có tỷ lệ tập hợp dưới ${target}: ${below.map((union) => `${union.name} (${percent(formatRate(rateOf(union)))})`).join('; ')}.`,
    },
    { kind: 'subheading', text: '2. Tiếp xúc, đối thoại' },
    {
      kind: 'paragraph',
      text:
        dialogues === 0
          ? 'Các công đoàn cơ sở đã báo cáo chưa tổ chức cuộc tiếp xúc, đối thoại nào.'
          : `Các công đoàn cơ sở đã tổ chức ${formatCount(dialogues)} cuộc tiếp xúc, đối thoại${
              byKind.length > 0
                ? `, trong đó: ${byKind.map((k) => `${lowerFirst(dialogueKindInDocument(k.kind, overview.period))} ${formatCount(k.count)} cuộc`).join('; ')}`
                : ''
            }.`,
    },
    { kind: 'subheading', text: '3. Số liệu của từng công đoàn cơ sở' },
    unionsTable(overview.unions),
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo tổng hợp kết quả báo cáo của các công đoàn cơ sở ${
        overview.period.kind === 'yearly' ? `năm ${overview.period.year}` : `kỳ ${overview.period.year}`
      }${issuerName.trim() ? ` của ${issuerName.trim()}` : ''}./.`,
    },
  ];
  return blocks;
}
