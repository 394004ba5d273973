/** Texts of the settings screen's storage panel, loaded with the panel. */
import type { Language } from '../i18n';

const vi = {
  storageTitle: 'Bộ nhớ trên máy',
  storagePersisted: 'Lưu trữ lâu dài: đã được cấp. Trình duyệt sẽ không tự xoá số liệu.',
  storageNotPersisted:
    'Lưu trữ lâu dài: chưa được cấp. Khi máy thiếu chỗ, trình duyệt có thể xoá số liệu: hãy sao lưu thường xuyên.',
  storageUnsupported: 'Trình duyệt này không cho biết về lưu trữ lâu dài: hãy sao lưu thường xuyên.',
  storageRequest: 'Xin lưu trữ lâu dài',
  storageUsage: (used: string, quota: string) => `Đã dùng ${used} trên ${quota} được phép.`,
  storageChecking: 'Đang kiểm tra bộ nhớ…',
};

export type StorageMessages = typeof vi;

const en: StorageMessages = {
  storageTitle: 'Storage on this device',
  storagePersisted: 'Persistent storage: granted. The browser will not erase your figures on its own.',
  storageNotPersisted:
    'Persistent storage: not granted. When the device runs short of space the browser may erase your figures: back up often.',
  storageUnsupported: 'This browser does not report persistent storage: back up often.',
  storageRequest: 'Ask for persistent storage',
  storageUsage: (used: string, quota: string) => `${used} used of ${quota} allowed.`,
  storageChecking: 'Checking storage…',
};

export function storageMessages(language: Language): StorageMessages {
  return language === 'en' ? en : vi;
}
