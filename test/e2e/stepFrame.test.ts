/**
 * The frame around a report's step on a 360 px phone (src/app/formFields/StepFrame.tsx), in Chromium on the
 * production build: whichever step the officer is on, its chip is in view in the sideways strip (one or
 * two of 6–11 fit), the line over the bar says where the step stands ("Phần 5/11") without repeating its
 * title, and the step's heading sits inside its card even when a form's long title wraps. Plan 94's
 * editor and a Mẫu 1-HĐCĐ report both, no console error on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openControlledPage, PHONE, watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, MAU_1_ROUND, seedRounds } from './support/officerApp';
import { serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

serverAndBrowserPerFile(serveDist, (started, launched) => {
  server = started;
  browser = launched;
});


/** How long a condition may take to come true on a busy machine (vitest's own default is one second). */
const POLL = 15_000;

/** Where the current step's chip, the strip, the step's heading and its card are on the screen. */
async function frame(page: Page) {
  return page.evaluate(() => {
    // What a sighted officer reads: the text without what is there for a screen reader only.
    const visibleText = (element: Element | null) => {
      const copy = element?.cloneNode(true) as Element | undefined;
      copy?.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return copy?.textContent?.trim() ?? '';
    };
    const box = (element: Element | null) => {
      if (!element) throw new Error('missing');
      const { left, right, top, width } = element.getBoundingClientRect();
      return { left, right, top, width };
    };
    return {
      strip: box(document.querySelector('.section-chips')),
      chip: box(document.querySelector('.section-chips [aria-current="step"]')),
      heading: box(document.querySelector('fieldset.section > legend')),
      card: box(document.querySelector('fieldset.section')),
      progress: visibleText(document.querySelector('.progress-label')),
    };
  });
}

/** Goes through every step with "Phần sau", checking the frame at each. */
async function walkSteps(page: Page, count: number): Promise<number> {
  let widest = 0;
  for (let step = 1; step <= count; step++) {
    await expect.poll(async () => (await frame(page)).progress, { timeout: POLL }).toBe(`Phần ${step}/${count}`);
    // The strip scrolls after the step is drawn: wait for the chip to come into view.
    await expect
      .poll(async () => {
        const { strip, chip } = await frame(page);
        return chip.left >= strip.left - 1 && chip.right <= strip.right + 1;
      }, { timeout: POLL })
      .toBe(true);
    const { strip, chip, heading, card, progress } = await frame(page);
    expect(progress, `step ${step}: the line over the bar`).toBe(`Phần ${step}/${count}`);
    expect(heading.top, `step ${step}: the heading inside its card`).toBeGreaterThan(card.top);
    widest = Math.max(widest, chip.width / strip.width);
    if (step < count) await page.getByTestId('section-next').click();
  }
  return widest;
}

describe('the step frame on a 360 px phone', () => {
  it('shows the current step’s chip at every step of Plan 94’s report, its heading inside the card', async () => {
    const context = await browser.newContext(PHONE);
    try {
      const { page } = await openControlledPage(context, server.url);
      const errors = watchConsoleErrors(page);
      await createReport(page, { year: 2025, kind: 'yearly' });
      await page.getByTestId('section-panel-membership').waitFor();
      await walkSteps(page, 11);
      // Back to the first step from the last: the strip comes back with it. Clicked as a script does: a
      // click of Playwright's would scroll the chip into view itself.
      await page.getByTestId('section-membership').evaluate((chip) => (chip as HTMLButtonElement).click());
      await expect.poll(async () => (await frame(page)).progress, { timeout: POLL }).toBe('Phần 1/11');
      await expect
        .poll(async () => {
          const { strip, chip } = await frame(page);
          return chip.left >= strip.left - 1 && chip.right <= strip.right + 1;
        }, { timeout: POLL })
        .toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps a form’s long step titles to four fifths of the strip and their headings inside the card', async () => {
    const context = await browser.newContext(PHONE);
    try {
      const { page } = await openControlledPage(context, server.url);
      const errors = watchConsoleErrors(page);
      await page.getByTestId('create-report').waitFor();
      await seedRounds(page, [MAU_1_ROUND]);
      await page.reload();
      await page.locator('[data-testid="due-round"][data-form="mau-1-hdcd"]').getByTestId('due-round-create').click();
      await page.getByTestId('form-report-editor').waitFor();
      const steps = Number(/\/(\d+)$/.exec((await frame(page)).progress)?.[1]);
      expect(steps).toBeGreaterThan(3);
      const widest = await walkSteps(page, steps);
      expect(widest).toBeLessThanOrEqual(0.81);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
