/**
 * The words of a report's lifecycle (src/domain/lifecycle.ts): one label, one sentence and one
 * primary action per stage, the same on the list, the editor and the review section. Most sentences
 * name the union's superior, so the set is a function of its name: the organisation tree's, or the
 * neutral words ("công đoàn cấp trên") before the device knows it (`useSuperiorName`).
 */
import type { ReportAction, ReportStage } from '../../../domain/lifecycle';
import { sentenceStart, type Language } from '../../i18n';

const vi = (superior: string) => ({
  labels: {
    draftLocal: 'Bản nháp — chỉ có trên máy này',
    draftSaved: 'Bản nháp — đã lưu trên máy chủ',
    queued: 'Chờ gửi',
    sent: 'Đã gửi, chờ duyệt',
    returned: 'Bị trả lại',
    fixing: 'Đang sửa để gửi lại',
    resent: 'Đã gửi lại, chờ duyệt',
    accepted: 'Đã được chấp nhận',
    acceptanceWithdrawn: 'Đã rút lại việc chấp nhận, chờ duyệt lại',
    conflict: 'Cần bạn quyết định',
    refused: 'Máy chủ không nhận',
    roundClosed: 'Kỳ báo cáo đã đóng',
  } satisfies Record<ReportStage, string>,
  sentences: {
    draftLocal: `Báo cáo mới ở trên máy này, ${superior} chưa thấy. Xong thì bấm “Gửi báo cáo”.`,
    draftSaved: `Máy chủ đã giữ một bản nháp, nhưng ${superior} chưa nhận để duyệt. Xong thì bấm “Gửi báo cáo”.`,
    queued: 'Báo cáo đã khoá để gửi và sẽ tự gửi đi khi có mạng.',
    sent: `${sentenceStart(superior)} đã nhận báo cáo và đang xem xét. Kết quả sẽ tự hiện ở đây.`,
    returned: `${sentenceStart(superior)} trả lại báo cáo kèm ý kiến ở trên. Bấm “Sửa và gửi lại” để sửa.`,
    fixing: `Sửa theo ý kiến của ${superior}, rồi bấm “Gửi lại báo cáo”.`,
    resent: `Đã gửi lại bản đã sửa; ${superior} đang xem xét lần nữa.`,
    accepted: `${sentenceStart(superior)} đã chấp nhận báo cáo. Báo cáo không sửa được nữa.`,
    acceptanceWithdrawn: `${sentenceStart(superior)} đã rút lại việc chấp nhận báo cáo, lý do ở trên, và sẽ xem xét lại. Kết quả sẽ tự hiện ở đây.`,
    conflict: 'Báo cáo vừa được sửa ở một máy khác, khác với máy này ở vài ô. Hãy chọn giữ số liệu nào.',
    refused: 'Máy chủ không nhận bản này:',
    roundClosed: `Kỳ báo cáo đã đóng: không gửi hay sửa được nữa. Cần thay đổi, hãy liên hệ ${superior}.`,
  } satisfies Record<ReportStage, string>,
  actions: {
    send: 'Gửi báo cáo',
    fixAndResend: 'Sửa và gửi lại',
    sendAgain: 'Gửi lại báo cáo',
    sendNow: 'Gửi ngay',
    viewAndPrint: 'Xem và in',
    decide: 'Xem và quyết định',
    fixRefused: 'Sửa báo cáo',
    openExisting: 'Mở báo cáo đó',
  } satisfies Record<ReportAction, string>,
  unsentChanges: 'Các thay đổi mới nhất còn trên máy này và sẽ tự lưu lên máy chủ khi có mạng.',
  notConnected: `Máy này chưa kết nối với ${superior} nên báo cáo chưa gửi đi được.`,
  connect: `Kết nối với ${superior}`,
  comment: `Ý kiến của ${superior}:`,
  withdrawalReason: `Lý do ${superior} rút lại việc chấp nhận:`,
  locked: 'Các ô đang khoá, không sửa được.',
  lockedSent: 'Các ô đang khoá vì báo cáo đã gửi.',
  withdraw: 'Rút lại để sửa',
  preview: 'Xem trước toàn bộ báo cáo',
  sendBlocked: (errors: number) => `Chưa gửi được: còn ${errors} lỗi cần sửa (xem danh sách dưới đây).`,
  changedMark: 'Đã sửa sau khi bị trả lại',
  changedCount: (n: number) => `${n} ô đã sửa sau khi bị trả lại`,
  checkReplies: 'Kiểm tra phản hồi',
  checking: 'Đang kiểm tra…',
  checkedAt: (time: string) => `Đã kiểm tra lúc ${time}`,
  checkFailed: 'Không kiểm tra được: chưa có kết nối. Sẽ tự thử lại.',
  delete: 'Xoá khỏi máy này',
  deleteLocalOnly: (label: string) => `Xoá “${label}” khỏi máy này? Báo cáo chưa từng lên máy chủ: xoá là mất hẳn.`,
  deleteServerKeeps: (label: string) =>
    `Xoá bản trên máy này của “${label}”? Bản trên máy chủ và quyết định của ${superior} vẫn còn nguyên.`,
  deleteUnsent: 'Các thay đổi chưa gửi lên máy chủ sẽ mất.',
  deleteYes: 'Xoá khỏi máy này',
  deleteAgain: (label: string) => `“${label}” đã gửi đi. Chắc chắn xoá bản trên máy này?`,
  deleteAgainYes: 'Vâng, xoá bản trên máy này',
});

export type LifecycleMessages = ReturnType<typeof vi>;

const en = (superior: string): LifecycleMessages => ({
  labels: {
    draftLocal: 'Draft — only on this phone',
    draftSaved: 'Draft — saved on the server',
    queued: 'Waiting to send',
    sent: 'Sent, waiting for review',
    returned: 'Returned',
    fixing: 'Being fixed to send again',
    resent: 'Sent again, waiting for review',
    accepted: 'Accepted',
    acceptanceWithdrawn: 'Acceptance withdrawn, waiting for review again',
    conflict: 'Needs your decision',
    refused: 'Refused by the server',
    roundClosed: 'Reporting round closed',
  },
  sentences: {
    draftLocal: `The report is on this phone only; ${superior} cannot see it. When it is done, tap “Send report”.`,
    draftSaved: `The server keeps a draft, but ${superior} has not received it for review. When it is done, tap “Send report”.`,
    queued: 'The report is locked for sending and goes out by itself when there is a connection.',
    sent: `${sentenceStart(superior)} has the report and is reviewing it. The decision will show here by itself.`,
    returned: `${sentenceStart(superior)} returned the report with the comment above. Tap “Fix and send again”.`,
    fixing: `Fix what ${superior} asked, then tap “Send again”.`,
    resent: `The fixed report was sent again; ${superior} is reviewing it once more.`,
    accepted: `${sentenceStart(superior)} accepted the report. It can no longer change.`,
    acceptanceWithdrawn: `${sentenceStart(superior)} withdrew its acceptance of the report, for the reason above, and will review it again. The decision will show here by itself.`,
    conflict: 'The report was just changed on another device, differently from this one in a few fields. Choose what to keep.',
    refused: 'The server refused this version:',
    roundClosed: `The reporting round is closed: nothing more can be sent or changed. To change it, contact ${superior}.`,
  },
  actions: {
    send: 'Send report',
    fixAndResend: 'Fix and send again',
    sendAgain: 'Send again',
    sendNow: 'Send now',
    viewAndPrint: 'View and print',
    decide: 'Review and decide',
    fixRefused: 'Fix the report',
    openExisting: 'Open that report',
  },
  unsentChanges: 'The latest changes are on this phone only and go to the server by themselves when there is a connection.',
  notConnected: `This phone is not connected to ${superior}, so the report cannot be sent yet.`,
  connect: `Connect to ${superior}`,
  comment: `Comment from ${superior}:`,
  withdrawalReason: `Why ${superior} withdrew its acceptance:`,
  locked: 'The fields are locked and cannot be changed.',
  lockedSent: 'The fields are locked because the report was sent.',
  withdraw: 'Take back to edit',
  preview: 'Preview the whole report',
  sendBlocked: (errors) => `Not sent yet: ${errors} error(s) to fix (listed below).`,
  changedMark: 'Changed since it was returned',
  changedCount: (n) => `${n} field(s) changed since it was returned`,
  checkReplies: 'Check for replies',
  checking: 'Checking…',
  checkedAt: (time) => `Checked at ${time}`,
  checkFailed: 'Could not check: no connection. Will try again by itself.',
  delete: 'Delete from this phone',
  deleteLocalOnly: (label) => `Delete “${label}” from this phone? It never reached the server: it will be gone for good.`,
  deleteServerKeeps: (label) =>
    `Delete this phone's copy of “${label}”? The server's copy and the decision of ${superior} stay as they are.`,
  deleteUnsent: 'Changes not yet on the server will be lost.',
  deleteYes: 'Delete from this phone',
  deleteAgain: (label) => `“${label}” was sent. Really delete this phone's copy?`,
  deleteAgainYes: "Yes, delete this phone's copy",
});

/** The lifecycle's words in a language; `superior` names the officer's superior (`useSuperiorName()`). */
export function lifecycleMessages(language: Language, superior: string): LifecycleMessages {
  return language === 'en' ? en(superior) : vi(superior);
}
