/** Texts of the period table's search, filter, sort and pages, Vietnamese first. */
import type { TableFilter } from './periodTable';

const vi = {
  search: 'Tìm theo tên hoặc mã',
  searchHint: 'Gõ không dấu cũng được, ví dụ: may tay ninh',
  filter: 'Lọc theo tình trạng',
  filters: {
    all: 'Tất cả',
    underTarget: 'Dưới 80 %',
    notReported: 'Chưa báo cáo',
    returned: 'Bị trả lại',
    accepted: 'Đã chấp nhận',
  } satisfies Record<TableFilter, string>,
  lastSync: 'Gửi lần cuối',
  deadline: 'Hạn nộp',
  sortBy: (column: string) => `Sắp xếp theo ${column}`,
  shown: (first: string, last: string, total: string) => `${first}–${last} / ${total} công đoàn`,
  none: 'Không có công đoàn nào khớp.',
  previous: '‹ Trang trước',
  next: 'Trang sau ›',
  page: (page: number, pages: number) => `Trang ${page}/${pages}`,
  pageSize: 'Số dòng mỗi trang',
  sentOnTime: 'Đúng hạn',
  sentLate: (days: number) => `Trễ ${days} ngày`,
  due: (days: number) => (days === 0 ? 'Hạn hôm nay' : `Còn ${days} ngày`),
  overdue: (days: number) => `Quá hạn ${days} ngày`,
};
export type TableMessages = typeof vi;

const en: TableMessages = {
  search: 'Find by name or code',
  searchHint: 'Diacritics optional, e.g. may tay ninh',
  filter: 'Filter by standing',
  filters: { all: 'All', underTarget: 'Under 80 %', notReported: 'Not reported', returned: 'Returned', accepted: 'Accepted' },
  lastSync: 'Last sent',
  deadline: 'Deadline',
  sortBy: (column) => `Sort by ${column}`,
  shown: (first, last, total) => `${first}–${last} of ${total} unions`,
  none: 'No union matches.',
  previous: '‹ Previous page',
  next: 'Next page ›',
  page: (page, pages) => `Page ${page} of ${pages}`,
  pageSize: 'Rows per page',
  sentOnTime: 'On time',
  sentLate: (days) => `${days} days late`,
  due: (days) => (days === 0 ? 'Due today' : `${days} days left`),
  overdue: (days) => `${days} days overdue`,
};

export function tableMessages(language: string = 'vi'): TableMessages {
  return language === 'en' ? en : vi;
}
