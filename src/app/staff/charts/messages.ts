/** Texts of the staff charts, Vietnamese first; counts as vi-VN writes them in both. */
import type { Language } from '../../i18n';
import { formatCount } from '../../i18n/format';

const vi = {
  title: 'Biểu đồ',
  rateTitle: 'Tỷ lệ tập hợp của từng CĐCS so với chỉ tiêu 80 %',
  rateSeries: 'Đạt chỉ tiêu',
  underSeries: 'Dưới 80 %',
  targetSeries: 'Chỉ tiêu 80 %',
  /** After a title, at a node with upper-level unions below it: what the chart covers. */
  directOnly: '(các CĐCS trực thuộc trực tiếp)',
  wholeNode: '(toàn đơn vị, gồm cả các đơn vị trực thuộc)',
  rateSummary: (reported: number, under: number) =>
    reported === 0 ? 'Chưa có CĐCS nào báo cáo tỷ lệ.' : `${formatCount(reported)} CĐCS đã báo cáo tỷ lệ; ${formatCount(under)} CĐCS dưới 80 %.`,
  rateUnder: (names: string) => `Dưới chỉ tiêu: ${names}.`,
  dailyTitle: 'Số báo cáo nhận được theo ngày',
  dailySeries: 'Nhận trong ngày',
  totalSeries: 'Cộng dồn',
  dailySummary: (total: number, busiest: string, count: number) =>
    total === 0 ? 'Chưa nhận được báo cáo nào.' : `Đã nhận ${formatCount(total)} báo cáo; nhiều nhất ngày ${busiest} (${formatCount(count)} báo cáo).`,
  roundNote: (opened: string, deadline: string) => `Kỳ báo cáo mở ngày ${opened}, hạn nộp ${deadline}.`,
  periodNote: (from: string, to: string) => `Chưa mở kỳ báo cáo cho kỳ này: biểu đồ trải từ ${from} đến ${to}.`,
  yearsTitle: 'Tỷ lệ tập hợp và số đoàn viên qua các năm',
  yearsRate: 'Tỷ lệ (%)',
  yearsMembers: 'Đoàn viên',
  yearsSummary: (firstYear: number, first: string, lastYear: number, last: string) =>
    firstYear === lastYear ? `Tỷ lệ tập hợp năm ${lastYear}: ${last}.` : `Tỷ lệ tập hợp năm ${firstYear}: ${first}; năm ${lastYear}: ${last}.`,
  yearsMissing: (years: string) => `Chưa có báo cáo năm ${years}.`,
  /** A month on the time axis: CLDR's abbreviated form for vi. */
  month: (month: number) => `thg ${month}`,
  table: 'Xem số liệu dạng bảng',
  columns: {
    union: 'CĐCS',
    rate: 'Tỷ lệ',
    target: 'Chỉ tiêu',
    day: 'Ngày',
    received: 'Nhận',
    total: 'Cộng dồn',
    year: 'Năm',
    members: 'Đoàn viên',
    workers: 'Lao động',
    reported: 'Số CĐCS báo cáo',
  },
  met: 'Đạt',
  notMet: 'Chưa đạt',
  loading: 'Đang vẽ biểu đồ…',
  /** A form round's chart of one chosen column (its label as printed), by CĐCS. */
  formColumnTitle: (label: string) => `${label} — theo từng CĐCS`,
  formColumnSummary: (given: number, total: string) =>
    given === 0 ? 'Chưa có CĐCS nào báo cáo số liệu này.' : `${formatCount(given)} CĐCS đã báo cáo; tổng hợp: ${total}.`,
  /** A form round's years: the form's first chosen column (its label as printed) across the years. */
  formYearsTitle: (label: string) => `${label} qua các năm`,
  formYearsSummary: (label: string, firstYear: number, first: string, lastYear: number, last: string) =>
    firstYear === lastYear ? `${label} năm ${lastYear}: ${last}.` : `${label} năm ${firstYear}: ${first}; năm ${lastYear}: ${last}.`,
  formYearsNone: (label: string) => `Chưa có năm nào có số liệu ${label}.`,
};

export type ChartMessages = typeof vi;

const en: ChartMessages = {
  title: 'Charts',
  rateTitle: 'Unionization rate of each union against the 80 % target',
  rateSeries: 'Target met',
  underSeries: 'Under 80 %',
  targetSeries: '80 % target',
  directOnly: '(the unions directly under)',
  wholeNode: '(the whole unit, with the units under it)',
  rateSummary: (reported, under) => (reported === 0 ? 'No union has reported a rate yet.' : `${formatCount(reported)} unions reported a rate; ${formatCount(under)} under 80 %.`),
  rateUnder: (names) => `Under the target: ${names}.`,
  dailyTitle: 'Reports received per day',
  dailySeries: 'Received that day',
  totalSeries: 'Running total',
  dailySummary: (total, busiest, count) => (total === 0 ? 'No report received yet.' : `${formatCount(total)} reports received; most on ${busiest} (${formatCount(count)}).`),
  roundNote: (opened, deadline) => `The round opened on ${opened}; the deadline is ${deadline}.`,
  periodNote: (from, to) => `No round is open for this period: the chart runs from ${from} to ${to}.`,
  yearsTitle: 'Rate and members across the years',
  yearsRate: 'Rate (%)',
  yearsMembers: 'Members',
  yearsSummary: (firstYear, first, lastYear, last) =>
    firstYear === lastYear ? `Unionization rate in ${lastYear}: ${last}.` : `Unionization rate in ${firstYear}: ${first}; in ${lastYear}: ${last}.`,
  yearsMissing: (years) => `No report for ${years}.`,
  month: (month) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1] ?? String(month),
  table: 'Show the figures as a table',
  columns: {
    union: 'Union',
    rate: 'Rate',
    target: 'Target',
    day: 'Day',
    received: 'Received',
    total: 'Total',
    year: 'Year',
    members: 'Members',
    workers: 'Workers',
    reported: 'Unions reporting',
  },
  met: 'Met',
  notMet: 'Not met',
  loading: 'Drawing the chart…',
  formColumnTitle: (label) => `${label} — by union`,
  formColumnSummary: (given, total) => (given === 0 ? 'No union has reported this figure yet.' : `${formatCount(given)} unions reported; rolled up: ${total}.`),
  formYearsTitle: (label) => `${label} across the years`,
  formYearsSummary: (label, firstYear, first, lastYear, last) => (firstYear === lastYear ? `${label} in ${lastYear}: ${last}.` : `${label} in ${firstYear}: ${first}; in ${lastYear}: ${last}.`),
  formYearsNone: (label) => `No year has a figure for ${label} yet.`,
};

export function chartMessages(language: Language): ChartMessages {
  return language === 'en' ? en : vi;
}
