import { useEffect, useState } from 'react';
import type { Language } from '../i18n';
import { keepPushCurrent, readPushSituation, refusePush, turnOnPush } from './push';
import { pushMessages } from './pushMessages';
import { pushOffer, type PushOffer } from './pushRules';

const INSTALL_FIRST_DISMISSED_KEY = 'bao-cao-cdcs-push-install-first-dismissed';

function installFirstDismissed(): boolean {
  try {
    return localStorage.getItem(INSTALL_FIRST_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

type Shown = PushOffer | 'working' | 'turnedOn' | 'refused';

/** The question itself (lazy, see PushOffer.tsx): what the officer will receive, how to stop it, yes or no. */
export default function PushOfferView({ superior, language }: { superior: string; language: Language }) {
  const [shown, setShown] = useState<Shown>('none');
  useEffect(() => {
    let live = true;
    void readPushSituation()
      .then(async (situation) => {
        const offer = pushOffer(situation, true);
        // A browser that already blocks notifications is not asked: its refusal is recorded instead.
        if (offer === 'none') await keepPushCurrent();
        if (live) setShown(offer === 'installFirst' && installFirstDismissed() ? 'none' : offer);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const m = pushMessages(language, superior);
  if (shown === 'none') return null;
  if (shown === 'turnedOn' || shown === 'refused')
    return (
      <p className="pwa-hint" role="status" data-testid="push-answered" data-answer={shown}>
        {shown === 'turnedOn' ? m.turnedOn : m.refused}
      </p>
    );
  if (shown === 'installFirst') {
    const dismiss = () => {
      setShown('none');
      try {
        localStorage.setItem(INSTALL_FIRST_DISMISSED_KEY, '1');
      } catch {
        // Private mode: told again next time, nothing worse.
      }
    };
    return (
      <aside className="pwa-banner" aria-label={m.title} data-testid="push-install-first">
        <p>{m.installFirst}</p>
        <div className="pwa-actions">
          <button type="button" className="pwa-button pwa-quiet" onClick={dismiss}>
            {m.installFirstDismiss}
          </button>
        </div>
      </aside>
    );
  }
  const accept = async () => {
    setShown('working');
    setShown((await turnOnPush().catch(() => 'refused' as const)) === 'on' ? 'turnedOn' : 'refused');
  };
  const refuse = async () => {
    setShown('working');
    await refusePush().catch(() => undefined);
    setShown('refused');
  };
  return (
    <aside className="pwa-banner" aria-labelledby="push-offer-title" data-testid="push-offer">
      <p className="pwa-banner-title" id="push-offer-title">
        {m.title}
      </p>
      <p>{m.what}</p>
      <p className="pwa-hint">{m.howToStop}</p>
      <div className="pwa-actions">
        <button type="button" className="pwa-button pwa-primary" disabled={shown === 'working'} onClick={() => void accept()} data-testid="push-accept">
          {shown === 'working' ? m.working : m.accept}
        </button>
        <button type="button" className="pwa-button" disabled={shown === 'working'} onClick={() => void refuse()} data-testid="push-refuse">
          {m.refuse}
        </button>
      </div>
    </aside>
  );
}
