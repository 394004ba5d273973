/**
 * The officer's report written out from its figures, as a union officer would write it: the union's
 * situation, one numbered part per task group of section II of the plan (the dialogue sessions as a
 * table), the explanations given for warnings, and section III, proposals. A part without figures
 * says so in a sentence; an empty field (`null`) and a zero are told apart ("chưa có số liệu" is not
 * "không tổ chức"). Pure: the view only lays the blocks out.
 */
import { meetsUnionizationTarget, unionizationRate, UNIONIZATION_TARGET } from '../../domain/indicators';
import { FIRST_REPORT_YEAR, periodDateRange, type ReportPeriod } from '../../domain/period';
import { addressLine } from '../../domain/profile';
import type { DialogueKind, DialogueSession, ReportDocument, UnionProfile } from '../../domain/report';
import { formatCount, formatIsoDate, formatRate } from '../i18n/format';
import { vi } from '../i18n/messages';

export type BodyBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | TableBlock;

/** A table of the document: a header row repeated on every page, rows that never split, totals last. */
export interface TableBlock {
  kind: 'table';
  testId: string;
  /** `width`: the share of the page's text width, in percent (print.css has a class for each). */
  columns: { label: string; numeric?: boolean; width: 5 | 10 | 11 | 12 | 15 | 22 | 30 | 58 }[];
  rows: string[][];
  totals?: string[];
  /** Rows that are a title across the whole table (a form's section, issue 22): their one cell spans every column. */
  headingRows?: readonly number[];
}

export interface DialogueRow {
  order: string;
  date: string;
  kind: string;
  ledBy: string;
  participants: string;
  raised: string;
  resolved: string;
}
export type DialogueTotals = Pick<DialogueRow, 'participants' | 'raised' | 'resolved'>;

/** The report's summary line under `BÁO CÁO`. */
export function reportSummaryLine(period: ReportPeriod): string {
  if (period.kind === 'yearly') return `Kết quả thực hiện nhiệm vụ công tác công đoàn năm ${period.year}`;
  const span = `giai đoạn ${FIRST_REPORT_YEAR} - ${period.year}`;
  return period.kind === 'interim'
    ? `Sơ kết thực hiện nhiệm vụ công tác công đoàn ${span}`
    : `Tổng kết thực hiện nhiệm vụ công tác công đoàn ${span}`;
}

/** The day the districts ended and the communes took over their tasks (two-level local government). */
const COMMUNES_SINCE = '2025-07-01';

/**
 * A dialogue kind as an official document names it. The screen's words explain the old kind to the
 * officer ("trước đây: huyện"); a document states what the period held. The periodic dialogue of the
 * 2021 plan was with the district's People's Committee, since 1 July 2025 the commune's: a period that
 * starts after that names the commune, one that reaches back before it names neither level.
 */
export function dialogueKindInDocument(kind: DialogueKind, period: ReportPeriod): string {
  if (kind !== 'districtCommittee') return vi.dialogueKinds[kind];
  return periodDateRange(period).from >= COMMUNES_SINCE ? 'Đối thoại với UBND xã, phường, đặc khu' : 'Đối thoại với UBND địa phương';
}

/** The report's own period in running text: `năm 2025`, `giai đoạn 2021 - 2025`. */
export function periodPhrase(period: ReportPeriod): string {
  return period.kind === 'yearly' ? `năm ${period.year}` : `giai đoạn ${FIRST_REPORT_YEAR} - ${period.year}`;
}

const n = (value: number) => formatCount(value);
/** `85,3 %` with a no-break space, so the sign never starts a line of its own. */
const percent = (text: string) => text.replace(' %', '\u00a0%');
const given = (value: number | null): value is number => value != null;

/** The officer's own text, one paragraph per line they typed. */
function paragraphsOf(text: string): BodyBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line }));
}

/** The workforce, the members and the unionization rate against the 80 % target, in sentences (Plan 94's and every form's membership block). */
export function membershipBlocks(report: ReportDocument, profile: UnionProfile): BodyBlock[] {
  return situation(report, profile).slice(1);
}

function situation(report: ReportDocument, profile: UnionProfile): BodyBlock[] {
  const { workers, members, femaleMembers } = report.membership;
  // The address as it is since 1 July 2025 (commune, province); a district typed before is never printed.
  const address = addressLine(profile);
  const where = `${profile.employer?.trim() ? ` tại ${profile.employer.trim()}` : ' tại đơn vị'}${address ? ` (${address})` : ''}`;
  const blocks: BodyBlock[] = [{ kind: 'heading', text: 'I. TÌNH HÌNH CHUNG' }];
  if (!given(workers) && !given(members)) {
    blocks.push({ kind: 'paragraph', text: 'Chưa có số liệu về số công nhân, viên chức, lao động và số đoàn viên công đoàn.' });
    return blocks;
  }
  const parts: string[] = [];
  parts.push(
    given(workers)
      ? `Tổng số công nhân, viên chức, lao động${where} là ${n(workers)} người`
      : `Chưa có số liệu về tổng số công nhân, viên chức, lao động${where}`,
  );
  if (given(members)) {
    const female = given(femaleMembers) ? `, trong đó nữ ${n(femaleMembers)} người` : ' (chưa có số liệu đoàn viên nữ)';
    parts.push(`tổng số đoàn viên công đoàn là ${n(members)} người${female}`);
  } else parts.push('chưa có số liệu về số đoàn viên công đoàn');
  blocks.push({ kind: 'paragraph', text: `${parts.join('; ')}.` });

  const rate = unionizationRate(members, workers);
  const target = percent(`${formatCount(UNIONIZATION_TARGET * 100)} %`);
  if (rate == null) {
    blocks.push({ kind: 'paragraph', text: 'Chưa đủ số liệu để tính tỷ lệ tập hợp công nhân, viên chức, lao động vào tổ chức công đoàn.' });
  } else {
    const verdict = meetsUnionizationTarget(rate)
      ? `đạt chỉ tiêu từ ${target} trở lên theo kế hoạch`
      : `chưa đạt chỉ tiêu từ ${target} trở lên theo kế hoạch`;
    blocks.push({
      kind: 'paragraph',
      text: `Tỷ lệ tập hợp công nhân, viên chức, lao động vào tổ chức công đoàn là ${percent(formatRate(rate))}, ${verdict}.`,
    });
  }
  return blocks;
}

function dissemination(report: ReportDocument): BodyBlock[] {
  const { sessions, attendance } = report.dissemination;
  let text: string;
  if (!given(sessions)) text = 'Chưa có số liệu về công tác tuyên truyền, quán triệt trong kỳ báo cáo.';
  else if (sessions === 0) text = 'Trong kỳ báo cáo, công đoàn cơ sở chưa tổ chức buổi tuyên truyền, quán triệt nào.';
  else
    text = `Công đoàn cơ sở đã tổ chức ${n(sessions)} buổi tuyên truyền, quán triệt${
      given(attendance) ? ` với ${n(attendance)} lượt người tham dự` : ''
    }.`;
  return [{ kind: 'subheading', text: '1. Công tác tuyên truyền, quán triệt' }, { kind: 'paragraph', text }];
}

function studyAndFollow(report: ReportDocument): BodyBlock[] {
  const { activities, commendations, notes } = report.studyAndFollow;
  const blocks: BodyBlock[] = [
    { kind: 'subheading', text: '2. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' },
  ];
  const sentences: string[] = [];
  if (given(activities))
    sentences.push(
      activities === 0
        ? 'Trong kỳ báo cáo, chưa tổ chức hoạt động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.'
        : `Công đoàn cơ sở đã tổ chức ${n(activities)} hoạt động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.`,
    );
  if (given(commendations))
    sentences.push(
      commendations === 0
        ? 'Chưa có tập thể, cá nhân được khen thưởng trong phong trào.'
        : `Có ${n(commendations)} tập thể, cá nhân được khen thưởng.`,
    );
  if (sentences.length > 0) blocks.push({ kind: 'paragraph', text: sentences.join(' ') });
  blocks.push(...paragraphsOf(notes));
  if (blocks.length === 1)
    blocks.push({ kind: 'paragraph', text: 'Chưa có số liệu về việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong kỳ báo cáo.' });
  return blocks;
}

function officersAndMembers(report: ReportDocument): BodyBlock[] {
  const { newMembers, membersLeft } = report.membership;
  const { officersTrained } = report.officerTraining;
  const sentences: string[] = [];
  if (given(officersTrained))
    sentences.push(
      officersTrained === 0
        ? 'Trong kỳ báo cáo, chưa có cán bộ công đoàn được đào tạo, bồi dưỡng.'
        : `Đã cử ${n(officersTrained)} lượt cán bộ công đoàn tham gia đào tạo, bồi dưỡng.`,
    );
  if (given(newMembers) || given(membersLeft)) {
    const changes: string[] = [];
    if (given(newMembers)) changes.push(`kết nạp mới ${n(newMembers)} đoàn viên`);
    if (given(membersLeft)) changes.push(`${n(membersLeft)} đoàn viên ra khỏi tổ chức công đoàn`);
    sentences.push(`Qua rà soát, cập nhật số liệu đoàn viên, người lao động: ${changes.join('; ')}.`);
  }
  if (sentences.length === 0)
    sentences.push('Chưa có số liệu về đào tạo, bồi dưỡng cán bộ và rà soát, cập nhật số liệu đoàn viên trong kỳ báo cáo.');
  return [
    { kind: 'subheading', text: '3. Công tác cán bộ; rà soát, cập nhật số liệu đoàn viên, người lao động' },
    { kind: 'paragraph', text: sentences.join(' ') },
  ];
}

function partyDevelopment(report: ReportDocument): BodyBlock[] {
  const { introduced, admitted } = report.partyDevelopment;
  let text: string;
  if (!given(introduced) && !given(admitted)) text = 'Chưa có số liệu về công tác giới thiệu đoàn viên ưu tú cho Đảng trong kỳ báo cáo.';
  else if ((introduced ?? 0) === 0 && (admitted ?? 0) === 0)
    text = 'Trong kỳ báo cáo, công đoàn cơ sở chưa giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp.';
  else {
    const first = given(introduced)
      ? `Công đoàn cơ sở đã giới thiệu ${n(introduced)} đoàn viên ưu tú cho Đảng xem xét kết nạp`
      : 'Chưa có số liệu về số đoàn viên ưu tú được giới thiệu cho Đảng';
    const second = given(admitted) ? `; có ${n(admitted)} đồng chí được kết nạp vào Đảng` : '';
    text = `${first}${second}.`;
  }
  return [{ kind: 'subheading', text: '4. Giới thiệu đoàn viên ưu tú cho Đảng' }, { kind: 'paragraph', text }];
}

function inspection(report: ReportDocument): BodyBlock[] {
  const { inspections, supervisions, antiCorruptionSessions, complaintsReceived, complaintsResolved } = report.inspection;
  const sentences: string[] = [];
  if (given(inspections) || given(supervisions)) {
    const held: string[] = [];
    if (given(inspections)) held.push(`${n(inspections)} cuộc kiểm tra`);
    if (given(supervisions)) held.push(`${n(supervisions)} cuộc giám sát`);
    sentences.push(`Ủy ban kiểm tra công đoàn cơ sở đã thực hiện ${held.join(' và ')}.`);
  }
  if (given(antiCorruptionSessions))
    sentences.push(
      antiCorruptionSessions === 0
        ? 'Chưa tổ chức buổi tuyên truyền, tập huấn về phòng, chống tham nhũng, lãng phí.'
        : `Tổ chức ${n(antiCorruptionSessions)} buổi tuyên truyền, tập huấn về phòng, chống tham nhũng, lãng phí.`,
    );
  if (given(complaintsReceived))
    sentences.push(
      complaintsReceived === 0
        ? 'Trong kỳ báo cáo, không nhận được đơn khiếu nại, tố cáo.'
        : `Tiếp nhận ${n(complaintsReceived)} đơn khiếu nại, tố cáo${
            given(complaintsResolved) ? `, đã giải quyết ${n(complaintsResolved)} đơn` : ''
          }.`,
    );
  if (sentences.length === 0)
    sentences.push('Chưa có số liệu về công tác kiểm tra, giám sát và phòng, chống tham nhũng, lãng phí trong kỳ báo cáo.');
  return [
    { kind: 'subheading', text: '5. Công tác kiểm tra, giám sát; phòng, chống tham nhũng, lãng phí' },
    { kind: 'paragraph', text: sentences.join(' ') },
  ];
}

function administrativeReform(report: ReportDocument): BodyBlock[] {
  const notes = paragraphsOf(report.administrativeReform.notes);
  return [
    { kind: 'subheading', text: '6. Cải cách hành chính, ứng dụng công nghệ thông tin' },
    ...(notes.length > 0
      ? notes
      : [{ kind: 'paragraph' as const, text: 'Không có nội dung báo cáo về cải cách hành chính, ứng dụng công nghệ thông tin trong kỳ.' }]),
  ];
}

function sum(sessions: readonly DialogueSession[], pick: (s: DialogueSession) => number | null): number {
  return sessions.reduce((total, session) => total + (pick(session) ?? 0), 0);
}

export function dialogueRows(sessions: readonly DialogueSession[], period: ReportPeriod): { rows: DialogueRow[]; totals: DialogueTotals } {
  const sorted = [...sessions].sort((a, b) => (a.date === b.date ? 0 : a.date === '' ? 1 : b.date === '' ? -1 : a.date < b.date ? -1 : 1));
  return {
    rows: sorted.map((session, index) => ({
      order: String(index + 1),
      date: formatIsoDate(session.date),
      kind: dialogueKindInDocument(session.kind, period),
      ledBy: session.ledBy.trim(),
      participants: formatCount(session.participants),
      raised: formatCount(session.recommendationsRaised),
      resolved: formatCount(session.recommendationsResolved),
    })),
    totals: {
      participants: n(sum(sessions, (s) => s.participants)),
      raised: n(sum(sessions, (s) => s.recommendationsRaised)),
      resolved: n(sum(sessions, (s) => s.recommendationsResolved)),
    },
  };
}

function dialogueTable(rows: DialogueRow[], totals: DialogueTotals): TableBlock {
  return {
    kind: 'table',
    testId: 'dialogue-table',
    columns: [
      { label: 'TT', width: 5 },
      { label: 'Ngày', width: 15 },
      { label: 'Hình thức', width: 22 },
      { label: 'Người chủ trì', width: 22 },
      { label: 'Số người tham dự', numeric: true, width: 12 },
      { label: 'Kiến nghị nêu ra', numeric: true, width: 12 },
      { label: 'Đã giải quyết', numeric: true, width: 12 },
    ],
    rows: rows.map((row) => [row.order, row.date, row.kind, row.ledBy, row.participants, row.raised, row.resolved]),
    totals: ['', 'Cộng', '', '', totals.participants, totals.raised, totals.resolved],
  };
}

/** The dialogue sessions in a sentence and a table (or the sentence that there were none): Plan 94's and every form's block. */
export function dialogueBlocks(report: ReportDocument): BodyBlock[] {
  const sessions = report.dialogues;
  if (sessions.length === 0) return [{ kind: 'paragraph', text: 'Trong kỳ báo cáo, chưa tổ chức cuộc tiếp xúc, đối thoại nào.' }];
  const { rows, totals } = dialogueRows(sessions, report.period);
  return [
    {
      kind: 'paragraph',
      text: `Trong kỳ báo cáo, đã tổ chức và phối hợp tổ chức ${n(sessions.length)} cuộc tiếp xúc, đối thoại với ${totals.participants} lượt người tham dự; người lao động nêu ${totals.raised} kiến nghị, đã được giải quyết ${totals.resolved} kiến nghị (chi tiết tại bảng dưới đây).`,
    },
    dialogueTable(rows, totals),
  ];
}

function massWork(report: ReportDocument): BodyBlock[] {
  const blocks: BodyBlock[] = [
    { kind: 'subheading', text: '7. Công tác dân vận; tiếp xúc, đối thoại; thực hiện quy chế dân chủ ở cơ sở' },
    ...dialogueBlocks(report),
  ];

  const democracy = report.grassrootsDemocracy;
  blocks.push({
    kind: 'paragraph',
    text:
      democracy.workersConferenceHeld === true
        ? `Thực hiện quy chế dân chủ ở cơ sở, công đoàn cơ sở phối hợp với người sử dụng lao động tổ chức Hội nghị người lao động${
            democracy.workersConferenceDate ? ` ngày ${formatIsoDate(democracy.workersConferenceDate)}` : ''
          }.`
        : democracy.workersConferenceHeld === false
          ? 'Trong kỳ báo cáo, chưa tổ chức Hội nghị người lao động.'
          : 'Chưa có thông tin về việc tổ chức Hội nghị người lao động trong kỳ báo cáo.',
  });

  const other = report.membership.membersInOtherOrganisations;
  if (given(other))
    blocks.push({
      kind: 'paragraph',
      text:
        other === 0
          ? 'Không có đoàn viên đồng thời tham gia tổ chức khác.'
          : `Số đoàn viên đồng thời tham gia tổ chức khác: ${n(other)} người.`,
    });
  return blocks;
}

function explanations(report: ReportDocument): BodyBlock[] {
  const memberChange = paragraphsOf(report.explanations.memberChange);
  const partyAdmission = paragraphsOf(report.explanations.partyAdmission);
  if (memberChange.length === 0 && partyAdmission.length === 0) return [];
  const blocks: BodyBlock[] = [{ kind: 'subheading', text: 'Giải trình số liệu' }];
  if (memberChange.length > 0) blocks.push({ kind: 'paragraph', text: 'Về biến động số đoàn viên so với kỳ trước:' }, ...memberChange);
  if (partyAdmission.length > 0)
    blocks.push({ kind: 'paragraph', text: 'Về số đoàn viên được kết nạp vào Đảng:' }, ...partyAdmission);
  return blocks;
}

function proposals(report: ReportDocument): BodyBlock[] {
  const text = paragraphsOf(report.proposals.text);
  return [
    { kind: 'heading', text: 'III. KIẾN NGHỊ, ĐỀ XUẤT' },
    ...(text.length > 0
      ? text
      : [{ kind: 'paragraph' as const, text: 'Công đoàn cơ sở không có kiến nghị, đề xuất trong kỳ báo cáo.' }]),
  ];
}

/** The whole body, heading by heading, ending with the closing sentence. */
export function reportBody(report: ReportDocument, profile: UnionProfile): BodyBlock[] {
  const union = profile.unionName.trim() || 'công đoàn cơ sở';
  return [
    ...situation(report, profile),
    { kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ' },
    ...dissemination(report),
    ...studyAndFollow(report),
    ...officersAndMembers(report),
    ...partyDevelopment(report),
    ...inspection(report),
    ...administrativeReform(report),
    ...massWork(report),
    ...explanations(report),
    ...proposals(report),
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo kết quả thực hiện nhiệm vụ công tác công đoàn ${periodPhrase(report.period)} của ${union}./.`,
    },
  ];
}
