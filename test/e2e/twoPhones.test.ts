/**
 * Issue 12 in the browser: two officers of one CĐCS, each with their own Chromium phone (a browser
 * context of its own: its own IndexedDB, service worker and device token), on the production build
 * served by the real server. Both go offline, each types a figure into the same report, they come
 * back one after the other, and the second keeps typing in the open screen. Nothing is lost: the
 * other phone's figure appears in the open form at once, the field being typed in keeps its focus
 * and its text, nobody is asked anything, and both phones and the server end with all three figures.
 * Run with the edits in both orders.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/domain/report';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForServiceWorkerControl, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { createReport, enrolThroughScreen, fieldValue, fillAndWaitSaved } from './support/officerApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const OTHER_ORGANISATIONS = 'membership.membersInOtherOrganisations';
const MEMBERS_LEFT = 'membership.membersLeft';
const NEW_MEMBERS = 'membership.newMembers';

interface Phone {
  name: string;
  context: BrowserContext;
  page: Page;
  csp: string[];
}

async function enrolledPhone(name: string, code: string): Promise<Phone> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  const csp = watchCspViolations(page);
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await enrolThroughScreen(page, { serverUrl: server.url, code, deviceName: `Điện thoại ${name}` });
  return { name, context, page, csp };
}

/** Waits until the server's copy satisfies `test` (the phones sync on their own once online). */
async function serverHolds(id: string, test: (document: ReportDocument) => boolean): Promise<ReportDocument> {
  await expect.poll(async () => {
    const document = await server.storedDocument(id);
    return document !== null && test(document);
  }, { timeout: 150_000, interval: 100 }).toBe(true);
  return (await server.storedDocument(id))!;
}

/** The editor's status card showing a draft whose every change is on the server. */
function editorInSync(page: Page) {
  return page.locator('.editor-head [data-testid="report-standing"][data-stage="draftSaved"][data-unsent="false"]');
}

/** "Gửi ngay" on the list, then opens the report once the list shows it in sync. */
async function syncAndOpen(phone: Phone, reportId: string): Promise<void> {
  const { page } = phone;
  await page.goto(`${server.url}/#/`);
  await page.getByTestId('send-now').click();
  const item = page.locator(`[data-testid="report-item"][data-report-id="${reportId}"]`);
  await item.locator('[data-testid="report-standing"][data-stage="draftSaved"][data-unsent="false"]').waitFor();
  await item.locator('[data-testid="report-open"]').click();
  await page.getByTestId(`field-${OTHER_ORGANISATIONS}`).waitFor();
}

/** Waits until the open form shows `text` in the field, without anyone touching it. */
async function formShows(page: Page, path: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([testId, expected]) => (document.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement | null)?.value === expected,
    [`field-${path}`, text] as const,
  );
}

describe('two phones typing into one report offline (issue 12)', () => {
  for (const order of ['A types first', 'B types first'] as const) {
    it(`keeps every figure and shows it in the open form at once (${order})`, async () => {
      const { code } = await server.createUnionWithCode({ name: `CĐCS Công ty Dệt ${order}`, maxUses: 2 });
      const a = await enrolledPhone('A', code);
      const b = await enrolledPhone('B', code);
      try {
        // Both phones have the 2025 report, in sync, open in the editor.
        await a.page.goto(`${server.url}/#/`);
        const reportId = await createReport(a.page, { year: 2025, kind: 'yearly' });
        await fillAndWaitSaved(a.page, { 'membership.workers': '120', 'membership.members': '100' });
        await syncAndOpen(a, reportId);
        await syncAndOpen(b, reportId);
        expect(await fieldValue(b.page, 'membership.members')).toBe('100');

        await a.context.setOffline(true);
        await b.context.setOffline(true);
        const typeA = () => fillAndWaitSaved(a.page, { [OTHER_ORGANISATIONS]: '12' });
        const typeB = () => fillAndWaitSaved(b.page, { [MEMBERS_LEFT]: '45' });
        if (order === 'A types first') {
          await typeA();
          await typeB();
        } else {
          await typeB();
          await typeA();
        }
        // B leaves the report open, the cursor in "new members", and starts typing there.
        const newMembers = b.page.getByTestId(`field-${NEW_MEMBERS}`);
        await newMembers.click();
        await b.page.keyboard.type('8');

        // A comes online and syncs: the server holds 12.
        await a.context.setOffline(false);
        await serverHolds(reportId, (d) => d.membership.membersInOtherOrganisations === 12);
        // B comes online and syncs: the merge holds 12 and 45, and B's open form shows the 12 at once,
        // while the field B is typing in keeps its focus and its text.
        await b.context.setOffline(false);
        await serverHolds(reportId, (d) => d.membership.membersInOtherOrganisations === 12 && d.membership.membersLeft === 45);
        await formShows(b.page, OTHER_ORGANISATIONS, '12');
        expect(await newMembers.evaluate((input) => input === document.activeElement)).toBe(true);
        expect(await newMembers.inputValue()).toBe('8');

        // B types on in the same screen: 86 new members. The autosave and the next sync keep the 12.
        await b.page.keyboard.type('6');
        expect(await newMembers.inputValue()).toBe('86');
        await newMembers.blur();
        const final = await serverHolds(reportId, (d) => d.membership.newMembers === 86);
        expect(final.membership).toMatchObject({ membersInOtherOrganisations: 12, membersLeft: 45, newMembers: 86, workers: 120, members: 100 });
        await editorInSync(b.page).waitFor();
        expect(await b.page.locator('[data-phase="conflict"]').count()).toBe(0);

        // Phone A, which typed the 12, gets the rest without losing it.
        await syncAndOpen(a, reportId);
        await formShows(a.page, NEW_MEMBERS, '86');
        expect(await fieldValue(a.page, OTHER_ORGANISATIONS)).toBe('12');
        expect(await fieldValue(a.page, MEMBERS_LEFT)).toBe('45');
        expect(await fieldValue(b.page, OTHER_ORGANISATIONS)).toBe('12');
        expect(await server.storedDocument(reportId)).toEqual(final);
        expect([...a.csp, ...b.csp]).toEqual([]);
      } finally {
        await a.context.close();
        await b.context.close();
      }
    });
  }
});
