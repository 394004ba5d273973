/** Texts of the notifications question and of its place in Settings (a lazy part: pushOffer, Settings). */
import type { Language } from '../i18n';

const vi = (superior: string) => ({
  title: 'Nhận thông báo trên điện thoại?',
  what: `Điện thoại sẽ báo khi ${superior} mở kỳ báo cáo, khi sắp đến hạn nộp, khi báo cáo bị trả lại hoặc được chấp nhận, và khi kỳ báo cáo được mở lại.`,
  howToStop: 'Có thể tắt bất cứ lúc nào trong Cài đặt → Thông báo.',
  accept: 'Bật thông báo',
  refuse: 'Không, cảm ơn',
  working: 'Đang bật…',
  turnedOn: 'Đã bật thông báo. Có thể tắt trong Cài đặt → Thông báo.',
  refused: 'Đã ghi nhận: không nhận thông báo. Có thể bật lại trong Cài đặt → Thông báo.',
  installFirst: 'Để nhận thông báo trên iPhone, trước hết hãy thêm ứng dụng vào màn hình chính: nhấn Chia sẻ, rồi Thêm vào MH chính, sau đó mở ứng dụng từ biểu tượng mới.',
  installFirstDismiss: 'Đã hiểu',
  settingsTitle: 'Thông báo',
  on: 'Thông báo đang bật: điện thoại báo khi có kỳ báo cáo mới, sắp đến hạn, và khi báo cáo được trả lại hoặc chấp nhận.',
  off: 'Thông báo đang tắt.',
  turnOn: 'Bật thông báo',
  turnOff: 'Tắt thông báo',
  blocked:
    'Trình duyệt đang chặn thông báo của ứng dụng này. Để bật lại: mở cài đặt trang (biểu tượng cạnh địa chỉ trang) → Thông báo → Cho phép.',
  inAppBrowser: 'Không nhận được thông báo trong trình duyệt của Zalo hay Facebook. Hãy mở ứng dụng bằng Chrome hoặc Safari.',
  unsupported: 'Trình duyệt này không nhận được thông báo.',
  unenrolled: `Kết nối máy với ${superior} trước, rồi bật thông báo tại đây.`,
  pending: 'Chưa báo được cho máy chủ; sẽ báo khi có mạng.',
});

export type PushMessages = ReturnType<typeof vi>;

const en = (superior: string): PushMessages => ({
  title: 'Get notifications on this phone?',
  what: `The phone tells you when ${superior} opens a reporting round, when a deadline is near, when a report is returned or accepted, and when a round is reopened.`,
  howToStop: 'You can turn them off at any time in Settings → Notifications.',
  accept: 'Turn on notifications',
  refuse: 'No, thanks',
  working: 'Turning on…',
  turnedOn: 'Notifications are on. You can turn them off in Settings → Notifications.',
  refused: 'Noted: no notifications. You can turn them on in Settings → Notifications.',
  installFirst: 'To get notifications on an iPhone, first add the app to the home screen: tap Share, then Add to Home Screen, and open the app from its new icon.',
  installFirstDismiss: 'Got it',
  settingsTitle: 'Notifications',
  on: 'Notifications are on: the phone tells you about new rounds, near deadlines, and returned or accepted reports.',
  off: 'Notifications are off.',
  turnOn: 'Turn on notifications',
  turnOff: 'Turn off notifications',
  blocked: 'The browser blocks notifications from this app. To allow them: open the site settings (the icon beside the address) → Notifications → Allow.',
  inAppBrowser: 'Notifications do not reach Zalo’s or Facebook’s browser. Open the app in Chrome or Safari.',
  unsupported: 'This browser cannot receive notifications.',
  unenrolled: `Connect this phone to ${superior} first, then turn notifications on here.`,
  pending: 'The server is not told yet; it will be when there is a connection.',
});

export function pushMessages(language: Language, superior: string): PushMessages {
  return language === 'en' ? en(superior) : vi(superior);
}
