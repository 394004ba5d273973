/** Texts of the sync badge and status line (small: they ship in the entry bundle). Vietnamese first. */
import type { Language } from '../../db';
import type { ApiError, ReportSyncPhase } from '../../../domain/sync';
import type { SyncEngineState } from '../../sync';

const vi = {
  phases: {
    local: 'Chỉ trên máy này',
    saved: 'Đã lưu trên máy chủ',
    sent: 'Đã gửi LĐLĐ huyện',
    accepted: 'Đã được chấp nhận',
    returned: 'Bị trả lại',
    conflict: 'Cần bạn quyết định',
    refused: 'Bị từ chối',
  } satisfies Record<ReportSyncPhase, string>,
  districtComment: 'Ý kiến của LĐLĐ huyện:',
  decide: 'Xem và quyết định',
  states: {
    idle: 'Đã đồng bộ với máy chủ',
    syncing: 'Đang đồng bộ…',
    offline: 'Chưa có kết nối: báo cáo vẫn lưu trên máy và sẽ tự gửi khi có mạng',
    error: 'Máy chủ đang bận hoặc gặp sự cố: sẽ tự thử lại',
    unauthorized: 'Máy này không còn quyền gửi báo cáo. Hãy đăng ký lại bằng mã mới của LĐLĐ huyện.',
    unenrolled: 'Máy này chưa kết nối với LĐLĐ huyện: báo cáo chỉ lưu trên máy.',
  } satisfies Record<SyncEngineState, string>,
  lastSync: (when: string) => `Đồng bộ lần cuối: ${when}`,
  neverSynced: 'Chưa đồng bộ lần nào',
  retryAt: (time: string) => `Thử lại lúc ${time}`,
  sendNow: 'Gửi ngay',
  enrol: 'Kết nối với LĐLĐ huyện',
  enrolAgain: 'Đăng ký lại',
  refusals: {
    validation_failed: (fields: string) =>
      fields ? `Máy chủ không nhận vì báo cáo còn lỗi ở: ${fields}. Sửa rồi báo cáo sẽ được gửi lại.` : 'Máy chủ không nhận vì báo cáo còn lỗi. Sửa rồi báo cáo sẽ được gửi lại.',
    period_taken:
      'Công đoàn đã có một báo cáo khác cho kỳ này trên máy chủ (gửi từ máy khác). Hãy tiếp tục trên báo cáo đó.',
    report_accepted: 'LĐLĐ huyện đã chấp nhận báo cáo này, nên không sửa được nữa.',
    forbidden: 'Báo cáo này thuộc một công đoàn khác trên máy chủ.',
    payload_too_large: 'Báo cáo quá lớn để gửi (trên 256 KB). Hãy rút gọn phần ghi chú.',
    other: (code: string) => `Máy chủ không nhận báo cáo này (mã: ${code}). Sửa báo cáo để thử lại, hoặc báo LĐLĐ huyện.`,
  },
};

export type SyncMessages = typeof vi;

const en: SyncMessages = {
  phases: {
    local: 'Only on this phone',
    saved: 'Saved on the server',
    sent: 'Sent to the district',
    accepted: 'Accepted',
    returned: 'Returned',
    conflict: 'Needs your decision',
    refused: 'Refused',
  },
  districtComment: "The district's comment:",
  decide: 'Review and decide',
  states: {
    idle: 'In sync with the server',
    syncing: 'Syncing…',
    offline: 'No connection: reports stay on this phone and are sent when the network is back',
    error: 'The server is busy or failing: will retry on its own',
    unauthorized: 'This device may no longer send reports. Enrol again with a new code from the district.',
    unenrolled: 'This device is not connected to the district: reports are kept on this phone only.',
  },
  lastSync: (when) => `Last synced: ${when}`,
  neverSynced: 'Never synced yet',
  retryAt: (time) => `Retrying at ${time}`,
  sendNow: 'Send now',
  enrol: 'Connect to the district',
  enrolAgain: 'Enrol again',
  refusals: {
    validation_failed: (fields) =>
      fields ? `The server refused it: errors in ${fields}. Fix them and it will be sent again.` : 'The server refused it: the report has errors. Fix them and it will be sent again.',
    period_taken: 'Your union already has another report for this period on the server (sent from another device). Continue on that one.',
    report_accepted: 'The district accepted this report; it can no longer change.',
    forbidden: 'This report belongs to another union on the server.',
    payload_too_large: 'The report is too large to send (over 256 KB). Shorten the notes.',
    other: (code) => `The server refused this report (code: ${code}). Edit it to try again, or tell the district.`,
  },
};

export function syncMessages(language: Language = 'vi'): SyncMessages {
  return language === 'en' ? en : vi;
}

/** The refusal's reason in the officer's words; `fieldLabel` names a field path (`membership.members`). */
export function refusalText(messages: SyncMessages, refusal: ApiError, fieldLabel: (path: string) => string): string {
  switch (refusal.error) {
    case 'validation_failed': {
      const details = Array.isArray(refusal.details) ? (refusal.details as { path?: unknown }[]) : [];
      const labels = [...new Set(details.map((issue) => (typeof issue.path === 'string' ? fieldLabel(issue.path) : '')))];
      return messages.refusals.validation_failed(labels.filter(Boolean).slice(0, 3).join(', '));
    }
    case 'period_taken':
    case 'report_accepted':
    case 'forbidden':
    case 'payload_too_large':
      return messages.refusals[refusal.error];
    default:
      return messages.refusals.other(refusal.error);
  }
}
