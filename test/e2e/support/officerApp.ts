import type { Page } from 'playwright-core';
import type { ReportingRound } from '../../../src/domain/round';
import { round } from '../../domain/fixtures';

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

export interface EnrolmentFields {
  /** The server the officer types in (its address is on the enrolment card). */
  serverUrl: string;
  code: string;
  deviceName?: string;
}

/**
 * Enrols this device as the officer does, in two steps: on `#/enrol` they type the server address,
 * the code and the device's name and press "Kiểm tra mã"; the screen says whose code it is
 * (`enrol-confirm`), and only then does "Kết nối" enrol. Resolves once the screen says it is done.
 * `onForm` runs once the form is drawn, before anything is typed (an accessibility check, say).
 */
export async function enrolThroughScreen(page: Page, fields: EnrolmentFields, onForm?: () => Promise<void>): Promise<void> {
  await page.goto(`${fields.serverUrl}/#/enrol`);
  await page.locator('input[name="serverUrl"]').waitFor();
  if (onForm) await onForm();
  await fillEnrolment(page, fields);
  await checkEnrolmentCode(page);
  await confirmEnrolment(page);
}

/** Step one's fields, typed into the open enrolment screen. */
export async function fillEnrolment(page: Page, { serverUrl, code, deviceName = 'Điện thoại chị Lan' }: EnrolmentFields): Promise<void> {
  await page.locator('input[name="serverUrl"]').fill(serverUrl);
  await page.locator('input[name="code"]').fill(code);
  await page.locator('input[name="deviceName"]').fill(deviceName);
}

/** "Kiểm tra mã", then waits until the screen shows whose code it is; nothing is enrolled yet. */
export async function checkEnrolmentCode(page: Page): Promise<void> {
  await pressCheckCode(page);
  await page.getByTestId('enrol-confirm').waitFor();
}

/** Only presses "Kiểm tra mã": for a code the server refuses, the caller waits for `enrol-error`. */
export async function pressCheckCode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kiểm tra mã', exact: true }).click();
}

/** Step two, once the screen shows whose code it is: "Kết nối", then waits until it is done. */
export async function confirmEnrolment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
  await page.getByTestId('enrol-done').waitFor();
}

/** A round asking for Mẫu 1-HĐCĐ, as a phone holds it once its change feed has brought it. */
export const MAU_1_ROUND: ReportingRound = round({
  id: 'r-mau-1',
  period: { year: 2025, kind: 'yearly' },
  form: { id: 'mau-1-hdcd', version: 1 },
  title: 'Báo cáo hoạt động công đoàn cơ sở năm 2025',
  plan: 'Quyết định 1454/QĐ-TLĐ',
  activities: { from: '2024-12-01', to: '2025-11-30' },
  deadline: '2035-12-10',
  openedAt: '2025-09-01T02:00:00.000Z',
});

/** Writes rounds into the phone's database as the puller leaves them (`settings`, key `rounds`); the app reads them on its next start. */
export async function seedRounds(page: Page, rounds: ReportingRound[]): Promise<void> {
  await page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bao-cao-cdcs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: 'rounds', value });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rounds,
  );
}
