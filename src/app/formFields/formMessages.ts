/** Texts of the editor of a report answering a form other than Plan 94 (issue 22), loaded with it. */
import type { Language } from '../i18n/language';

const vi = {
  formMissing: 'Điện thoại chưa nhận được mẫu báo cáo này. Hãy kết nối mạng để đồng bộ rồi mở lại.',
  review: 'Kiểm tra và gửi',
  required: 'bắt buộc',
  computed: 'Tự tính',
  notComputed: '—',
  explanation: 'Giải thích số liệu',
  explanationFor: (label: string) => `Giải thích: ${label}`,
  rowIn: (label: string, section: string) => `“${label}” (${section})`,
};

export type FormMessages = typeof vi;

const en: FormMessages = {
  formMissing: 'This phone has not received this report form yet. Connect to sync, then open it again.',
  review: 'Check and send',
  required: 'required',
  computed: 'Worked out',
  notComputed: '—',
  explanation: 'Explain the figure',
  explanationFor: (label) => `Explanation: ${label}`,
  rowIn: (label, section) => `“${label}” (${section})`,
};

export function formMessages(language: Language): FormMessages {
  return language === 'en' ? en : vi;
}
