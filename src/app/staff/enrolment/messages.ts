/** Texts of the enrolment card, Vietnamese first. */
import type { Language } from '../../i18n';

const vi = {
  cardTitle: 'Phiếu đăng ký ứng dụng Báo cáo CĐCS',
  union: 'Công đoàn cơ sở',
  superior: 'Công đoàn cấp trên',
  code: 'Mã đăng ký',
  server: 'Địa chỉ máy chủ',
  expires: (when: string) => `Hết hạn: ${when} (giờ Việt Nam)`,
  uses: (n: number) => `Dùng cho tối đa ${n} máy`,
  instructions:
    'Mở camera điện thoại và quét mã QR (hoặc mở ứng dụng, chọn “Quét mã QR”), đặt tên cho máy rồi bấm “Kết nối”.',
  singlePurpose: 'Mã chỉ dùng để đăng ký máy cho công đoàn cơ sở này, hết hạn vào ngày ghi trên phiếu. Không chia sẻ mã cho người khác.',
  print: 'In phiếu đăng ký',
  qrLabel: (union: string) => `Mã QR đăng ký cho ${union}`,
  drawing: 'Đang tạo mã QR…',
};

export type EnrolmentCardMessages = typeof vi;

const en: EnrolmentCardMessages = {
  cardTitle: 'Báo cáo CĐCS enrolment card',
  union: 'Grassroots union',
  superior: 'Upper-level union',
  code: 'Enrolment code',
  server: 'Server address',
  expires: (when) => `Expires: ${when} (Vietnam time)`,
  uses: (n) => `For up to ${n} devices`,
  instructions: 'Open the phone camera and scan the QR code (or open the app and choose “Scan the QR code”), name the device, then press “Connect”.',
  singlePurpose: 'The code only enrols devices of this union and expires on the date on this card. Do not share it.',
  print: 'Print the enrolment card',
  qrLabel: (union) => `Enrolment QR code for ${union}`,
  drawing: 'Drawing the QR code…',
};

export function enrolmentCardMessages(language: Language): EnrolmentCardMessages {
  return language === 'en' ? en : vi;
}
