/** Texts of the enrolment screen, loaded with it. */
import type { Language } from '../../i18n';
import type { EnrolFailure } from '../../sync';

const vi = {
  title: 'Kết nối với công đoàn cấp trên',
  intro:
    'Nhập địa chỉ máy chủ và mã đăng ký do công đoàn cấp trên cấp. Chỉ cần làm một lần, khi có mạng. Sau đó báo cáo tự gửi lên mỗi khi máy có kết nối.',
  serverUrl: 'Địa chỉ máy chủ',
  serverUrlHint: 'Thường là địa chỉ bạn đang mở ứng dụng này.',
  code: 'Mã đăng ký',
  codeHint: '8 ký tự, ví dụ K7QF-M2XP (không phân biệt chữ hoa, chữ thường).',
  deviceName: 'Tên máy này',
  deviceNameHint: 'Để công đoàn cấp trên nhận ra máy, ví dụ: Điện thoại chị Lan.',
  submit: 'Kết nối',
  check: 'Kiểm tra mã',
  checking: 'Đang kiểm tra mã…',
  submitting: 'Đang kết nối…',
  alreadyEnrolled: (server: string) => `Máy này đang kết nối với ${server}. Đăng ký lại nếu công đoàn cấp trên cấp mã mới.`,
  back: 'Về danh sách báo cáo',
  failures: {
    invalid_address: 'Địa chỉ máy chủ không hợp lệ. Ví dụ: https://baocao.ldldtinh.vn',
    invalid_code: 'Mã đăng ký không đúng. Kiểm tra lại mã công đoàn cấp trên đã cấp.',
    expired_code: 'Mã đăng ký đã hết hạn hoặc đã dùng hết lượt. Hãy xin công đoàn cấp trên cấp mã mới.',
    withdrawn_code: 'Mã đăng ký này đã bị công đoàn cấp trên thu hồi. Hãy xin công đoàn cấp trên cấp mã mới.',
    invalid_device_name: 'Hãy đặt tên cho máy này (tối đa 100 ký tự).',
    no_connection: 'Máy đang không có mạng. Hãy bật Wi-Fi hoặc dữ liệu di động rồi thử lại.',
    server_not_found: 'Không tìm thấy máy chủ ở địa chỉ này. Kiểm tra lại địa chỉ, hoặc thử lại khi có mạng.',
    rate_limited: 'Thử quá nhiều lần. Hãy đợi một lát rồi thử lại.',
    server_error: 'Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.',
  } satisfies Record<EnrolFailure, string>,
  waitSeconds: (seconds: number) => `Thử lại sau ${seconds} giây.`,
  confirmTitle: 'Xác nhận trước khi kết nối',
  confirmIntro: 'Mã đăng ký này dành cho:',
  union: 'Công đoàn cơ sở',
  superior: 'Công đoàn cấp trên trực tiếp',
  superiorUnknown: 'Máy chủ chưa ghi công đoàn cấp trên',
  codeValid: (date: string, uses: number) => `Mã dùng được đến ${date}, cho ${uses} máy nữa.`,
  confirmQuestion: 'Đúng công đoàn của bạn? Bấm “Kết nối” để gửi báo cáo về đơn vị trên.',
  notMine: 'Không đúng, nhập lại mã',
  enrolledWith: (union: string, superior: string) => `Đã kết nối ${union} với ${superior}. Các báo cáo trên máy đang được gửi lên máy chủ.`,
};

export type EnrolMessages = typeof vi;

const en: EnrolMessages = {
  title: 'Connect to your upper-level union',
  intro:
    'Enter the server address and the enrolment code your upper-level union gave you. Done once, online. After that reports are sent whenever the device has a connection.',
  serverUrl: 'Server address',
  serverUrlHint: 'Usually the address you opened this app from.',
  code: 'Enrolment code',
  codeHint: '8 characters, e.g. K7QF-M2XP (any case).',
  deviceName: 'Name of this device',
  deviceNameHint: "So your upper-level union can tell devices apart, e.g. Lan's phone.",
  submit: 'Connect',
  check: 'Check the code',
  checking: 'Checking the code…',
  submitting: 'Connecting…',
  alreadyEnrolled: (server) => `This device is connected to ${server}. Enrol again if your upper-level union gave you a new code.`,
  back: 'Back to the reports',
  failures: {
    invalid_address: 'This is not a valid server address. Example: https://baocao.ldldtinh.vn',
    invalid_code: 'Wrong enrolment code. Check the code your upper-level union gave you.',
    expired_code: 'This enrolment code has expired or has been used up. Ask your upper-level union for a new one.',
    withdrawn_code: 'Your upper-level union has withdrawn this enrolment code. Ask them for a new one.',
    invalid_device_name: 'Give this device a name (at most 100 characters).',
    no_connection: 'The device has no connection. Turn on Wi-Fi or mobile data, then try again.',
    server_not_found: 'No server found at this address. Check the address, or try again when online.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    server_error: 'The server is having trouble. Try again in a few minutes.',
  },
  waitSeconds: (seconds) => `Try again in ${seconds} seconds.`,
  confirmTitle: 'Confirm before connecting',
  confirmIntro: 'This enrolment code belongs to:',
  union: 'Grassroots union',
  superior: 'Direct upper-level union',
  superiorUnknown: 'The server names no upper-level union yet',
  codeValid: (date, uses) => `The code works until ${date}, for ${uses} more devices.`,
  confirmQuestion: 'Is this your union? Press “Connect” to send reports to the union above.',
  notMine: 'Not mine, enter the code again',
  enrolledWith: (union, superior) => `${union} is connected with ${superior}. The reports on this device are being sent to the server.`,
};

export function enrolMessages(language: Language): EnrolMessages {
  return language === 'en' ? en : vi;
}
