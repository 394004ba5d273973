/** Texts only Settings' install part shows (InstallPrompt.tsx), in the settings screen's chunk. */
import type { Language } from '../i18n';

const vi = {
  installDone: 'Ứng dụng đã được cài lên màn hình chính.',
  installUnavailable: 'Trình duyệt này chưa cho cài. Hãy mở ứng dụng bằng Chrome (Android) hoặc Safari (iPhone).',
};

export type InstallMessages = typeof vi;

const en: InstallMessages = {
  installDone: 'The app is on the home screen.',
  installUnavailable: 'This browser does not offer installing. Open the app in Chrome (Android) or Safari (iPhone).',
};

export function installMessages(language: Language): InstallMessages {
  return language === 'en' ? en : vi;
}
