import { useCallback, useEffect, useState } from 'react';
import type { Language } from '../i18n';
import { keepPushCurrent, readPushSituation, turnOffPush, turnOnPush } from './push';
import { pushMessages } from './pushMessages';
import { pushSettingState, type PushSettingState } from './pushRules';

interface Shown {
  state: PushSettingState;
  pending: boolean;
}

/** Settings → Notifications (lazy, see PushOffer.tsx): the switch, or why there is none. */
export default function PushSettingsView({ superior, language }: { superior: string; language: Language }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const read = useCallback(async () => {
    const situation = await readPushSituation();
    setShown({ state: pushSettingState(situation), pending: Boolean(situation.setting?.pending) });
  }, []);
  useEffect(() => {
    // A block made in the browser's settings is recorded before the state is drawn.
    void keepPushCurrent()
      .catch(() => undefined)
      .then(read)
      .catch(() => undefined);
  }, [read]);
  const m = pushMessages(language, superior);
  const change = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch {
      // What could be done is kept; the state read below says where it stands.
    } finally {
      await read().catch(() => undefined);
      setBusy(false);
    }
  };
  const state = shown?.state;
  const explanation =
    state === 'on'
      ? m.on
      : state === 'off'
        ? m.off
        : state === 'blocked'
          ? m.blocked
          : state === 'installFirst'
            ? m.installFirst
            : state === 'inAppBrowser'
              ? m.inAppBrowser
              : state === 'unsupported'
                ? m.unsupported
                : state === 'unenrolled'
                  ? m.unenrolled
                  : '';
  return (
    <section className="pwa-storage" data-testid="push-settings" data-state={state ?? 'checking'}>
      <h2>{m.settingsTitle}</h2>
      <p className={state === 'on' || state === 'off' ? undefined : 'pwa-hint'}>{explanation}</p>
      {shown?.pending ? <p className="pwa-hint" data-testid="push-pending">{m.pending}</p> : null}
      {state === 'on' ? (
        <button type="button" className="pwa-button" disabled={busy} onClick={() => void change(turnOffPush)} data-testid="push-turn-off">
          {m.turnOff}
        </button>
      ) : state === 'off' ? (
        <button type="button" className="pwa-button pwa-primary" disabled={busy} onClick={() => void change(turnOnPush)} data-testid="push-turn-on">
          {m.turnOn}
        </button>
      ) : null}
    </section>
  );
}
