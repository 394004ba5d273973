/** Texts of the period table's search, filter, sort and pages, Vietnamese first. */
import type { Language } from '../../i18n';
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
  shown: (first: string, last: string, total: string) => `Hiển thị ${first}–${last} trong ${total} CĐCS`,
  loadingPage: 'Đang tải trang…',
  pageFailed: 'Không tải được bảng. Thử lại sau.',
  retry: 'Thử lại',
  none: 'Không có công đoàn nào khớp.',
  previous: '‹ Trang trước',
  next: 'Trang sau ›',
  page: (page: number, pages: number) => `Trang ${page}/${pages}`,
  pageSize: 'Số dòng mỗi trang',
  sentOnTime: 'Đúng hạn',
  // One word for past the deadline, with the same count on a sent line and an unsent one (periodTable.ts).
  sentLate: (days: number) => `Đã gửi · Quá hạn ${days} ngày`,
  due: (days: number) => (days === 0 ? 'Hạn hôm nay' : `Còn ${days} ngày`),
  overdue: (days: number) => `Quá hạn ${days} ngày`,
  // A CĐCS the closed round was reopened for: its own date, then where it stands against that date.
  reopenedUntil: (date: string) => `Mở lại đến ${date}`,
  otherYears: (count: number) => `${count} báo cáo gửi cho năm khác:`,
  otherPeriods: (count: number) => `${count} báo cáo gửi cho kỳ khác:`,
  show: 'xem',
  sentFor: (period: string) => `Đã gửi: ${period}`,
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
  shown: (first, last, total) => `Showing ${first}–${last} of ${total} unions`,
  loadingPage: 'Loading the page…',
  pageFailed: 'The table could not be loaded. Try again later.',
  retry: 'Try again',
  none: 'No union matches.',
  previous: '‹ Previous page',
  next: 'Next page ›',
  page: (page, pages) => `Page ${page} of ${pages}`,
  pageSize: 'Rows per page',
  sentOnTime: 'On time',
  sentLate: (days) => `Sent · ${days} days overdue`,
  due: (days) => (days === 0 ? 'Due today' : `${days} days left`),
  overdue: (days) => `${days} days overdue`,
  reopenedUntil: (date) => `Reopened until ${date}`,
  otherYears: (count) => `${count} ${count === 1 ? 'report' : 'reports'} sent for another year:`,
  otherPeriods: (count) => `${count} ${count === 1 ? 'report' : 'reports'} sent for another period:`,
  show: 'show',
  sentFor: (period) => `Sent: ${period}`,
};

export function tableMessages(language: Language): TableMessages {
  return language === 'en' ? en : vi;
}
