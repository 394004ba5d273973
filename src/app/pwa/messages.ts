/** Texts of the install, update and storage parts: Vietnamese first, English second. */
export type PwaLanguage = 'vi' | 'en';

export type InAppBrowserName = 'zalo' | 'facebook' | 'messenger' | 'instagram' | 'tiktok';

const vi = {
  updateAvailable: 'Có phiên bản mới',
  updateExplanation: 'Dữ liệu đã nhập được lưu trước khi cập nhật.',
  updateApply: 'Cập nhật',
  updateLater: 'Để sau',
  updateApplying: 'Đang lưu và cập nhật…',
  updateBlocked: 'Chưa lưu xong thay đổi vừa nhập, nên chưa cập nhật. Hãy thử lại sau giây lát.',
  install: 'Cài đặt ứng dụng',
  installIos: 'Để cài ứng dụng: nhấn Chia sẻ, rồi Thêm vào MH chính.',
  inAppTitle: (app: string) => `Bạn đang mở trong trình duyệt của ${app}`,
  inAppWhy: 'Ở đây không cài được ứng dụng và số liệu có thể bị xoá bất cứ lúc nào. Hãy mở địa chỉ này bằng Chrome hoặc Safari.',
  inAppAndroid: 'Nhấn nút ⋮ ở góc trên, chọn “Mở bằng trình duyệt”, hoặc chép địa chỉ rồi dán vào Chrome.',
  inAppIos: 'Nhấn nút ⋯ hoặc nút Chia sẻ, chọn “Mở trong Safari”, hoặc chép địa chỉ rồi dán vào Safari.',
  inAppAddress: 'Địa chỉ của ứng dụng',
  copyLink: 'Chép địa chỉ',
  linkCopied: 'Đã chép địa chỉ',
  copyFailed: 'Không chép được: hãy giữ ngón tay trên địa chỉ để chép.',
  openInChrome: 'Mở bằng Chrome',
  dismiss: 'Để sau',
  storageTitle: 'Bộ nhớ trên máy',
  storagePersisted: 'Lưu trữ lâu dài: đã được cấp. Trình duyệt sẽ không tự xoá số liệu.',
  storageNotPersisted:
    'Lưu trữ lâu dài: chưa được cấp. Khi máy thiếu chỗ, trình duyệt có thể xoá số liệu: hãy sao lưu thường xuyên.',
  storageUnsupported: 'Trình duyệt này không cho biết về lưu trữ lâu dài: hãy sao lưu thường xuyên.',
  storageRequest: 'Xin lưu trữ lâu dài',
  storageUsage: (used: string, quota: string) => `Đã dùng ${used} trên ${quota} được phép.`,
  storageChecking: 'Đang kiểm tra bộ nhớ…',
  quotaTitle: 'Bộ nhớ của máy đã đầy',
  quotaBody: 'Thay đổi mới nhất chưa được lưu. Hãy tải bản sao lưu ngay, rồi giải phóng dung lượng trên máy.',
  quotaBackup: 'Tải bản sao lưu',
};

type PwaMessages = typeof vi;

const en: PwaMessages = {
  updateAvailable: 'A new version is available',
  updateExplanation: 'What you have entered is saved before updating.',
  updateApply: 'Update',
  updateLater: 'Later',
  updateApplying: 'Saving and updating…',
  updateBlocked: 'Your latest change is not saved yet, so the update waits. Try again in a moment.',
  install: 'Install the app',
  installIos: 'To install: tap Share, then Add to Home Screen.',
  inAppTitle: (app: string) => `You are in ${app}'s built-in browser`,
  inAppWhy: 'The app cannot be installed here and your figures may be erased at any time. Open this address in Chrome or Safari.',
  inAppAndroid: 'Tap ⋮ at the top, choose “Open in browser”, or copy the address and paste it into Chrome.',
  inAppIos: 'Tap ⋯ or Share, choose “Open in Safari”, or copy the address and paste it into Safari.',
  inAppAddress: 'Address of the app',
  copyLink: 'Copy address',
  linkCopied: 'Address copied',
  copyFailed: 'Could not copy: press and hold the address to copy it.',
  openInChrome: 'Open in Chrome',
  dismiss: 'Later',
  storageTitle: 'Storage on this device',
  storagePersisted: 'Persistent storage: granted. The browser will not erase your figures on its own.',
  storageNotPersisted:
    'Persistent storage: not granted. When the device runs short of space the browser may erase your figures: back up often.',
  storageUnsupported: 'This browser does not report persistent storage: back up often.',
  storageRequest: 'Ask for persistent storage',
  storageUsage: (used: string, quota: string) => `${used} used of ${quota} allowed.`,
  storageChecking: 'Checking storage…',
  quotaTitle: 'The device storage is full',
  quotaBody: 'Your latest change is not saved. Download a backup now, then free some space on the device.',
  quotaBackup: 'Download a backup',
};

export const inAppBrowserNames: Record<InAppBrowserName, string> = {
  zalo: 'Zalo',
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  tiktok: 'TikTok',
};

export function pwaMessages(language: PwaLanguage = 'vi'): PwaMessages {
  return language === 'en' ? en : vi;
}
