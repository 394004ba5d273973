/** Texts of a form's roll-up screen, Vietnamese first. */
import type { Language } from '../../i18n';

const vi = {
  title: (form: string) => `Bảng tổng hợp: ${form}`,
  intro: (node: string, period: string) => `${node} — ${period}. Cột đầu là toàn đơn vị, các cột sau là từng đơn vị trực thuộc; chỉ tính báo cáo đã gửi.`,
  backToForms: 'Về danh sách biểu mẫu',
  backToNode: 'Về đơn vị',
  loading: 'Đang tổng hợp…',
  notFound: 'Không có biểu mẫu này cho đơn vị.',
  download: 'Tải bảng tổng hợp (.xlsx)',
  downloadFailed: 'Không tải được bảng tổng hợp. Hãy thử lại.',
  columns: { label: 'Chỉ tiêu', unit: 'Đơn vị tính' },
  total: 'Toàn đơn vị',
  reported: 'Đã báo cáo',
  answered: (n: string) => `${n} CĐCS trả lời`,
  link: 'Tổng hợp',
};

export type RollupMessages = typeof vi;

const en: RollupMessages = {
  title: (form) => `Roll-up: ${form}`,
  intro: (node, period) => `${node} — ${period}. The first column is the whole node, the next ones each node below it; only sent reports count.`,
  backToForms: 'Back to the forms',
  backToNode: 'Back to the node',
  loading: 'Adding up…',
  notFound: 'This form is not available to this node.',
  download: 'Download the roll-up (.xlsx)',
  downloadFailed: 'Could not download the roll-up. Try again.',
  columns: { label: 'Item', unit: 'Unit' },
  total: 'Whole node',
  reported: 'Reported',
  answered: (n) => `${n} union${n === '1' ? '' : 's'} answered`,
  link: 'Roll-up',
};

export function rollupMessages(language: Language): RollupMessages {
  return language === 'en' ? en : vi;
}
