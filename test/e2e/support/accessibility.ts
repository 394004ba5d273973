import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A phone as the officers hold it: 360 × 740 CSS px, touch, mobile viewport rules. */
export function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'vi-VN',
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
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

interface TargetBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Every visible touch target is at least 44 × 44 CSS px and does not touch its neighbours. Targets:
 * buttons, links drawn as buttons or tabs, form controls, and the labels that wrap radio buttons and
 * checkboxes (the label is what a thumb hits). Links inside a sentence are text, not targets.
 */
export async function expectTouchTargets(page: Page, where: string): Promise<void> {
  const boxes = await page.evaluate(() => {
    // At the top the sticky tab bar sits in its own place, not over whatever was scrolled under it.
    window.scrollTo(0, 0);
    const selector = [
      'button',
      'a.button',
      'a.tab',
      'a.link-back',
      'a.report-link',
      'a.sync-button',
      'a.pwa-button',
      'select',
      'textarea',
      'input:not([type=radio]):not([type=checkbox]):not([type=hidden])',
      'label.choice-option',
      'label.checkbox',
      'label.sync-choice',
      'label.button',
    ].join(',');
    const found: TargetBox[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // Hidden, or visually hidden behind the label that is drawn as its target (a file input).
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') continue;
      if (element.closest('.visually-hidden')) continue;
      const name = `${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''} “${(element.innerText || element.getAttribute('aria-label') || element.id).trim().slice(0, 40)}”`;
      found.push({ name, x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height });
    }
    return found;
  });
  const small = boxes.filter((box) => box.width < 44 - 0.5 || box.height < 44 - 0.5).map((b) => `${b.name} ${b.width.toFixed(0)}×${b.height.toFixed(0)}`);
  expect(small, `touch targets under 44 × 44 on ${where}`).toEqual([]);
  // Nested targets (a button inside a label) are one target; neighbours must have space between them.
  const contains = (a: TargetBox, b: TargetBox) => a.x <= b.x && a.y <= b.y && a.x + a.width >= b.x + b.width && a.y + a.height >= b.y + b.height;
  const touching: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (contains(a, b) || contains(b, a)) continue;
      const apartX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
      const apartY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
      if (Math.max(apartX, apartY) < 2) touching.push(`${a.name} / ${b.name}`);
    }
  expect(touching, `touch targets without space between them on ${where}`).toEqual([]);
}

/** Both checks, for one screen. */
export async function expectAccessibleScreen(page: Page, where: string): Promise<void> {
  await expectNoSeriousAxeViolations(page, where);
  await expectTouchTargets(page, where);
}
