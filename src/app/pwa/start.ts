import { listenForInstallOffer } from './installPrompt';
import { keepPushCurrentWhenOnline } from './pushUpkeep';
import { registerServiceWorker } from './serviceWorker';
import { requestPersistentStorage } from './storage';
import { afterFirstScreen } from '../ui/firstScreen';

/** Call once in main.tsx before rendering (boot.ts has already caught an early install offer). */
export function startPwa(): void {
  listenForInstallOffer();
  registerServiceWorker();
  // Not needed to show anything: asked once the first screen is drawn.
  afterFirstScreen(() => void requestPersistentStorage());
  keepPushCurrentWhenOnline();
}
