import { listenForInstallOffer } from './installPrompt';
import { registerServiceWorker } from './serviceWorker';
import { requestPersistentStorage } from './storage';

/** Call once in main.tsx before rendering: the install offer can arrive before React mounts. */
export function startPwa(): void {
  listenForInstallOffer();
  registerServiceWorker();
  void requestPersistentStorage();
}
