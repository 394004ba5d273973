import { onInstallOffer } from './installOfferCatcher';
import { signal } from '../ui/signal';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The browser's offer to install, kept until the officer presses our button. */
export const installOffer = signal<BeforeInstallPromptEvent | null>(null);

/** Takes the offer `boot.ts` caught before the app ran, and every later one. */
export function listenForInstallOffer(): void {
  onInstallOffer((event) => installOffer.set(event as BeforeInstallPromptEvent));
  window.addEventListener('appinstalled', () => installOffer.set(null));
}

export async function acceptInstallOffer(): Promise<void> {
  const offer = installOffer.get();
  if (!offer) return;
  installOffer.set(null);
  await offer.prompt();
}
