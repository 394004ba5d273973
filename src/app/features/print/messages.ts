/**
 * Texts of the print view's screen-only parts (controls, questions, rule messages). The document
 * itself is Vietnamese whatever the app's language: it is an official Vietnamese document.
 */
import type { Language } from '../../i18n';

const vi = {
  title: 'Xem và in báo cáo',
  back: 'Về báo cáo',
  print: 'In / Lưu PDF',
  printHint:
    'Trên điện thoại Android, chọn máy in “Lưu dưới dạng PDF”; trên iPhone, chọn In rồi chia sẻ bản PDF. Nên tắt “Đầu trang và chân trang” của trình duyệt.',
  share: 'Gửi tệp PDF đã lưu…',
  shareHint: 'Chọn tệp PDF vừa lưu để gửi qua Zalo, thư điện tử…',
  shareFailed: 'Không gửi được tệp. Hãy gửi tệp PDF từ thư mục Tải xuống.',
  notFound: 'Không tìm thấy báo cáo này trên máy.',
  missingTitle: 'Thông tin còn thiếu để in',
  missingIntro: 'Các mục này in ở đầu và cuối văn bản. Ô để trống sẽ in thành chỗ trống để điền tay.',
  issuanceTitle: 'Số và ngày của văn bản',
  number: 'Số văn bản',
  numberHint: 'Ví dụ: 05 (in thành “Số: 05/BC-…”)',
  date: 'Ngày ký văn bản',
  superiorName: 'Tên công đoàn cấp trên trực tiếp',
  superiorNameHint: 'Như in trên văn bản, ví dụ: Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
  unionName: 'Tên công đoàn cơ sở',
  shortName: 'Chữ viết tắt tên công đoàn (trong ký hiệu)',
  shortNameHint: 'Ví dụ: CĐCS (in thành “Số: 05/BC-CĐCS”)',
  placeName: 'Địa danh ghi trước ngày tháng',
  placeNameHint: 'Ví dụ: Tây Ninh',
  signerName: 'Họ và tên người ký',
  signerTitle: 'Chức vụ người ký',
  signerTitleHint: 'Ví dụ: Chủ tịch, Phó Chủ tịch',
  recipients: 'Nơi nhận (mỗi dòng một nơi)',
  recipientsHint: '“Như trên” và “Lưu: VT” được in sẵn.',
  save: 'Lưu thông tin',
  saved: 'Đã lưu.',
  saveFailed: 'Chưa lưu được. Thông tin vẫn còn trên màn hình; hãy thử lại.',
  acceptedNoEdit: 'Báo cáo đã được chấp nhận nên không đổi được số và ngày; văn bản in như đã gửi.',
  errorsTitle: 'Báo cáo còn lỗi (chưa gửi được)',
  warningsTitle: 'Cảnh báo',
  explained: 'đã giải thích',
  notExplained: 'chưa giải thích',
  noIssues: 'Số liệu không còn lỗi.',
  fix: 'Sửa',
  documentTitle: (period: string, union: string) => `Báo cáo ${period}${union ? ` - ${union}` : ''}`,
};

export type PrintMessages = typeof vi;

const en: PrintMessages = {
  title: 'Preview and print the report',
  back: 'Back to the report',
  print: 'Print / Save as PDF',
  printHint:
    'On Android, choose the printer “Save as PDF”; on iPhone, choose Print and share the PDF. Turn off the browser’s “Headers and footers”.',
  share: 'Send the saved PDF…',
  shareHint: 'Pick the PDF you just saved to send it by Zalo, e-mail…',
  shareFailed: 'The file could not be sent. Send the PDF from the Downloads folder.',
  notFound: 'This report is not on this device.',
  missingTitle: 'Missing for printing',
  missingIntro: 'These are printed at the top and bottom of the document. An empty one prints as a blank to fill by hand.',
  issuanceTitle: 'Document number and date',
  number: 'Document number',
  numberHint: 'For example 05 (printed “Số: 05/BC-…”)',
  date: 'Date of signature',
  superiorName: 'Direct superior union',
  superiorNameHint: 'As printed on documents, e.g. Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
  unionName: 'Union name',
  shortName: 'Union short name (in the symbol)',
  shortNameHint: 'For example CĐCS (printed “Số: 05/BC-CĐCS”)',
  placeName: 'Place name before the date',
  placeNameHint: 'For example Tây Ninh',
  signerName: 'Signer’s full name',
  signerTitle: 'Signer’s title',
  signerTitleHint: 'For example Chủ tịch, Phó Chủ tịch',
  recipients: 'Recipients (one per line)',
  recipientsHint: '“Như trên” and “Lưu: VT” are printed anyway.',
  save: 'Save',
  saved: 'Saved.',
  saveFailed: 'Not saved. What you typed is still here; try again.',
  acceptedNoEdit: 'The report was accepted, so its number and date cannot change; it prints as sent.',
  errorsTitle: 'The report still has errors (it cannot be sent yet)',
  warningsTitle: 'Warnings',
  explained: 'explained',
  notExplained: 'not explained',
  noIssues: 'No errors in the figures.',
  fix: 'Fix',
  documentTitle: (period: string, union: string) => `Report ${period}${union ? ` - ${union}` : ''}`,
};

export function printMessages(language: Language): PrintMessages {
  return language === 'en' ? en : vi;
}
