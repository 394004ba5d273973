/** Texts of the staff charts, Vietnamese first. */
const vi = {
  title: 'Biểu đồ',
  rateTitle: 'Tỷ lệ tập hợp của từng CĐCS so với chỉ tiêu 80 %',
  rateSeries: 'Tỷ lệ (%)',
  underSeries: 'Dưới 80 % (%)',
  targetSeries: 'Chỉ tiêu 80 %',
  rateSummary: (reported: number, under: number) =>
    reported === 0 ? 'Chưa có CĐCS nào báo cáo tỷ lệ.' : `${reported} CĐCS đã báo cáo tỷ lệ; ${under} CĐCS dưới 80 %.`,
  rateUnder: (names: string) => `Dưới chỉ tiêu: ${names}.`,
  dailyTitle: 'Số báo cáo nhận được theo ngày đến hạn nộp',
  dailySeries: 'Nhận trong ngày',
  totalSeries: 'Cộng dồn',
  dailySummary: (total: number, busiest: string, count: number) =>
    total === 0 ? 'Chưa nhận được báo cáo nào.' : `Đã nhận ${total} báo cáo; nhiều nhất ngày ${busiest} (${count} báo cáo).`,
  deadlineNote: (date: string) => `Hạn nộp: ${date}.`,
  yearsTitle: 'Tỷ lệ tập hợp và số đoàn viên qua các năm',
  yearsRate: 'Tỷ lệ (%)',
  yearsMembers: 'Đoàn viên',
  yearsSummary: (first: string, last: string) => `Tỷ lệ từ ${first} lên ${last}.`,
  table: 'Xem số liệu dạng bảng',
  columns: { union: 'CĐCS', rate: 'Tỷ lệ', target: 'Chỉ tiêu', day: 'Ngày', received: 'Nhận', total: 'Cộng dồn', year: 'Năm', members: 'Đoàn viên', workers: 'Lao động' },
  met: 'Đạt',
  notMet: 'Chưa đạt',
  loading: 'Đang vẽ biểu đồ…',
};
export type ChartMessages = typeof vi;

const en: ChartMessages = {
  title: 'Charts',
  rateTitle: 'Unionization rate of each union against the 80 % target',
  rateSeries: 'Rate (%)',
  underSeries: 'Under 80 % (%)',
  targetSeries: '80 % target',
  rateSummary: (reported, under) => (reported === 0 ? 'No union has reported a rate yet.' : `${reported} unions reported a rate; ${under} under 80 %.`),
  rateUnder: (names) => `Under the target: ${names}.`,
  dailyTitle: 'Reports received per day up to the deadline',
  dailySeries: 'Received that day',
  totalSeries: 'Running total',
  dailySummary: (total, busiest, count) => (total === 0 ? 'No report received yet.' : `${total} reports received; most on ${busiest} (${count}).`),
  deadlineNote: (date) => `Deadline: ${date}.`,
  yearsTitle: 'Rate and members across the years',
  yearsRate: 'Rate (%)',
  yearsMembers: 'Members',
  yearsSummary: (first, last) => `The rate went from ${first} to ${last}.`,
  table: 'Show the figures as a table',
  columns: { union: 'Union', rate: 'Rate', target: 'Target', day: 'Day', received: 'Received', total: 'Total', year: 'Year', members: 'Members', workers: 'Workers' },
  met: 'Met',
  notMet: 'Not met',
  loading: 'Drawing the chart…',
};

export function chartMessages(language: string = 'vi'): ChartMessages {
  return language === 'en' ? en : vi;
}
