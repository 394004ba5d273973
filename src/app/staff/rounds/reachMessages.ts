/** Texts of a round's push reach, reminders and "Nhắc ngay" (RoundReach), Vietnamese first. */
import type { PushReach } from '../../../domain/notifications';
import type { Language } from '../../i18n';

const vi = {
  title: 'Thông báo đến CĐCS',
  loading: 'Đang tải…',
  reach: {
    subscribed: 'Nhận được thông báo',
    never: 'Chưa bật thông báo',
    refused: 'Đã từ chối thông báo',
    expired: 'Đăng ký thông báo đã hết hạn',
    off: 'Đã tắt thông báo',
  } satisfies Record<PushReach, string>,
  sends: (delivered: string, refused: string, expired: string, pending: string) =>
    `Thông báo đã gửi: ${delivered} đến máy · ${refused} bị từ chối · ${expired} hết hạn · ${pending} đang chờ gửi`,
  toCallTitle: (count: number) => `Cần gọi điện: ${count} CĐCS chưa gửi báo cáo và không nhận được thông báo`,
  toCallNone: 'Mọi CĐCS chưa gửi báo cáo đều nhận được thông báo.',
  allTitle: 'Tất cả CĐCS của kỳ',
  union: 'Công đoàn cơ sở',
  report: 'Báo cáo',
  sent: 'Đã gửi',
  notSent: 'Chưa gửi',
  reachColumn: 'Thông báo',
  devices: 'Số máy',
  lastSync: 'Đồng bộ lần cuối',
  neverSynced: 'Chưa đồng bộ',
  remind: 'Nhắc ngay',
  remindChecking: 'Đang xem ai sẽ nhận…',
  remindQuestion: (count: number) => `Gửi thông báo nhắc nộp báo cáo đến ${count} CĐCS chưa gửi:`,
  remindNobody: 'Không CĐCS nào nhận được lời nhắc: các CĐCS chưa gửi đều không bật thông báo. Hãy gọi điện cho họ.',
  remindConfirm: 'Gửi lời nhắc',
  remindQueued: (count: number) => `Đã xếp ${count} thông báo nhắc vào hàng gửi.`,
  scheduleTitle: 'Lịch nhắc tự động',
  schedule: (days: string, hour: string) => (days ? `${days} ngày trước hạn nộp, lúc ${hour}` : 'Không nhắc tự động'),
  scheduleField: 'Số ngày trước hạn nộp (cách nhau bằng dấu phẩy)',
  scheduleHint: 'Ví dụ: 7, 3, 1. Để trống nếu không nhắc tự động.',
  scheduleSave: 'Lưu lịch nhắc',
  scheduleSaved: (days: string, hour: string) => (days ? `Đã lưu: nhắc ${days} ngày trước hạn nộp, lúc ${hour}.` : 'Đã lưu: không nhắc tự động.'),
  scheduleInvalid: 'Nhập số ngày nguyên từ 1 đến 30, mỗi số một lần, tối đa 5 lần nhắc.',
};

export type ReachMessages = typeof vi;

const en: ReachMessages = {
  title: 'Notifications to the unions',
  loading: 'Loading…',
  reach: {
    subscribed: 'Receives notifications',
    never: 'Notifications never turned on',
    refused: 'Refused notifications',
    expired: 'Subscription expired',
    off: 'Notifications turned off',
  },
  sends: (delivered, refused, expired, pending) => `Notifications sent: ${delivered} delivered · ${refused} refused · ${expired} expired · ${pending} waiting`,
  toCallTitle: (count) => `To call: ${count} unions have not sent and receive no notifications`,
  toCallNone: 'Every union that has not sent receives notifications.',
  allTitle: 'Every union of the round',
  union: 'Grassroots union',
  report: 'Report',
  sent: 'Sent',
  notSent: 'Not sent',
  reachColumn: 'Notifications',
  devices: 'Devices',
  lastSync: 'Last sync',
  neverSynced: 'Never synced',
  remind: 'Remind now',
  remindChecking: 'Checking who would get it…',
  remindQuestion: (count) => `Send a reminder to the ${count} unions that have not sent:`,
  remindNobody: 'No union would get a reminder: those that have not sent receive no notifications. Call them.',
  remindConfirm: 'Send the reminder',
  remindQueued: (count) => `${count} reminders queued.`,
  scheduleTitle: 'Automatic reminders',
  schedule: (days, hour) => (days ? `${days} days before the deadline, at ${hour}` : 'No automatic reminders'),
  scheduleField: 'Days before the deadline (separated by commas)',
  scheduleHint: 'E.g. 7, 3, 1. Leave empty for no automatic reminders.',
  scheduleSave: 'Save the reminders',
  scheduleSaved: (days, hour) => (days ? `Saved: reminders ${days} days before the deadline, at ${hour}.` : 'Saved: no automatic reminders.'),
  scheduleInvalid: 'Type whole days from 1 to 30, each once, at most 5 reminders.',
};

export function reachMessages(language: Language): ReachMessages {
  return language === 'en' ? en : vi;
}
