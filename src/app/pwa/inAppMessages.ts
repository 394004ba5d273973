/** Texts of the in-app browser notice, loaded only inside Zalo, Facebook and the like. */
import type { Language } from '../i18n';
import type { InAppBrowserName } from './platform';

const vi = {
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
};

export type InAppMessages = typeof vi;

const en: InAppMessages = {
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
};

export function inAppMessages(language: Language): InAppMessages {
  return language === 'en' ? en : vi;
}

/** The apps by their own names, the same in both languages. */
export const inAppBrowserNames: Record<InAppBrowserName, string> = {
  zalo: 'Zalo',
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  tiktok: 'TikTok',
};
