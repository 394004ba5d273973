/**
 * Texts of the sync status line and of a push the server refused. Vietnamese ships in the entry
 * bundle; English loads the first time it is needed (`messages.en.ts`), like the app's own messages.
 */
import { useEffect, useState } from 'react';
import { sentenceStart, useI18n, type Language } from '../../i18n';
import type { SyncEngineState } from '../../sync';

const vi = {
  states: {
    idle: 'Đã đồng bộ với máy chủ',
    syncing: 'Đang đồng bộ…',
    offline: 'Chưa có kết nối: báo cáo vẫn lưu trên máy và sẽ tự gửi khi có mạng',
    error: 'Máy chủ đang bận hoặc gặp sự cố: sẽ tự thử lại',
    unauthorized: 'Máy này không còn quyền gửi báo cáo. Hãy đăng ký lại bằng mã mới của công đoàn cấp trên.',
    unenrolled: 'Máy này chưa kết nối với công đoàn cấp trên: báo cáo chỉ lưu trên máy.',
  } satisfies Record<SyncEngineState, string>,
  lastSync: (when: string) => `Đồng bộ lần cuối: ${when}`,
  neverSynced: 'Chưa đồng bộ lần nào',
  retryAt: (time: string) => `Thử lại lúc ${time}`,
  sendNow: 'Gửi ngay',
  enrol: 'Kết nối với công đoàn cấp trên',
  enrolAgain: 'Đăng ký lại',
  refusals: {
    validation_failed: (fields: string) =>
      fields ? `Máy chủ không nhận vì báo cáo còn lỗi ở: ${fields}. Sửa rồi báo cáo sẽ được gửi lại.` : 'Máy chủ không nhận vì báo cáo còn lỗi. Sửa rồi báo cáo sẽ được gửi lại.',
    period_taken:
      'Công đoàn đã có một báo cáo khác cho kỳ này trên máy chủ (gửi từ máy khác). Hãy tiếp tục trên báo cáo đó.',
    report_accepted: 'Công đoàn cấp trên đã chấp nhận báo cáo này, nên không sửa được nữa.',
    round_closed: (date: string, superior = 'công đoàn cấp trên') =>
      `Kỳ báo cáo đã khoá ngày ${date}: máy chủ không nhận báo cáo này nữa. Nếu cần gửi, hãy đề nghị ${superior} mở lại kỳ báo cáo cho công đoàn mình.`,
    forbidden: 'Báo cáo này thuộc một công đoàn khác trên máy chủ.',
    payload_too_large: 'Báo cáo quá lớn để gửi (trên 256 KB). Hãy rút gọn phần ghi chú.',
    unknown_form: 'Máy chủ không nhận mẫu báo cáo này cho công đoàn mình nữa. Hãy báo công đoàn cấp trên.',
    form_changed: 'Trên máy chủ, báo cáo này theo một mẫu khác. Hãy cập nhật ứng dụng rồi đồng bộ lại.',
    other: (code: string) => `Máy chủ không nhận báo cáo này (mã: ${code}). Sửa báo cáo để thử lại, hoặc báo công đoàn cấp trên.`,
  },
  openExisting: 'Mở báo cáo đó',
  // The superior's own name (or "công đoàn cấp trên" before enrolment) in the sentences that speak of it.
  sentTo: (superior: string) => `Đã gửi ${superior}`,
  unauthorizedBy: (superior: string) => `Máy này không còn quyền gửi báo cáo. Hãy đăng ký lại bằng mã mới của ${superior}.`,
  unenrolledWith: (superior: string) => `Máy này chưa kết nối với ${superior}: báo cáo chỉ lưu trên máy.`,
  enrolWith: (superior: string) => `Kết nối với ${superior}`,
  sendsTo: (superior: string) => `Báo cáo gửi về: ${superior}`,
  acceptedBy: (superior: string) => `${sentenceStart(superior)} đã chấp nhận báo cáo này, nên không sửa được nữa.`,
  refusedTell: (code: string, superior: string) => `Máy chủ không nhận báo cáo này (mã: ${code}). Sửa báo cáo để thử lại, hoặc báo ${superior}.`,
};

export type SyncMessages = typeof vi;

let english: SyncMessages | null = null;

/** The texts of a language, loading English if needed. */
export async function loadSyncMessages(language: Language): Promise<SyncMessages> {
  if (language === 'vi') return vi;
  english ??= (await import('./messages.en')).en;
  return english;
}

/** The texts of a language if already loaded; Vietnamese until English has arrived. */
export function syncMessages(language: Language): SyncMessages {
  return language === 'en' && english ? english : vi;
}

/** The current language's texts, re-rendering once English has loaded. */
export function useSyncMessages(): SyncMessages {
  const { language } = useI18n();
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (language === 'en' && !english) void loadSyncMessages('en').then(() => setLoaded((n) => n + 1));
  }, [language]);
  return syncMessages(language);
}
