import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The page's window, as far as the catcher uses it. */
let page: EventTarget;

beforeEach(() => {
  vi.resetModules();
  page = new EventTarget();
  vi.stubGlobal('window', page);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const offer = () => new Event('beforeinstallprompt', { cancelable: true });

describe('the install offer caught by the page entry (src/app/boot.ts)', () => {
  it('keeps an offer Chromium made before the app ran, and hands it to the app once it listens', async () => {
    const { catchInstallOffer, onInstallOffer } = await import('../../../src/app/pwa/installOfferCatcher');
    catchInstallOffer();
    const early = offer();
    page.dispatchEvent(early);
    // Chromium's own mini-infobar is replaced by the app's button.
    expect(early.defaultPrevented).toBe(true);

    const received: Event[] = [];
    onInstallOffer((event) => received.push(event));
    expect(received).toEqual([early]);

    const later = offer();
    page.dispatchEvent(later);
    expect(received).toEqual([early, later]);
    expect(later.defaultPrevented).toBe(true);
  });

  it('hands nothing over when Chromium made no offer', async () => {
    const { catchInstallOffer, onInstallOffer } = await import('../../../src/app/pwa/installOfferCatcher');
    catchInstallOffer();
    const listener = vi.fn();
    onInstallOffer(listener);
    expect(listener).not.toHaveBeenCalled();
  });
});
