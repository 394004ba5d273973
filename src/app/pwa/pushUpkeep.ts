import { getLocalStore } from '../db';
import { afterFirstScreen } from '../ui/firstScreen';

/**
 * Once the first screen is drawn, and whenever the connection returns: tells the server what an
 * answer made offline still owes it, and keeps a subscription current (push.ts, keepPushCurrent).
 * A device whose officer was never asked loads nothing.
 */
export function keepPushCurrentWhenOnline(): void {
  const run = () => {
    if (navigator.onLine === false) return;
    void getLocalStore()
      .settings.get('push')
      .then(async (setting) => {
        if (setting) await (await import('./push')).keepPushCurrent();
      })
      .catch(() => undefined);
  };
  afterFirstScreen(run);
  window.addEventListener('online', run);
}
