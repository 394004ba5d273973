import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeProfile } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});

describe('the production build as an installable app', () => {
  it('has zero installability errors in Chromium and a Vietnamese manifest', async () => {
    // A real profile on disk: Chromium refuses installation in incognito contexts.
    const profile = await makeProfile();
    const context = await profile.launch();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(manifestHref).toBeTruthy();
      const manifest = await (await page.request.get(new URL(manifestHref!, server.url).href)).json();
      expect(manifest).toMatchObject({ lang: 'vi', name: 'Báo cáo CĐCS', display: 'standalone', theme_color: '#b71c1c' });
      for (const icon of manifest.icons as { src: string; sizes: string }[]) {
        const response = await page.request.get(new URL(icon.src, server.url).href);
        expect(response.headers()['content-type'], icon.src).toBe('image/png');
      }
      // Installability needs a service worker with a fetch handler controlling the page.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      // Chromium offers installation once the criteria hold; the app turns the offer into a small
      // dismissible banner on the list, and a button in Settings, both named for what they do.
      const banner = page.getByTestId('install-banner-button');
      await banner.waitFor();
      expect(await banner.innerText()).toBe('Cài lên màn hình chính');
      await page.getByTestId('install-banner-dismiss').click();
      expect(await page.getByTestId('install-banner').count()).toBe(0);
      // Not under every screen any more, where it was taken for the "Cài đặt" (settings) tab.
      await page.getByTestId('nav-profile').click();
      expect(await page.getByTestId('install-button').count()).toBe(0);
      await page.getByTestId('nav-settings').click();
      const install = page.getByTestId('install-button');
      await install.waitFor();
      expect(await install.innerText()).toBe('Cài lên màn hình chính');
    } finally {
      await context.close();
      await profile.remove();
    }
  });
});

describe('where the browser offers no install button', () => {
  it('tells an iPhone Safari user how to add the app to the home screen', async () => {
    const userAgent =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const context = await browser.newContext({ userAgent, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const banner = page.getByTestId('install-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('Nhấn Chia sẻ, rồi Thêm vào MH chính');
      await page.goto(`${server.url}/#/settings`);
      const hint = page.getByTestId('install-ios-hint');
      await hint.waitFor();
      expect(await hint.innerText()).toContain('Nhấn Chia sẻ, rồi Thêm vào MH chính');
      expect(await page.getByTestId('in-app-browser-notice').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

const inAppUserAgents: [string, string][] = [
  [
    'Zalo',
    'Mozilla/5.0 (Linux; Android 13; SM-A525F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Zalo android/12100684 ZaloTheme/light ZaloLanguage/vi',
  ],
  [
    'Facebook',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/446.0.0.37.106;FBBV/562342455;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.2;FBSS/3;FBLC/vi_VN;FBOP/5]',
  ],
  [
    'Messenger',
    'Mozilla/5.0 (Linux; Android 12; Redmi Note 11 Build/SKQ1.211103.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/438.0.0.33.118;]',
  ],
  [
    'Instagram',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 309.0.2.18.99 (iPhone13,2; iOS 16_6; vi_VN; vi; scale=3.00; 1170x2532; 538476041)',
  ],
  [
    'TikTok',
    'Mozilla/5.0 (Linux; Android 11; CPH2127 Build/RKQ1.201217.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 trill_310503 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/31.5.3 ByteLocale/vi BytedanceWebview/d8a21c6',
  ],
];

describe('opened inside a chat or social app', () => {
  it.each(inAppUserAgents)('tells the officer in %s to open the address in Chrome or Safari', async (app, userAgent) => {
    const context = await browser.newContext({ userAgent, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const notice = page.getByTestId('in-app-browser-notice');
      await notice.waitFor({ state: 'visible' });
      const text = await notice.innerText();
      expect(text).toContain(`Bạn đang mở trong trình duyệt của ${app}`);
      expect(text).toMatch(/Chrome|Safari/);
      expect(await notice.getByRole('textbox').inputValue()).toBe(`${server.url}/`);
      await notice.getByTestId('copy-address').waitFor({ state: 'visible' });
    } finally {
      await context.close();
    }
  });

  it('stays silent in an ordinary Chrome', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      // The notice would be drawn in the same render as the app's own screen, which carries test ids.
      await page.locator('#root [data-testid]').first().waitFor();
      expect(await page.getByTestId('in-app-browser-notice').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
