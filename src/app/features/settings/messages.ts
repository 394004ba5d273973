/** Texts of the settings screen, in its own chunk (the list's start never shows them). */
import type { Language } from '../../i18n';

const vi = {
  title: 'Cài đặt',
  language: 'Ngôn ngữ',
  languages: { vi: 'Tiếng Việt', en: 'English' },
  profileLink: 'Sửa hồ sơ công đoàn',
  staffLink: 'Dành cho cán bộ công đoàn cấp trên',
};

export type SettingsMessages = typeof vi;

const en: SettingsMessages = {
  title: 'Settings',
  language: 'Language',
  languages: { vi: 'Tiếng Việt', en: 'English' },
  profileLink: 'Edit the union profile',
  staffLink: 'For staff of the upper-level unions',
};

export function settingsMessages(language: Language): SettingsMessages {
  return language === 'en' ? en : vi;
}
