/** The in-app browsers the notice names (their display names are in inAppMessages.ts, a lazy chunk). */
export type InAppBrowserName = 'zalo' | 'facebook' | 'messenger' | 'instagram' | 'tiktok';

/**
 * In-app browsers of the apps officers receive links in. Installing and lasting storage are not
 * available there. Messenger before Facebook: Messenger's agent also carries FBAN/FBAV.
 */
const inAppBrowsers: ReadonlyArray<[InAppBrowserName, RegExp]> = [
  ['zalo', /\bZalo/i],
  ['messenger', /Messenger|Orca-Android|FB_IAB\/MESSENGER/i],
  ['instagram', /\bInstagram\b/i],
  ['facebook', /FBAN|FBAV|FB_IAB|FBIOS|\[FB/],
  ['tiktok', /TikTok|musical_ly|BytedanceWebview|\btrill_/i],
];

export function detectInAppBrowser(userAgent: string): InAppBrowserName | null {
  for (const [name, pattern] of inAppBrowsers) if (pattern.test(userAgent)) return name;
  return null;
}

export function isIos(userAgent: string, maxTouchPoints = 0): boolean {
  // iPadOS presents itself as a Mac; only its touch screen tells it apart.
  return /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

export function isAndroid(userAgent: string): boolean {
  return /Android/i.test(userAgent);
}

/** Safari itself, not Chrome/Firefox/Edge for iOS nor an app's web view: only Safari can add to the home screen. */
export function isIosSafari(userAgent: string, maxTouchPoints = 0): boolean {
  return (
    isIos(userAgent, maxTouchPoints) &&
    /Safari\//.test(userAgent) &&
    !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(userAgent) &&
    detectInAppBrowser(userAgent) === null
  );
}

export function isStandalone(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia('(display-mode: standalone)').matches;
}
