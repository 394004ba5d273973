import type { Workbox } from 'workbox-window';
import { signal } from '../ui/signal';
import { flushPendingWrites, hasPendingWrites } from '../db/pendingWrites';
import { afterFirstScreen } from '../ui/firstScreen';

/**
 * `idle`: nothing to offer. `waiting`: a new version is installed and waits for the officer.
 * `applying`: flushing edits, then switching. `blocked`: an edit could not be flushed, so no reload.
 */
export type UpdatePhase = 'idle' | 'waiting' | 'applying' | 'blocked';

export const updatePhase = signal<UpdatePhase>('idle');

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
let workbox: Workbox | undefined;

/**
 * Registers `/sw.js` after the page has loaded. workbox-window is imported lazily so that it never
 * weighs on the entry bundle; the service worker only matters from the second visit on.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = async () => {
    const { Workbox } = await import('workbox-window');
    workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => updatePhase.set('waiting'));
    const registration = await workbox.register({ immediate: true });
    // An officer keeps the installed app open for days: look for a new version when it comes back.
    let lastCheck = Date.now();
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible' || !navigator.onLine) return;
      if (Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return;
      lastCheck = Date.now();
      void registration?.update().catch(() => undefined);
    });
  };
  // After load, once the first screen is drawn and the browser is idle: on an offline cold start 'load'
  // comes while the editor is still being drawn, and loading workbox-window then competed with it.
  const run = () => void start().catch(() => undefined);
  if (document.readyState === 'complete') afterFirstScreen(run);
  else window.addEventListener('load', () => afterFirstScreen(run), { once: true });
}

/** True when every typed edit is committed to IndexedDB, so a reload loses nothing. */
async function settleUnsavedWork(): Promise<boolean> {
  try {
    await flushPendingWrites();
  } catch {
    return false;
  }
  return !hasPendingWrites();
}

/** Applies the waiting version only once every edit is in IndexedDB; never reloads over unsaved work. */
export async function applyUpdate(): Promise<void> {
  updatePhase.set('applying');
  if (!(await settleUnsavedWork())) {
    updatePhase.set('blocked');
    return;
  }
  const registration = await navigator.serviceWorker.getRegistration();
  if (!workbox || !registration?.waiting) {
    // Another tab already switched to the new version: this page only needs to load it.
    window.location.reload();
    return;
  }
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

export function postponeUpdate(): void {
  updatePhase.set('idle');
}
