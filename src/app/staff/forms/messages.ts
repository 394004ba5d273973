/** Texts of the report forms screen, Vietnamese first. The problems of an uploaded spreadsheet come from the server, in Vietnamese. */
import type { BuiltinBlock, FormStatus, RowKind, RollUp } from '../../../domain/forms/definition';
import type { Language } from '../../i18n';

const vi = {
  link: 'Biểu mẫu báo cáo',
  title: 'Biểu mẫu báo cáo',
  intro:
    'Biểu mẫu là những gì đơn vị yêu cầu CĐCS báo cáo. Soạn biểu mẫu trong một bảng tính .xlsx theo quy ước (trang chi_tieu và cai_dat), tải lên để kiểm tra, xem trước rồi ban hành. Biểu mẫu đã ban hành không thay đổi; muốn sửa, tải về, sửa, tăng phien_ban và tải lên phiên bản mới.',
  back: 'Về đơn vị',
  loading: 'Đang tải danh sách biểu mẫu…',
  listTitle: 'Các biểu mẫu',
  columns: { title: 'Biểu mẫu', code: 'Mã', version: 'Phiên bản', status: 'Tình trạng', owner: 'Đơn vị ban hành', actions: '' },
  status: { draft: 'Bản nháp', published: 'Đã ban hành' } satisfies Record<FormStatus, string>,
  builtin: 'Dựng sẵn trong ứng dụng',
  publishedOn: (date: string, by: string) => `Ban hành ${date} (${by})`,
  uploadedOn: (date: string, by: string) => `Tải lên ${date} (${by})`,
  preview: 'Xem trước',
  download: 'Tải về .xlsx',
  uploadTitle: 'Tải lên biểu mẫu',
  uploadHint: 'Chọn tệp .xlsx (tối đa 2 MB). Tải lên lại cùng phiên bản thì bản nháp được thay.',
  file: 'Tệp bảng tính',
  upload: 'Tải lên và kiểm tra',
  uploading: 'Đang kiểm tra…',
  uploaded: (title: string, version: number) => `Đã lưu bản nháp “${title}”, phiên bản ${version}. Xem trước bên dưới rồi ban hành.`,
  problemsTitle: (count: number) => `Tệp có ${count} lỗi; chưa lưu gì. Sửa trong bảng tính rồi tải lên lại.`,
  problemColumns: { sheet: 'Trang', row: 'Dòng', column: 'Cột', message: 'Vấn đề' },
  notASpreadsheet: 'Tệp này không phải là bảng tính .xlsx. Trong Excel, chọn Lưu thành “Excel Workbook (.xlsx)” rồi tải lên tệp đó.',
  tooLarge: 'Tệp lớn hơn 2 MB: đây không phải là một biểu mẫu.',
  previewTitle: (title: string, version: number) => `${title} — phiên bản ${version}`,
  basis: (basis: string) => `Căn cứ: ${basis}`,
  previewNote:
    'Biểu mẫu hiện ra đúng như trên điện thoại của cán bộ CĐCS: mỗi mục là một bước. Thử nhập số liệu để xem các ràng buộc và cảnh báo báo lỗi bên cạnh ô như thế nào.',
  phoneNotSaved: 'Xem trước: số liệu nhập ở đây không được lưu.',
  phoneFrame: 'Màn hình điện thoại (xem trước)',
  phoneLoading: 'Đang mở bản xem trước…',
  rowsTable: 'Bảng các dòng: mã, kiểu, giới hạn, cách cộng dồn, ràng buộc',
  previewColumns: {
    number: 'TT',
    code: 'Mã',
    label: 'Nội dung',
    unit: 'Đơn vị',
    kind: 'Kiểu',
    required: 'Bắt buộc',
    limits: 'Giới hạn',
    rollUp: 'Cộng dồn ở cấp trên',
    rules: 'Ràng buộc, cảnh báo',
  },
  kinds: { count: 'Số', money: 'Tiền (đồng)', yesNo: 'Có/không', date: 'Ngày', shortText: 'Chữ ngắn', longText: 'Văn bản' } satisfies Record<RowKind, string>,
  blocks: {
    membership: 'Khối dựng sẵn: đoàn viên và lao động (tỷ lệ tập hợp, chỉ tiêu 80 %)',
    dialogues: 'Khối dựng sẵn: bảng các buổi đối thoại',
  } satisfies Record<BuiltinBlock, string>,
  yes: 'Có',
  no: 'Không',
  requiredIf: (code: string) => `Khi ${code} là có`,
  atLeast: (n: string) => `≥ ${n}`,
  atMost: (n: string) => `≤ ${n}`,
  rollUp: (rollUp: RollUp): string => {
    switch (rollUp.kind) {
      case 'sum':
        return 'Tổng';
      case 'weightedMean':
        return `Bình quân theo ${rollUp.weight}`;
      case 'ratio':
        return `Tỷ lệ Σ ${rollUp.numerator} ÷ Σ ${rollUp.denominator} (tự tính)`;
      case 'countYes':
        return 'Số CĐCS trả lời có';
      case 'none':
        return 'Không cộng';
    }
  },
  error: 'Lỗi',
  warning: 'Cảnh báo',
  changeWarning: (percent: string) => `Cảnh báo khi tăng, giảm quá ${percent} % so với kỳ trước`,
  publish: 'Ban hành phiên bản này',
  publishQuestion: (title: string, version: number) =>
    `Ban hành “${title}” phiên bản ${version}? Sau khi ban hành, phiên bản này không thay đổi được nữa.`,
  publishConfirm: 'Ban hành',
  cancel: 'Huỷ',
  published: (title: string, version: number) => `Đã ban hành “${title}”, phiên bản ${version}.`,
  alreadyPublished: 'Phiên bản này đã ban hành rồi.',
};

export type FormsMessages = typeof vi;

const en: FormsMessages = {
  link: 'Report forms',
  title: 'Report forms',
  intro:
    'A form is what the node asks its grassroots unions to report. Write it in an .xlsx spreadsheet in the convention (sheets chi_tieu and cai_dat), upload it to check it, preview it, then publish it. A published form never changes: to amend it, download it, edit it, raise phien_ban and upload the new version.',
  back: 'Back to the node',
  loading: 'Loading the forms…',
  listTitle: 'Forms',
  columns: { title: 'Form', code: 'Code', version: 'Version', status: 'Status', owner: 'Issued by', actions: '' },
  status: { draft: 'Draft', published: 'Published' },
  builtin: 'Built into the app',
  publishedOn: (date, by) => `Published ${date} (${by})`,
  uploadedOn: (date, by) => `Uploaded ${date} (${by})`,
  preview: 'Preview',
  download: 'Download .xlsx',
  uploadTitle: 'Upload a form',
  uploadHint: 'Choose an .xlsx file (at most 2 MB). Uploading the same version again replaces its draft.',
  file: 'Spreadsheet file',
  upload: 'Upload and check',
  uploading: 'Checking…',
  uploaded: (title, version) => `Kept the draft “${title}”, version ${version}. Preview it below, then publish it.`,
  problemsTitle: (count) => `The file has ${count} problem(s); nothing was kept. Fix them in the spreadsheet and upload it again.`,
  problemColumns: { sheet: 'Sheet', row: 'Row', column: 'Column', message: 'Problem' },
  notASpreadsheet: 'This file is not an .xlsx spreadsheet. In Excel, save it as “Excel Workbook (.xlsx)” and upload that file.',
  tooLarge: 'The file is larger than 2 MB: it is not a form.',
  previewTitle: (title, version) => `${title} — version ${version}`,
  basis: (basis) => `Basis: ${basis}`,
  previewNote:
    'The form as a grassroots officer’s phone shows it: each section is a step. Type figures to see how the rules and warnings speak beside the field.',
  phoneNotSaved: 'Preview: figures typed here are not kept.',
  phoneFrame: 'Phone screen (preview)',
  phoneLoading: 'Opening the preview…',
  rowsTable: 'The rows as a table: code, kind, limits, roll-up, rules',
  previewColumns: {
    number: 'No.',
    code: 'Code',
    label: 'Label',
    unit: 'Unit',
    kind: 'Kind',
    required: 'Required',
    limits: 'Limits',
    rollUp: 'Roll-up at the superior',
    rules: 'Rules, warnings',
  },
  kinds: { count: 'Count', money: 'Money (đồng)', yesNo: 'Yes/no', date: 'Date', shortText: 'Short text', longText: 'Long text' },
  blocks: {
    membership: 'Built-in block: members and workers (unionization rate, 80 % target)',
    dialogues: 'Built-in block: the dialogue sessions table',
  },
  yes: 'Yes',
  no: 'No',
  requiredIf: (code) => `When ${code} is yes`,
  atLeast: (n) => `≥ ${n}`,
  atMost: (n) => `≤ ${n}`,
  rollUp: (rollUp) => {
    switch (rollUp.kind) {
      case 'sum':
        return 'Sum';
      case 'weightedMean':
        return `Mean weighted by ${rollUp.weight}`;
      case 'ratio':
        return `Ratio Σ ${rollUp.numerator} ÷ Σ ${rollUp.denominator} (computed)`;
      case 'countYes':
        return 'Unions answering yes';
      case 'none':
        return 'Not added up';
    }
  },
  error: 'Error',
  warning: 'Warning',
  changeWarning: (percent) => `Warn on a change above ${percent} % from the previous period`,
  publish: 'Publish this version',
  publishQuestion: (title, version) => `Publish “${title}” version ${version}? Once published, this version can no longer change.`,
  publishConfirm: 'Publish',
  cancel: 'Cancel',
  published: (title, version) => `Published “${title}”, version ${version}.`,
  alreadyPublished: 'This version is already published.',
};

export function formsMessages(language: Language): FormsMessages {
  return language === 'en' ? en : vi;
}
