import type { Language } from '../i18n';
import { useSignal } from '../ui/signal';
import { pwaMessages } from './messages';
import { applyUpdate, postponeUpdate, updatePhase } from './serviceWorker';
import './pwa.css';

export function UpdatePrompt({ language = 'vi' }: { language?: Language }) {
  const phase = useSignal(updatePhase);
  if (phase === 'idle') return null;
  const t = pwaMessages(language);
  return (
    <section className="pwa-banner pwa-update" role="status" aria-live="polite" data-testid="update-prompt">
      <p className="pwa-banner-title">{t.updateAvailable}</p>
      <p>{phase === 'blocked' ? t.updateBlocked : phase === 'applying' ? t.updateApplying : t.updateExplanation}</p>
      <div className="pwa-actions">
        <button
          type="button"
          className="pwa-button pwa-primary"
          disabled={phase === 'applying'}
          onClick={() => void applyUpdate()}
          data-testid="update-apply"
        >
          {t.updateApply}
        </button>
        <button type="button" className="pwa-button" disabled={phase === 'applying'} onClick={postponeUpdate}>
          {t.updateLater}
        </button>
      </div>
    </section>
  );
}
