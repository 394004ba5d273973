import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PHONE } from './browser';
import { measureTargets, targetProblems } from './targetSizes';

/** A phone as the officers hold it (./browser.ts PHONE): 360 × 740 CSS px, touch, mobile viewport rules. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext(PHONE);
}

let axeSource: Promise<string> | null = null;

function loadAxe(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core on the page as it is now: no serious or critical rule may fail. Injected through the
 * DevTools protocol (page.evaluate), so the app's strict CSP stays as it is.
 */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const source = await loadAxe();
  const violations = await page.evaluate(async (code) => {
    if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(code);
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    // An axe that checked nothing would pass everything: make sure it ran its rules.
    if (result.passes.length === 0) throw new Error('axe-core ran no rule');
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  }, source);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${where}`).toEqual([]);
}

/**
 * Every visible touch target is at least 44 × 44 CSS px and does not touch its neighbours, measured
 * as test/e2e/targetSizes.test.ts measures every screen (support/targetSizes.ts): every link,
 * button, form control and label of a checkbox or radio button, none left out by class.
 */
export async function expectTouchTargets(page: Page, where: string): Promise<void> {
  const { targets } = await measureTargets(page);
  expect(targetProblems(targets, { minimum: 44 }), `touch targets on ${where}`).toEqual([]);
}

/** Both checks, for one screen. */
export async function expectAccessibleScreen(page: Page, where: string): Promise<void> {
  await expectNoSeriousAxeViolations(page, where);
  await expectTouchTargets(page, where);
}
