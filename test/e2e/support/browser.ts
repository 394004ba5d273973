import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium: never a downloaded browser. */
/** A phone as the officers hold it: 360 × 740 CSS px, touch, mobile viewport rules, Vietnamese. */
export const PHONE = { locale: 'vi-VN', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const launchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-gpu',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions);
}

export interface Profile {
  dir: string;
  launch(options?: { offline?: boolean }): Promise<BrowserContext>;
  remove(): Promise<void>;
}

/** A browser profile on disk, so that IndexedDB and the service worker outlive a browser restart. */
export async function makeProfile(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'bao-cao-cdcs-profile-'));
  return {
    dir,
    launch: ({ offline = false } = {}) =>
      chromium.launchPersistentContext(dir, { ...launchOptions, offline, acceptDownloads: true, locale: 'vi-VN' }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Resolves once a service worker is active and controls this page: from then on it loads offline. */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/** Collects the Content-Security-Policy refusals Chromium reports on this page's console. */
export function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/**
 * Collects the errors a page writes to its console and the exceptions it throws, as they happen; with
 * `responses`, also every answer of 400 or more, with its request (the console's "Failed to load
 * resource" does not say which).
 */
export function watchConsoleErrors(page: Page, { responses = false }: { responses?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  if (responses)
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`response: ${response.request().method()} ${new URL(response.url()).pathname} ${response.status()} (on ${new URL(page.url()).hash})`);
    });
  return errors;
}

/**
 * A new page of `context`, watched for CSP violations from its first request, opened at `url` and
 * returned once the service worker controls it (so later visits work offline).
 */
export async function openControlledPage(context: BrowserContext, url: string): Promise<{ page: Page; cspViolations: string[] }> {
  const page = await context.newPage();
  const cspViolations = watchCspViolations(page);
  await page.goto(url);
  await waitForServiceWorkerControl(page);
  return { page, cspViolations };
}

/**
 * Waits until the element shows exactly `text` (after the screen's own updates), event-driven by
 * Playwright. Unlike `expect.poll`, whose one-second default a loaded machine misses, it waits for the
 * condition itself, within Playwright's per-step limit.
 */
export async function waitForText(locator: Locator, text: string): Promise<void> {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await locator.filter({ hasText: exactly }).waitFor();
}

/** Waits until the elements matching `selector` carry exactly these `attribute` values, in this order. */
export async function waitForAttributes(page: Page, selector: string, attribute: string, expected: string[]): Promise<void> {
  await page.waitForFunction(
    ([css, name, wanted]) => JSON.stringify([...document.querySelectorAll(css)].map((element) => element.getAttribute(name))) === wanted,
    [selector, attribute, JSON.stringify(expected)] as const,
  );
}
