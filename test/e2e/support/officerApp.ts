import type { Page } from 'playwright-core';

/** Drives the officer app as a person would, through the test ids its screens carry. */

export async function createReport(page: Page, period: { year: number; kind: string }): Promise<string> {
  await page.getByTestId('create-year').selectOption(String(period.year));
  await page.getByTestId('create-kind').selectOption(period.kind);
  await page.getByTestId('create-report').click();
  await page.waitForURL(/#\/report\/[^/]+/);
  return reportIdOf(page.url());
}

export function reportIdOf(url: string): string {
  const match = /#\/report\/([^/]+)/.exec(url);
  if (!match) throw new Error(`not a report address: ${url}`);
  return decodeURIComponent(match[1]!);
}

/** How many autosave commits this page has made (the db layer marks each one). */
export function savedCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('report-saved').length);
}

/** Types into a field as an officer does and waits until IndexedDB has committed it. */
export async function fillAndWaitSaved(page: Page, fields: Record<string, string>): Promise<void> {
  const before = await savedCount(page);
  for (const [path, value] of Object.entries(fields)) {
    const field = page.getByTestId(`field-${path}`);
    await field.fill(value);
    await field.blur();
  }
  await page.waitForFunction((count) => performance.getEntriesByName('report-saved').length > count, before);
  await page.locator('[data-testid="saved-at"][data-phase="saved"]').waitFor();
}

export async function fieldValue(page: Page, path: string): Promise<string> {
  const field = page.getByTestId(`field-${path}`);
  await field.waitFor();
  return field.inputValue();
}
