/** Texts of a CĐCS's devices and enrolment codes on its staff page, Vietnamese first. */
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
  codesTitle: 'Mã đăng ký còn hiệu lực',
  codesHint: 'Mã chỉ hiện một lần khi cấp; ở đây chỉ có hạn dùng và số lượt còn lại.',
  codesNone: 'Không có mã đăng ký nào còn hiệu lực.',
  codeColumns: { issuedAt: 'Cấp lúc', expiresAt: 'Hết hạn', usesLeft: 'Còn dùng được' },
  usesLeft: (left: number, max: number) => `${left}/${max} máy`,
  withdraw: 'Thu hồi mã',
  withdrawConfirm: (expires: string) => `Thu hồi mã hết hạn ${expires}? Không máy nào đăng ký được bằng mã này nữa; các máy đã kết nối vẫn dùng bình thường.`,
  withdrawYes: 'Thu hồi mã',
  withdrawn: 'Đã thu hồi mã. Không máy nào đăng ký được bằng mã này nữa.',
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
  codesTitle: 'Enrolment codes still valid',
  codesHint: 'A code is shown only once, when issued; here are only its expiry and the uses left.',
  codesNone: 'No enrolment code is still valid.',
  codeColumns: { issuedAt: 'Issued at', expiresAt: 'Expires', usesLeft: 'Uses left' },
  usesLeft: (left, max) => `${left}/${max} devices`,
  withdraw: 'Withdraw code',
  withdrawConfirm: (expires) => `Withdraw the code expiring ${expires}? No device can enrol with it any more; devices already connected keep working.`,
  withdrawYes: 'Withdraw code',
  withdrawn: 'The code was withdrawn. No device can enrol with it any more.',
  loading: 'Loading…',
};

export function deviceMessages(language: string): DeviceMessages {
  return language === 'en' ? en : vi;
}
