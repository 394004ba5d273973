/**
 * The app's own texts (what the officer's list and editor show, and the labels other rooms share):
 * Vietnamese here, in the entry bundle; English in `messages.en.ts`, loaded the first time it is chosen.
 * The profile, backup and settings screens keep theirs in their own chunks (`features/<room>/messages.ts`).
 */
import type { IssueCode } from '../../domain/validation';
import type { Language } from './language';

type IssueParams = Record<string, number | string>;

export const vi = {
  appTitle: 'Báo cáo CĐCS',
  nav: { reports: 'Báo cáo', profile: 'Hồ sơ', backup: 'Sao lưu', settings: 'Cài đặt', main: 'Mục chính' },
  common: {
    cancel: 'Huỷ',
    back: 'Quay lại',
    next: 'Phần sau',
    previous: 'Phần trước',
    loading: 'Đang mở…',
    yes: 'Có',
    no: 'Không',
    notAnswered: 'Chưa trả lời',
    optional: '(không bắt buộc)',
    datePlaceholder: 'dd/mm/yyyy',
    dateInvalid: 'Ngày chưa đúng: nhập ngày/tháng/năm, ví dụ 05/12/2026.',
  },
  periodKinds: { yearly: 'Báo cáo năm', interim: 'Sơ kết 3 năm', final: 'Tổng kết' },
  periodLabel: (year: number, kind: 'yearly' | 'interim' | 'final') =>
    kind === 'yearly' ? `Báo cáo năm ${year}` : kind === 'interim' ? `Sơ kết 3 năm (${year})` : `Tổng kết (${year})`,
  status: { draft: 'Bản nháp', ready: 'Sẵn sàng gửi' },
  sectors: {
    public: 'Khu vực nhà nước',
    private: 'Khu vực ngoài nhà nước',
    foreign: 'Doanh nghiệp có vốn đầu tư nước ngoài',
  },
  dialogueKinds: {
    workplace: 'Đối thoại định kỳ tại nơi làm việc',
    // The periodic dialogue of the 2021 plan (II.7) was with the district's People's Committee; since 1 July 2025
    // the commune or ward holds it. Old reports keep the same kind.
    districtCommittee: 'Đối thoại với UBND xã, phường (trước đây: huyện)',
    partyGovernmentLeaders: 'Tiếp xúc với lãnh đạo cấp ủy, chính quyền',
    workersConference: 'Hội nghị người lao động',
    other: 'Khác',
  },
  profile: {
    setupPrompt: 'Chưa có hồ sơ công đoàn.',
    setupLink: 'Thiết lập hồ sơ',
  },
  list: {
    title: 'Các báo cáo',
    empty: 'Chưa có báo cáo nào. Hãy tạo báo cáo đầu tiên bên dưới.',
    lastEdited: (when: string) => `Sửa lần cuối: ${when}`,
    createTitle: 'Tạo báo cáo mới',
    year: 'Năm',
    kind: 'Loại báo cáo',
    fromPrevious: 'Lấy số liệu kỳ trước (lao động, đoàn viên)',
    noPrevious: (year: number) => `Chưa có báo cáo năm ${year} trên máy này để lấy số liệu.`,
    create: 'Tạo báo cáo',
    periodTaken: 'Kỳ này đã có báo cáo. Mở báo cáo đó để sửa.',
    openExisting: 'Mở báo cáo đã có',
    delete: 'Xoá',
    deleteConfirm: (label: string) => `Xoá “${label}”? Số liệu trên máy này sẽ mất và không lấy lại được.`,
    deleteYes: 'Xoá hẳn',
    rate: (rate: string) => `Tỷ lệ tập hợp: ${rate}`,
    deadline: (date: string, days: number) =>
      days > 0 ? `Hạn nộp ${date} (còn ${days} ngày)` : days === 0 ? `Hạn nộp hôm nay (${date})` : `Quá hạn ${-days} ngày (${date})`,
  },
  editor: {
    sections: {
      membership: 'Đoàn viên và lao động',
      dialogues: 'Đối thoại, tiếp xúc',
      dissemination: 'Tuyên truyền',
      studyAndFollow: 'Học tập và làm theo Bác',
      officerTraining: 'Đào tạo cán bộ',
      partyDevelopment: 'Giới thiệu đoàn viên cho Đảng',
      inspection: 'Kiểm tra, giám sát',
      grassrootsDemocracy: 'Dân chủ cơ sở',
      administrativeReform: 'Cải cách hành chính',
      proposals: 'Kiến nghị, đề xuất',
      review: 'Kiểm tra và gửi',
    },
    progress: (index: number, total: number) => `Phần ${index}/${total}`,
    sectionList: 'Các phần của báo cáo',
    hasErrors: 'có lỗi',
    saving: 'Đang lưu…',
    savedAt: (time: string) => `Đã lưu lúc ${time}`,
    notSavedYet: 'Tự động lưu khi nhập',
    saveFailed: 'Chưa lưu được thay đổi. Số liệu vẫn còn trên màn hình; hệ thống sẽ thử lại.',
    storageFull: 'Bộ nhớ máy đã đầy: thay đổi mới chưa được lưu. Hãy sao lưu rồi giải phóng bộ nhớ.',
    closedForUpgrade: 'Ứng dụng đã được cập nhật ở thẻ khác. Hãy tải lại trang để tiếp tục.',
    notFound: 'Không tìm thấy báo cáo này trên máy.',
    backToList: 'Về danh sách báo cáo',
    rateLabel: 'Tỷ lệ tập hợp CNLĐ vào công đoàn',
    rateTarget: 'Chỉ tiêu: từ 80 % trở lên',
    rateMet: 'Đạt',
    rateNotMet: 'Chưa đạt',
    rateNone: 'Nhập số lao động và số đoàn viên để tính tỷ lệ.',
    explanation: 'Giải thích',
    explanationHint: 'Cảnh báo này không ngăn gửi báo cáo, nhưng công đoàn cấp trên cần lời giải thích.',
    markReady: 'Đánh dấu sẵn sàng gửi',
    markReadyBlocked: 'Chưa gửi được vì còn lỗi:',
    markReadyDone: 'Báo cáo đã sẵn sàng gửi.',
    readyBanner: 'Báo cáo đã được đánh dấu sẵn sàng gửi. Muốn sửa, hãy mở lại thành bản nháp.',
    reopen: 'Mở lại để sửa',
    acceptedBanner: 'Báo cáo đã được công đoàn cấp trên chấp nhận; không sửa được nữa.',
    errorsTitle: 'Lỗi cần sửa',
    warningsTitle: 'Cảnh báo cần giải thích',
    noIssues: 'Không còn lỗi.',
    goToField: 'Sửa',
    explained: 'đã giải thích',
    notExplained: 'chưa giải thích',
    fieldIn: (field: string, section: string) => `${field} (${section})`,
    previousFigure: (period: string, value: string) => `${period}: ${value}`,
  },
  fields: {
    'membership.workers': 'Số công nhân, viên chức, lao động',
    'membership.members': 'Số đoàn viên',
    'membership.femaleMembers': 'Trong đó: đoàn viên nữ',
    'membership.newMembers': 'Đoàn viên kết nạp mới trong kỳ',
    'membership.membersLeft': 'Đoàn viên ra khỏi tổ chức trong kỳ',
    'membership.membersInOtherOrganisations': 'Đoàn viên đồng thời tham gia tổ chức khác',
    'dissemination.sessions': 'Số buổi tuyên truyền, quán triệt',
    'dissemination.attendance': 'Số lượt người tham dự',
    'studyAndFollow.activities': 'Số hoạt động học tập và làm theo',
    'studyAndFollow.commendations': 'Số tập thể, cá nhân được khen thưởng',
    'studyAndFollow.notes': 'Kết quả nổi bật',
    'officerTraining.officersTrained': 'Số cán bộ công đoàn được đào tạo, bồi dưỡng',
    'partyDevelopment.introduced': 'Số đoàn viên ưu tú giới thiệu cho Đảng',
    'partyDevelopment.admitted': 'Số được kết nạp Đảng',
    'inspection.inspections': 'Số cuộc kiểm tra',
    'inspection.supervisions': 'Số cuộc giám sát',
    'inspection.antiCorruptionSessions': 'Số buổi tuyên truyền phòng, chống tham nhũng, lãng phí',
    'inspection.complaintsReceived': 'Số đơn khiếu nại, tố cáo nhận được',
    'inspection.complaintsResolved': 'Số đơn đã giải quyết',
    'grassrootsDemocracy.workersConferenceHeld': 'Đã tổ chức hội nghị người lao động?',
    'grassrootsDemocracy.workersConferenceDate': 'Ngày tổ chức hội nghị',
    'administrativeReform.notes': 'Cải cách hành chính, ứng dụng công nghệ thông tin',
    'proposals.text': 'Kiến nghị, đề xuất với công đoàn cấp trên',
    'explanations.memberChange': 'Giải thích sự thay đổi số đoàn viên',
    'explanations.partyAdmission': 'Giải thích số được kết nạp Đảng',
  } as Record<string, string>,
  dialogues: {
    intro: 'Các buổi đối thoại, tiếp xúc giữa người đứng đầu cấp ủy, chính quyền, người sử dụng lao động với công đoàn và người lao động.',
    empty: 'Chưa có buổi đối thoại nào.',
    add: 'Thêm buổi đối thoại',
    session: (n: number) => `Buổi ${n}`,
    remove: 'Xoá buổi này',
    removeConfirm: 'Xoá buổi đối thoại này?',
    removeYes: 'Xoá',
    count: (n: number) => `${n} buổi`,
    date: 'Ngày',
    kind: 'Hình thức',
    ledBy: 'Người chủ trì',
    participants: 'Số người tham dự',
    recommendationsRaised: 'Số kiến nghị nêu ra',
    recommendationsResolved: 'Số kiến nghị đã giải quyết',
    notes: 'Ghi chú',
  },
  issues: {
    required: () => 'Cần nhập mục này.',
    negative: () => 'Số không được âm.',
    notWholeNumber: () => 'Phải là số nguyên.',
    membersAboveWorkers: () => 'Số đoàn viên lớn hơn số lao động.',
    femaleAboveMembers: () => 'Số đoàn viên nữ lớn hơn tổng số đoàn viên.',
    otherOrganisationsAboveMembers: () => 'Số đoàn viên tham gia tổ chức khác lớn hơn tổng số đoàn viên.',
    newMembersAboveMembers: () => 'Số đoàn viên kết nạp mới lớn hơn tổng số đoàn viên.',
    resolvedAboveRaised: () => 'Số kiến nghị đã giải quyết lớn hơn số kiến nghị nêu ra.',
    complaintsResolvedAboveReceived: () => 'Số đơn đã giải quyết lớn hơn số đơn nhận được.',
    dateOutsidePeriod: (p: IssueParams) => `Ngày nằm ngoài kỳ báo cáo (${p.from} – ${p.to}).`,
    conferenceDateMissing: () => 'Đã tổ chức hội nghị người lao động: cần nhập ngày tổ chức.',
    admittedAboveIntroduced: () =>
      'Số được kết nạp Đảng nhiều hơn số được giới thiệu. Nếu có người được giới thiệu từ kỳ trước, hãy giải thích.',
    memberChangeLarge: (p: IssueParams) =>
      `Số đoàn viên ${p.direction === 'up' ? 'tăng' : 'giảm'} ${p.percent} so với kỳ trước (${p.previous}). Hãy giải thích để không tái “ảo”.`,
  } satisfies Record<IssueCode, (params: IssueParams) => string>,
  unparseable: 'Không đọc được số. Chỉ nhập chữ số, ví dụ 1.234.',
  rounds: {
    dueTitle: 'Cần báo cáo',
    to: (name: string) => `Gửi ${name}`,
    plan: (plan: string) => `Theo ${plan}`,
    activities: (from: string, to: string) => `Hoạt động từ ${from} đến ${to}`,
    create: 'Lập báo cáo',
    open: 'Mở báo cáo',
    closed: (date: string) => `Kỳ báo cáo đã khoá ngày ${date}.`,
    reopenedUntil: (date: string) => `Công đoàn cấp trên đã mở lại kỳ báo cáo cho công đoàn mình đến ${date}.`,
    closedExplain:
      'Báo cáo vẫn lưu trên máy nhưng không gửi được nữa. Nếu cần gửi, hãy đề nghị công đoàn cấp trên mở lại kỳ báo cáo cho công đoàn mình.',
  },
  /** Report forms on the officer's list (issue 22; the editor's own texts: features/reports/formMessages.ts). */
  forms: {
    formOf: (title: string) => `Mẫu báo cáo: ${title}`,
  },
  db: {
    versionchange: 'Ứng dụng vừa được cập nhật ở một thẻ khác. Số liệu đã lưu. Hãy tải lại trang để tiếp tục.',
    blocked: 'Đang chờ các thẻ khác của ứng dụng đóng lại để nâng cấp dữ liệu. Hãy đóng các thẻ cũ.',
    reload: 'Tải lại',
    openFailed:
      'Không mở được dữ liệu trên máy. Trình duyệt có thể đang ở chế độ ẩn danh hoặc đã chặn lưu trữ. Hãy mở bằng Chrome hoặc Safari thường.',
    storageFull: 'Bộ nhớ máy đã đầy nên chưa lưu được. Hãy sao lưu rồi giải phóng bộ nhớ.',
    backupNow: 'Sao lưu ngay',
    genericError: 'Đã có lỗi khi lưu. Số liệu đã lưu trước đó vẫn còn.',
    screenErrorTitle: 'Không hiển thị được màn hình này.',
    screenErrorBody: 'Số liệu đã lưu trên máy vẫn còn nguyên. Hãy tải lại trang; nếu vẫn lỗi, hãy sao lưu số liệu.',
  },
  superior: {
    /** Before enrolment, or when the server names no superior. */
    fallback: 'công đoàn cấp trên',
    explanationHint: (superior: string) => `Cảnh báo này không ngăn gửi báo cáo, nhưng ${superior} cần lời giải thích.`,
    acceptedBanner: (superior: string) => `Báo cáo đã được ${superior} chấp nhận; không sửa được nữa.`,
  },
};

export type Messages = typeof vi;

let english: Messages | null = null;

/** The messages of a language, loading English if needed. */
export async function loadMessages(language: Language): Promise<Messages> {
  if (language === 'vi') return vi;
  english ??= (await import('./messages.en')).en;
  return english;
}
