import type { Language } from '../i18n';
import { pwaMessages } from './messages';
import './pwa.css';

/** Shown instead of a blank screen when IndexedDB refuses a write because the disk is full (see `isQuotaError`). */
export function QuotaErrorBanner({ onBackup, language = 'vi' }: { onBackup: () => void; language?: Language }) {
  const t = pwaMessages(language);
  return (
    <section className="pwa-banner pwa-quota" role="alert" data-testid="quota-error">
      <p className="pwa-banner-title">{t.quotaTitle}</p>
      <p>{t.quotaBody}</p>
      <div className="pwa-actions">
        <button type="button" className="pwa-button pwa-primary" onClick={onBackup}>
          {t.quotaBackup}
        </button>
      </div>
    </section>
  );
}
