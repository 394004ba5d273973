/** Texts of the conflict screen, loaded with it. */
import type { Language } from '../../i18n';

const vi = {
  title: 'Cần bạn quyết định',
  intro:
    'Máy khác của công đoàn đã sửa báo cáo này cùng lúc. Những mục chỉ một bên sửa đã được gộp tự động; các mục dưới đây hai bên sửa khác nhau. Chọn giá trị giữ lại cho từng mục.',
  thisPhone: 'Trên máy này',
  server: 'Trên máy chủ',
  empty: '(để trống)',
  sessionRemoved: '(buổi này đã bị xoá)',
  yes: 'Có',
  no: 'Không',
  save: 'Lưu lựa chọn và gửi',
  cancel: 'Để sau',
  chooseAll: (left: number) => `Còn ${left} mục chưa chọn.`,
  saved: 'Đã lưu lựa chọn. Báo cáo sẽ được gửi lên máy chủ.',
  failed: 'Chưa lưu được: máy chủ vừa có bản mới hơn. Hãy xem lại các mục.',
  nothingLeft: 'Không còn mục nào cần quyết định.',
  /** A form's row (issue 22): its number and label as printed; its explanation. */
  formRow: (number: string, label: string) => (number ? `${number}. ${label}` : label),
  formRowNote: (row: string) => `Giải thích: ${row}`,
};

export type ConflictMessages = typeof vi;

const en: ConflictMessages = {
  formRow: (number, label) => (number ? `${number}. ${label}` : label),
  formRowNote: (row) => `Explanation: ${row}`,
  title: 'Needs your decision',
  intro:
    "The union's other device changed this report at the same time. What only one side changed was merged on its own; below, the two sides changed the same item differently. Choose the value to keep for each.",
  thisPhone: 'On this phone',
  server: 'On the server',
  empty: '(empty)',
  sessionRemoved: '(this session was removed)',
  yes: 'Yes',
  no: 'No',
  save: 'Save my choices and send',
  cancel: 'Later',
  chooseAll: (left) => `${left} item(s) still to choose.`,
  saved: 'Choices saved. The report will be sent to the server.',
  failed: 'Not saved: the server just got a newer copy. Please review the items again.',
  nothingLeft: 'Nothing left to decide.',
};

export function conflictMessages(language: Language): ConflictMessages {
  return language === 'en' ? en : vi;
}
