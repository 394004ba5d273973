/** Texts of a CĐCS's devices on its staff page, Vietnamese first (its codes: ../enrolment/codesMessages.ts). */
import type { Language } from '../../i18n';

const vi = {
  devicesTitle: 'Thiết bị đã kết nối',
  devicesNone: 'Chưa có máy nào kết nối với công đoàn cơ sở này.',
  columns: { name: 'Tên máy', enrolledAt: 'Kết nối lúc', lastSeenAt: 'Lần gửi cuối', state: 'Trạng thái' },
  neverSeen: 'Chưa đồng bộ',
  active: 'Đang dùng',
  revokedAt: (when: string) => `Đã thu hồi lúc ${when}`,
  revoke: 'Thu hồi',
  revokeConfirm: (name: string) => `Thu hồi máy “${name}”? Máy này sẽ không gửi được báo cáo nữa; muốn dùng lại phải đăng ký bằng mã mới.`,
  revokeYes: 'Thu hồi máy',
  cancel: 'Huỷ',
  revoked: (name: string) => `Đã thu hồi máy “${name}”. Máy này không còn gửi được báo cáo.`,
  loading: 'Đang tải…',
};

export type DeviceMessages = typeof vi;

const en: DeviceMessages = {
  devicesTitle: 'Connected devices',
  devicesNone: 'No device is connected to this grassroots union yet.',
  columns: { name: 'Device', enrolledAt: 'Connected at', lastSeenAt: 'Last sync', state: 'State' },
  neverSeen: 'Not synced yet',
  active: 'In use',
  revokedAt: (when) => `Revoked at ${when}`,
  revoke: 'Revoke',
  revokeConfirm: (name) => `Revoke “${name}”? This device will no longer be able to send reports; to use it again, enrol it with a new code.`,
  revokeYes: 'Revoke device',
  cancel: 'Cancel',
  revoked: (name) => `“${name}” was revoked. It can no longer send reports.`,
  loading: 'Loading…',
};

export function deviceMessages(language: Language): DeviceMessages {
  return language === 'en' ? en : vi;
}
