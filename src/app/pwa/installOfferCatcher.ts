/**
 * Chromium may offer installation (`beforeinstallprompt`) right after load, before the app's script
 * has arrived on a first visit. This module has no imports so that it stays in the page's tiny entry
 * (`src/app/boot.ts`): it catches the offer at once and keeps it until the app asks for it.
 */
let caught: Event | null = null;
let deliver: ((offer: Event) => void) | null = null;

export function catchInstallOffer(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Our own button replaces Chromium's mini-infobar, which officers dismiss without reading.
    event.preventDefault();
    if (deliver) deliver(event);
    else caught = event;
  });
}

/** Hands over the offer caught before the app ran, then each later one. */
export function onInstallOffer(listener: (offer: Event) => void): void {
  deliver = listener;
  if (caught) {
    listener(caught);
    caught = null;
  }
}
