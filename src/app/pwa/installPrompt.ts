import { signal } from './store';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's offer to install, kept until the officer presses our button. */
export const installOffer = signal<BeforeInstallPromptEvent | null>(null);

/** Must run before React mounts: Chromium may fire `beforeinstallprompt` right after load. */
export function listenForInstallOffer(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Our own button replaces Chromium's mini-infobar, which officers dismiss without reading.
    event.preventDefault();
    installOffer.set(event as BeforeInstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => installOffer.set(null));
}

export async function acceptInstallOffer(): Promise<void> {
  const offer = installOffer.get();
  if (!offer) return;
  installOffer.set(null);
  await offer.prompt();
}
