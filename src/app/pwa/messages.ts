/**
 * Texts of the install, update and storage parts: Vietnamese first, English second. Only the texts
 * the entry bundle needs live here; rarely shown parts carry theirs in their own lazy chunk
 * (inAppMessages.ts, storageMessages.ts): every kilobyte of the entry counts on a slow phone.
 */
import type { Language } from '../i18n';

const vi = {
  updateAvailable: 'Có phiên bản mới',
  updateExplanation: 'Dữ liệu đã nhập được lưu trước khi cập nhật.',
  updateApply: 'Cập nhật',
  updateLater: 'Để sau',
  updateApplying: 'Đang lưu và cập nhật…',
  updateBlocked: 'Chưa lưu xong thay đổi vừa nhập, nên chưa cập nhật. Hãy thử lại sau giây lát.',
  install: 'Cài lên màn hình chính',
  installIos: 'Nhấn Chia sẻ, rồi Thêm vào MH chính để cài ứng dụng.',
  installWhy: 'Mở nhanh như một ứng dụng, dùng được cả khi không có mạng.',
  installDismiss: 'Để sau',
  installTitle: 'Cài lên màn hình chính',
  quotaTitle: 'Bộ nhớ của máy đã đầy',
  quotaBody: 'Thay đổi mới nhất chưa được lưu. Hãy tải bản sao lưu ngay, rồi giải phóng dung lượng trên máy.',
  quotaBackup: 'Tải bản sao lưu',
};

export type PwaMessages = typeof vi;

const en: PwaMessages = {
  updateAvailable: 'A new version is available',
  updateExplanation: 'What you have entered is saved before updating.',
  updateApply: 'Update',
  updateLater: 'Later',
  updateApplying: 'Saving and updating…',
  updateBlocked: 'Your latest change is not saved yet, so the update waits. Try again in a moment.',
  install: 'Add to home screen',
  installIos: 'To install: tap Share, then Add to Home Screen.',
  installWhy: 'Opens quickly like an app, and works without a connection.',
  installDismiss: 'Later',
  installTitle: 'Add to home screen',
  quotaTitle: 'The device storage is full',
  quotaBody: 'Your latest change is not saved. Download a backup now, then free some space on the device.',
  quotaBackup: 'Download a backup',
};

export function pwaMessages(language: Language): PwaMessages {
  return language === 'en' ? en : vi;
}
