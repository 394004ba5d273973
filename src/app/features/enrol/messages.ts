/** Texts of the enrolment screen, loaded with it. */
import type { Language } from '../../db';
import type { EnrolFailure } from '../../sync';

const vi = {
  title: 'Kết nối với LĐLĐ huyện',
  intro:
    'Nhập địa chỉ máy chủ và mã đăng ký do LĐLĐ huyện cấp. Chỉ cần làm một lần, khi có mạng. Sau đó báo cáo tự gửi lên mỗi khi máy có kết nối.',
  serverUrl: 'Địa chỉ máy chủ',
  serverUrlHint: 'Thường là địa chỉ bạn đang mở ứng dụng này.',
  code: 'Mã đăng ký',
  codeHint: '8 ký tự, ví dụ K7QF-M2XP (không phân biệt chữ hoa, chữ thường).',
  deviceName: 'Tên máy này',
  deviceNameHint: 'Để LĐLĐ huyện nhận ra máy, ví dụ: Điện thoại chị Lan.',
  submit: 'Kết nối',
  submitting: 'Đang kết nối…',
  enrolledAs: (union: string) => `Đã kết nối với ${union}. Các báo cáo trên máy đang được gửi lên máy chủ.`,
  alreadyEnrolled: (server: string) => `Máy này đang kết nối với ${server}. Đăng ký lại nếu LĐLĐ huyện cấp mã mới.`,
  back: 'Về danh sách báo cáo',
  failures: {
    invalid_address: 'Địa chỉ máy chủ không hợp lệ. Ví dụ: https://baocao.ldldhuyen.vn',
    invalid_code: 'Mã đăng ký không đúng. Kiểm tra lại mã LĐLĐ huyện đã cấp.',
    expired_code: 'Mã đăng ký đã hết hạn hoặc đã dùng hết lượt. Hãy xin LĐLĐ huyện cấp mã mới.',
    invalid_device_name: 'Hãy đặt tên cho máy này (tối đa 100 ký tự).',
    no_connection: 'Máy đang không có mạng. Hãy bật Wi-Fi hoặc dữ liệu di động rồi thử lại.',
    server_not_found: 'Không tìm thấy máy chủ ở địa chỉ này. Kiểm tra lại địa chỉ, hoặc thử lại khi có mạng.',
    rate_limited: 'Thử quá nhiều lần. Hãy đợi một lát rồi thử lại.',
    server_error: 'Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.',
  } satisfies Record<EnrolFailure, string>,
  waitSeconds: (seconds: number) => `Thử lại sau ${seconds} giây.`,
};

export type EnrolMessages = typeof vi;

const en: EnrolMessages = {
  title: 'Connect to the district',
  intro:
    'Enter the server address and the enrolment code the district gave you. Done once, online. After that reports are sent whenever the device has a connection.',
  serverUrl: 'Server address',
  serverUrlHint: 'Usually the address you opened this app from.',
  code: 'Enrolment code',
  codeHint: '8 characters, e.g. K7QF-M2XP (any case).',
  deviceName: 'Name of this device',
  deviceNameHint: "So the district can tell devices apart, e.g. Lan's phone.",
  submit: 'Connect',
  submitting: 'Connecting…',
  enrolledAs: (union) => `Connected to ${union}. The reports on this device are being sent to the server.`,
  alreadyEnrolled: (server) => `This device is connected to ${server}. Enrol again if the district gave you a new code.`,
  back: 'Back to the reports',
  failures: {
    invalid_address: 'This is not a valid server address. Example: https://baocao.ldldhuyen.vn',
    invalid_code: 'Wrong enrolment code. Check the code the district gave you.',
    expired_code: 'This enrolment code has expired or has been used up. Ask the district for a new one.',
    invalid_device_name: 'Give this device a name (at most 100 characters).',
    no_connection: 'The device has no connection. Turn on Wi-Fi or mobile data, then try again.',
    server_not_found: 'No server found at this address. Check the address, or try again when online.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    server_error: 'The server is having trouble. Try again in a few minutes.',
  },
  waitSeconds: (seconds) => `Try again in ${seconds} seconds.`,
};

export function enrolMessages(language: Language = 'vi'): EnrolMessages {
  return language === 'en' ? en : vi;
}
