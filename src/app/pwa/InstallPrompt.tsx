/**
 * Settings' install part, in the settings screen's chunk: the list's start never draws it (its banner is
 * InstallBanner.tsx).
 */
import type { Language } from '../i18n';
import { useSignal } from '../ui/signal';
import { canShowIosHint } from './InstallBanner';
import { acceptInstallOffer, installOffer } from './installPrompt';
import { installMessages } from './installMessages';
import { pwaMessages } from './messages';
import { isStandalone } from './platform';
import './pwa.css';

/**
 * "Cài lên màn hình chính" in Settings: the install button where the browser offers one, the
 * home-screen instruction on iOS Safari, and otherwise a sentence saying why there is no button.
 */
export function InstallPrompt({ language = 'vi' }: { language?: Language }) {
  const offer = useSignal(installOffer);
  const t = pwaMessages(language);
  const m = installMessages(language);
  return (
    <div className="pwa-install-settings" data-testid="install-settings">
      <h3 className="pwa-install-title">{t.installTitle}</h3>
      <p className="pwa-hint">{t.installWhy}</p>
      {offer ? (
        <button type="button" className="pwa-button" onClick={() => void acceptInstallOffer()} data-testid="install-button">
          {t.install}
        </button>
      ) : canShowIosHint() ? (
        <p className="pwa-hint" data-testid="install-ios-hint">
          {t.installIos}
        </p>
      ) : (
        <p className="pwa-hint">{isStandalone() ? m.installDone : m.installUnavailable}</p>
      )}
    </div>
  );
}
