import { useState } from 'react';
import type { Language } from '../i18n';
import { inAppBrowserNames, inAppMessages } from './inAppMessages';
import { isAndroid, type InAppBrowserName } from './platform';

type CopyState = 'idle' | 'copied' | 'failed';

/** Chrome on Android opens an `intent:` address even when the app's web view would not. */
function chromeIntentUrl(href: string): string {
  const url = new URL(href);
  return `intent://${url.host}${url.pathname}${url.search}#Intent;scheme=${url.protocol.replace(':', '')};package=com.android.chrome;end`;
}

export default function InAppBrowserNoticeView({ browser, language }: { browser: InAppBrowserName; language: Language }) {
  const [dismissed, setDismissed] = useState(false);
  const [copy, setCopy] = useState<CopyState>('idle');
  if (dismissed) return null;
  const t = inAppMessages(language);
  const address = window.location.origin + '/';
  const android = isAndroid(navigator.userAgent);
  const copyAddress = async () => {
    try {
      await navigator.clipboard.writeText(address);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section className="pwa-banner pwa-in-app" role="alert" data-testid="in-app-browser-notice">
      <p className="pwa-banner-title">{t.inAppTitle(inAppBrowserNames[browser])}</p>
      <p>{t.inAppWhy}</p>
      <p>{android ? t.inAppAndroid : t.inAppIos}</p>
      <label className="pwa-address">
        <span>{t.inAppAddress}</span>
        <input type="url" readOnly value={address} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <div className="pwa-actions">
        <button type="button" className="pwa-button pwa-primary" onClick={() => void copyAddress()} data-testid="copy-address">
          {t.copyLink}
        </button>
        {android && (
          <a className="pwa-button" href={chromeIntentUrl(address)}>
            {t.openInChrome}
          </a>
        )}
        <button type="button" className="pwa-button" onClick={() => setDismissed(true)}>
          {t.dismiss}
        </button>
      </div>
      {copy !== 'idle' && (
        <p className="pwa-hint" role="status">
          {copy === 'copied' ? t.linkCopied : t.copyFailed}
        </p>
      )}
    </section>
  );
}
