/** Texts of the revision history and its diff, Vietnamese first. */
const vi = {
  title: 'Các lần gửi và thay đổi',
  revision: (n: number) => `Bản ${n}`,
  revisionOption: (n: number, when: string, device: string) => `Bản ${n} · ${when}${device ? ` · ${device}` : ''}`,
  sentBy: (device: string) => `Gửi từ: ${device}`,
  unknownDevice: 'máy không còn trong danh sách',
  compare: 'So sánh',
  from: 'Từ bản',
  to: 'Đến bản',
  columns: { field: 'Mục', before: 'Trước', after: 'Sau' },
  noChanges: 'Hai bản giống nhau: không có số liệu nào thay đổi.',
  onlyOne: 'Báo cáo mới có một bản: chưa có gì để so sánh.',
  loading: 'Đang tải hai bản để so sánh…',
  loadFailed: 'Không tải được bản cần so sánh. Hãy thử lại.',
  changeCount: (n: number) => `${n} mục thay đổi`,
  sessionAdded: (session: string) => `${session} (thêm mới)`,
  sessionRemoved: (session: string) => `${session} (đã xoá)`,
  paths: {
    status: 'Trạng thái báo cáo',
    'period.year': 'Năm báo cáo',
    'period.kind': 'Loại báo cáo',
  } as Record<string, string>,
};

export type RevisionMessages = typeof vi;

const en: RevisionMessages = {
  title: 'Revisions and changes',
  revision: (n) => `Revision ${n}`,
  revisionOption: (n, when, device) => `Revision ${n} · ${when}${device ? ` · ${device}` : ''}`,
  sentBy: (device) => `Sent from: ${device}`,
  unknownDevice: 'a device no longer listed',
  compare: 'Compare',
  from: 'From revision',
  to: 'To revision',
  columns: { field: 'Item', before: 'Before', after: 'After' },
  noChanges: 'The two revisions are the same: no figure changed.',
  onlyOne: 'The report has one revision: nothing to compare yet.',
  loading: 'Loading the two revisions…',
  loadFailed: 'Could not load a revision to compare. Try again.',
  changeCount: (n) => `${n} ${n === 1 ? 'item' : 'items'} changed`,
  sessionAdded: (session) => `${session} (added)`,
  sessionRemoved: (session) => `${session} (removed)`,
  paths: { status: 'Report status', 'period.year': 'Year', 'period.kind': 'Kind of report' },
};

export function revisionMessages(language: string = 'vi'): RevisionMessages {
  return language === 'en' ? en : vi;
}
