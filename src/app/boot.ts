import { catchInstallOffer } from './pwa/installOfferCatcher';

/**
 * The page's entry. On a first visit (no service worker controls the page yet) the app's script is
 * asked for only after the static shell of index.html has painted: on a slow phone and a weak line the
 * officer sees what the app is at once instead of a white page while some 120 KB arrive and compile.
 * Once installed, the script comes from the service worker's cache and starts without waiting; a tab
 * opened in the background starts at once too (it paints no frame until it is shown).
 */
catchInstallOffer();

const start = (): void => void import('./main');

if (navigator.serviceWorker?.controller || document.visibilityState === 'hidden') start();
else {
  requestAnimationFrame(() => setTimeout(start, 0));
  // Hidden before its first frame (the officer switched away at once), the page draws none, so the
  // frame above would not come until it is shown again. A second import() returns the same module.
  document.addEventListener('visibilitychange', start, { once: true });
}
