/** Texts of the QR scanner on the enrolment screen, loaded with it. */
import type { Language } from '../../i18n';
import type { CameraFailure } from './qrScanner';

const vi = {
  scan: 'Quét mã QR',
  scanHint: 'Quét mã QR trên phiếu đăng ký: địa chỉ máy chủ và mã đăng ký sẽ tự điền.',
  aim: 'Đưa mã QR trên phiếu đăng ký vào khung hình.',
  stop: 'Dừng quét',
  photo: 'Chụp hoặc chọn ảnh mã QR',
  reading: 'Đang đọc ảnh…',
  filled: 'Đã đọc mã QR: địa chỉ máy chủ và mã đăng ký đã được điền. Kiểm tra rồi bấm “Kết nối”.',
  notEnrolment: 'Mã QR này không phải phiếu đăng ký của Báo cáo CĐCS.',
  noCodeInPhoto: 'Không thấy mã QR trong ảnh. Chụp lại gần hơn, đủ sáng, hoặc nhập mã bên dưới.',
  camera: {
    unsupported: 'Trình duyệt này không mở được camera. Hãy chụp ảnh mã QR, hoặc nhập mã bên dưới.',
    denied: 'Chưa được phép dùng camera. Hãy cho phép trong cài đặt trình duyệt, chụp ảnh mã QR, hoặc nhập mã bên dưới.',
    unavailable: 'Không mở được camera (có thể ứng dụng khác đang dùng). Hãy chụp ảnh mã QR, hoặc nhập mã bên dưới.',
  } satisfies Record<CameraFailure, string>,
  videoLabel: 'Hình từ camera để quét mã QR',
};

export type QrMessages = typeof vi;

const en: QrMessages = {
  scan: 'Scan the QR code',
  scanHint: 'Scan the QR code on the enrolment card: the server address and the code fill in by themselves.',
  aim: 'Hold the QR code of the enrolment card inside the frame.',
  stop: 'Stop scanning',
  photo: 'Take or choose a photo of the QR code',
  reading: 'Reading the photo…',
  filled: 'QR code read: the server address and the enrolment code are filled in. Check them, then press “Connect”.',
  notEnrolment: 'This QR code is not a Báo cáo CĐCS enrolment card.',
  noCodeInPhoto: 'No QR code found in the photo. Take it closer and in good light, or type the code below.',
  camera: {
    unsupported: 'This browser cannot open the camera. Take a photo of the QR code, or type the code below.',
    denied: 'The camera is not allowed. Allow it in the browser settings, take a photo of the QR code, or type the code below.',
    unavailable: 'The camera could not be opened (another app may be using it). Take a photo of the QR code, or type the code below.',
  },
  videoLabel: 'Camera picture for scanning the QR code',
};

export function qrMessages(language: Language): QrMessages {
  return language === 'en' ? en : vi;
}
