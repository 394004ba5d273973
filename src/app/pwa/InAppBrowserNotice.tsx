import { lazy, Suspense } from 'react';
import type { Language } from '../i18n';
import { detectInAppBrowser } from './platform';
import './pwa.css';

// Only phones inside Zalo, Facebook and the like ever load the notice and its texts.
const InAppBrowserNoticeView = /* @__PURE__ */ lazy(() => import('./InAppBrowserNoticeView'));

/** How to leave an in-app browser (no install, no lasting storage there) for Chrome or Safari. */
export function InAppBrowserNotice({ language = 'vi' }: { language?: Language }) {
  const browser = detectInAppBrowser(navigator.userAgent);
  if (!browser) return null;
  return (
    <Suspense fallback={null}>
      <InAppBrowserNoticeView browser={browser} language={language} />
    </Suspense>
  );
}
