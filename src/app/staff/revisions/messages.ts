/** Texts of the revision history and its diff, Vietnamese first. */
import type { Language } from '../../i18n';

const vi = {
  title: 'Các lần gửi và thay đổi',
  revision: (n: number) => `Bản ${n}`,
  send: (n: number) => `Lần gửi ${n}`,
  sendOption: (send: number, revision: number, when: string, device: string) => `Lần gửi ${send} (bản ${revision}) · ${when}${device ? ` · ${device}` : ''}`,
  draftOption: (n: number, when: string, device: string) => `Bản nháp ${n} · ${when}${device ? ` · ${device}` : ''}`,
  sentBy: (device: string) => `Gửi từ: ${device}`,
  savedBy: (device: string) => `Lưu từ: ${device}`,
  unknownDevice: 'máy không còn trong danh sách',
  sendsTitle: 'Các lần gửi',
  noSends: 'Công đoàn cơ sở chưa gửi báo cáo này lần nào.',
  drafts: (n: number) => `Bản nháp tự lưu (${n})`,
  draftsNote: 'Bản nháp được lưu tự động khi công đoàn cơ sở đang soạn; công đoàn cấp trên chưa nhận để xem xét.',
  sendsGroup: 'Các lần gửi',
  draftsGroup: 'Bản nháp tự lưu',
  changesTitle: 'Thay đổi',
  /** What the comparison the screen opens on is, so the reviewer knows what "before" means. */
  basis: {
    returned: (revision: number, when: string) => `Từ bản đã bị trả lại (bản ${revision}, trả lại lúc ${when}) đến lần gửi mới nhất.`,
    accepted: (revision: number, when: string) => `Từ bản đã được chấp nhận (bản ${revision}, chấp nhận lúc ${when}) đến lần gửi mới nhất.`,
    sends: 'Từ lần gửi trước đến lần gửi mới nhất.',
    drafts: 'Báo cáo chưa được gửi: so sánh hai bản nháp tự lưu gần nhất.',
  },
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
  /** A form row's explanation of its warning. */
  rowNote: (label: string) => `${label} — giải trình`,
  /** A row the form being read does not have (the form could not be loaded). */
  unknownRow: 'Một dòng của mẫu báo cáo',
  /** Labels of the document's paths the form does not show as fields (`t.fields` has the rest). */
  paths: {
    status: 'Trạng thái báo cáo',
    'period.year': 'Năm báo cáo',
    'period.kind': 'Loại báo cáo',
    'issuance.number': 'Số văn bản',
    'issuance.date': 'Ngày ký văn bản',
    'form.id': 'Mẫu báo cáo',
    'form.version': 'Phiên bản mẫu báo cáo',
  } as Record<string, string>,
};

export type RevisionMessages = typeof vi;

const en: RevisionMessages = {
  title: 'Sends and changes',
  revision: (n) => `Revision ${n}`,
  send: (n) => `Send ${n}`,
  sendOption: (send, revision, when, device) => `Send ${send} (revision ${revision}) · ${when}${device ? ` · ${device}` : ''}`,
  draftOption: (n, when, device) => `Draft ${n} · ${when}${device ? ` · ${device}` : ''}`,
  sentBy: (device) => `Sent from: ${device}`,
  savedBy: (device) => `Saved from: ${device}`,
  unknownDevice: 'a device no longer listed',
  sendsTitle: 'Sends',
  noSends: 'The union has not sent this report yet.',
  drafts: (n) => `Autosaved drafts (${n})`,
  draftsNote: 'Drafts are saved by themselves while the union writes; the upper-level union has not received them for review.',
  sendsGroup: 'Sends',
  draftsGroup: 'Autosaved drafts',
  changesTitle: 'Changes',
  basis: {
    returned: (revision, when) => `From the returned revision (revision ${revision}, returned at ${when}) to the latest send.`,
    accepted: (revision, when) => `From the accepted revision (revision ${revision}, accepted at ${when}) to the latest send.`,
    sends: 'From the send before to the latest send.',
    drafts: 'Not sent yet: the last two autosaved drafts.',
  },
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
  rowNote: (label) => `${label} — explanation`,
  unknownRow: 'A row of the report form',
  paths: {
    status: 'Report status',
    'period.year': 'Year',
    'period.kind': 'Kind of report',
    'issuance.number': 'Document number',
    'issuance.date': 'Date of signature',
    'form.id': 'Report form',
    'form.version': 'Version of the report form',
  },
};

export function revisionMessages(language: Language): RevisionMessages {
  return language === 'en' ? en : vi;
}
