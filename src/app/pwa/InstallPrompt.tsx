import { acceptInstallOffer, installOffer } from './installPrompt';
import { pwaMessages, type PwaLanguage } from './messages';
import { isIosSafari, isStandalone } from './platform';
import { useSignal } from './store';
import './pwa.css';

/** An install button where the browser offers one, the home-screen instruction on iOS Safari, else nothing. */
export function InstallPrompt({ language = 'vi' }: { language?: PwaLanguage }) {
  const offer = useSignal(installOffer);
  const t = pwaMessages(language);
  if (offer) {
    return (
      <button
        type="button"
        className="pwa-button pwa-primary pwa-install"
        onClick={() => void acceptInstallOffer()}
        data-testid="install-button"
      >
        {t.install}
      </button>
    );
  }
  if (isIosSafari(navigator.userAgent, navigator.maxTouchPoints) && !isStandalone()) {
    return (
      <p className="pwa-hint" data-testid="install-ios-hint">
        {t.installIos}
      </p>
    );
  }
  return null;
}
