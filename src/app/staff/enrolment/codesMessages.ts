/** Texts of a CĐCS's enrolment codes on its staff page (EnrolmentCodesCard), Vietnamese first. */
const vi = {
  title: 'Mã đăng ký máy',
  intro:
    'Mỗi mã đăng ký được cho một số máy trong một số ngày. Mã chỉ hiện đầy đủ một lần, lúc cấp; danh sách chỉ ghi hai ký tự cuối để phân biệt. Giờ theo giờ Việt Nam.',
  issueTitle: 'Cấp mã mới',
  phones: 'Số máy được đăng ký',
  phonesHint: (min: number, max: number) => `Từ ${min} đến ${max} máy.`,
  phonesInvalid: (min: number, max: number) => `Nhập số máy từ ${min} đến ${max}.`,
  days: 'Hiệu lực (số ngày)',
  daysHint: (min: number, max: number) => `Từ ${min} đến ${max} ngày.`,
  daysInvalid: (min: number, max: number) => `Nhập số ngày từ ${min} đến ${max}.`,
  issue: 'Cấp mã',
  issuing: 'Đang cấp mã…',
  issued: (phones: number, expires: string) =>
    `Đã cấp mã cho ${phones} máy, hết hạn ${expires}. Mã chỉ hiện đầy đủ một lần: hãy in phiếu hoặc ghi lại ngay.`,
  listTitle: 'Mã còn hiệu lực',
  none: 'Không có mã đăng ký nào còn hiệu lực.',
  columns: { code: 'Mã', issuedAt: 'Cấp lúc', issuedBy: 'Người cấp', expiresAt: 'Hết hạn', usesLeft: 'Còn dùng được', actions: 'Thao tác' },
  maskedLabel: (hint: string) => `Mã kết thúc bằng ${hint}`,
  maskUnknown: 'Mã cấp trước khi hệ thống ghi ký tự cuối',
  justIssued: 'vừa cấp',
  byCommandLine: 'Quản trị hệ thống',
  issuerUnknown: 'Không rõ',
  usesLeft: (left: number, max: number) => `${left}/${max} máy`,
  withdraw: 'Thu hồi mã',
  withdrawConfirm: (code: string, expires: string) =>
    `Thu hồi mã ${code} (hết hạn ${expires})? Không máy nào đăng ký được bằng mã này nữa; các máy đã kết nối vẫn dùng bình thường.`,
  withdrawYes: 'Thu hồi mã',
  cancel: 'Huỷ',
  withdrawn: (code: string) => `Đã thu hồi mã ${code}. Không máy nào đăng ký được bằng mã này nữa.`,
  viewerNote: 'Cán bộ xem xét báo cáo hoặc quản trị mới cấp và thu hồi được mã.',
  loading: 'Đang tải…',
};

export type CodesMessages = typeof vi;

const en: CodesMessages = {
  title: 'Device enrolment codes',
  intro:
    'Each enrolment code is issued for a number of devices and a number of days. A code is shown in full only once, when issued; the list keeps its last two characters to tell codes apart. Times are Vietnam time.',
  issueTitle: 'Issue a new code',
  phones: 'Devices it may enrol',
  phonesHint: (min, max) => `From ${min} to ${max} devices.`,
  phonesInvalid: (min, max) => `Enter a number of devices from ${min} to ${max}.`,
  days: 'Valid for (days)',
  daysHint: (min, max) => `From ${min} to ${max} days.`,
  daysInvalid: (min, max) => `Enter a number of days from ${min} to ${max}.`,
  issue: 'Issue the code',
  issuing: 'Issuing the code…',
  issued: (phones, expires) => `Code issued for ${phones} devices, expiring ${expires}. It is shown in full only once: print the card or write it down now.`,
  listTitle: 'Codes still valid',
  none: 'No enrolment code is still valid.',
  columns: { code: 'Code', issuedAt: 'Issued at', issuedBy: 'Issued by', expiresAt: 'Expires', usesLeft: 'Uses left', actions: 'Actions' },
  maskedLabel: (hint) => `Code ending in ${hint}`,
  maskUnknown: 'A code issued before the system kept its last characters',
  justIssued: 'just issued',
  byCommandLine: 'System administrator',
  issuerUnknown: 'Unknown',
  usesLeft: (left, max) => `${left}/${max} devices`,
  withdraw: 'Withdraw code',
  withdrawConfirm: (code, expires) => `Withdraw the code ${code} (expiring ${expires})? No device can enrol with it any more; devices already connected keep working.`,
  withdrawYes: 'Withdraw code',
  cancel: 'Cancel',
  withdrawn: (code) => `The code ${code} was withdrawn. No device can enrol with it any more.`,
  viewerNote: 'Only reviewers and administrators issue and withdraw codes.',
  loading: 'Loading…',
};

export function codesMessages(language: string): CodesMessages {
  return language === 'en' ? en : vi;
}
