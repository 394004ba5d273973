import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';

/**
 * One server and one Chromium for a whole test file: started before its first test, closed after its
 * last (a browser per test would double the suite's time on two cores). `use` hands both to the file.
 */
export function serverAndBrowserPerFile<Server extends { close(): Promise<void> }>(
  startServer: () => Promise<Server>,
  use: (server: Server, browser: Browser) => void,
): void {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
