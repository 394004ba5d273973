import { useState } from 'react';
import type { Language } from '../i18n';
import { useSignal } from '../ui/signal';
import { acceptInstallOffer, installOffer } from './installPrompt';
import { pwaMessages } from './messages';
import { isIosSafari, isStandalone } from './platform';
import './pwa.css';

/** iOS Safari never offers installing: the officer is told how to add the app to the home screen. */
export function canShowIosHint(): boolean {
  return isIosSafari(navigator.userAgent, navigator.maxTouchPoints) && !isStandalone();
}

const DISMISSED_KEY = 'bao-cao-cdcs-install-banner-dismissed';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * A small banner on the report list while the browser offers installing (or on iOS Safari), until
 * the officer installs or dismisses it; Settings keeps the way to install after that.
 */
export function InstallBanner({ language = 'vi' }: { language?: Language }) {
  const offer = useSignal(installOffer);
  const [dismissed, setDismissed] = useState(wasDismissed);
  const t = pwaMessages(language);
  const ios = !offer && canShowIosHint();
  if (dismissed || (!offer && !ios)) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode: the banner comes back next time, nothing worse.
    }
  };
  return (
    <aside className="pwa-install-banner" aria-label={t.installTitle} data-testid="install-banner">
      <p className="pwa-install-banner-text">{ios ? t.installIos : t.installWhy}</p>
      <div className="pwa-actions">
        {offer ? (
          <button type="button" className="pwa-button" onClick={() => void acceptInstallOffer()} data-testid="install-banner-button">
            {t.install}
          </button>
        ) : null}
        <button type="button" className="pwa-button pwa-quiet" onClick={dismiss} data-testid="install-banner-dismiss">
          {t.installDismiss}
        </button>
      </div>
    </aside>
  );
}
