import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from '../../../src/domain/period';
import { newPhoneContext } from './accessibility';
import { watchCspViolations } from './browser';

/**
 * Signs in through the staff screen's form, as a staff member does. Callers wait for the screen they
 * expect next (the year picker, the place, a table), since that differs by role and test.
 */
export async function submitStaffSignIn(page: Page, serverUrl: string, { username, password }: { username: string; password: string }): Promise<void> {
  await page.goto(`${serverUrl}/#/staff`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * Hands a staff session's token to the page before its scripts run (the key the staff app keeps it under
 * in sessionStorage), for tests whose subject is not the sign-in form.
 */
/** Signs in through the form and waits for the node screen (its year picker): the staff's usual first step. */
export async function signInStaff(page: Page, serverUrl: string, account: { username: string; password: string }): Promise<void> {
  await submitStaffSignIn(page, serverUrl, account);
  await page.getByTestId('staff-year').waitFor();
}

export async function useStaffSession(page: Page, headers: { authorization?: string }): Promise<void> {
  await page.addInitScript((token) => sessionStorage.setItem('bao-cao-cdcs.staff.token', token), headers.authorization!.replace('Bearer ', ''));
}

/** An officer's phone and a staff member's desk, side by side, each page watched for CSP violations. */
export interface PhoneAndDesk {
  page: Page;
  staffPage: Page;
  csp: string[];
  staffCsp: string[];
  close(): Promise<void>;
}

/**
 * Opens the phone (360 × 740, touch) and a 1280 × 900 desk signed in with `staffHeaders`' session, for
 * round trips between the officer and the superior. Close it in a `finally`.
 */
export async function openPhoneAndDesk(browser: Browser, staffHeaders: { authorization?: string }): Promise<PhoneAndDesk> {
  const phone = await newPhoneContext(browser);
  const desk = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  const close = async () => {
    await phone.close();
    await desk.close();
  };
  try {
    const page = await phone.newPage();
    const staffPage = await desk.newPage();
    const csp = watchCspViolations(page);
    const staffCsp = watchCspViolations(staffPage);
    await useStaffSession(staffPage, staffHeaders);
    return { page, staffPage, csp, staffCsp, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Last year, the year a phone reports on at the start of a year, kept within the years the app offers. */
export function lastReportableYear(): number {
  return Math.min(Math.max(new Date().getFullYear() - 1, FIRST_REPORT_YEAR), LAST_REPORT_YEAR);
}

/** A staff tab and an officer's tab in one browser context (so `setOffline` takes both), each watched for CSP violations. */
export interface StaffAndPhoneTabs {
  context: BrowserContext;
  staffPage: Page;
  phonePage: Page;
  staffCsp: string[];
  phoneCsp: string[];
}

/** Opens the two tabs; the caller closes `context` in a `finally`. */
export async function openStaffAndPhoneTabs(browser: Browser): Promise<StaffAndPhoneTabs> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const staffPage = await context.newPage();
  const phonePage = await context.newPage();
  return { context, staffPage, phonePage, staffCsp: watchCspViolations(staffPage), phoneCsp: watchCspViolations(phonePage) };
}

/** Opens a node's staff screen on `year`, signed in with `staffHeaders`' session. */
export async function openNodeScreen(staffPage: Page, staffHeaders: { authorization?: string }, { serverUrl, nodeId, year }: { serverUrl: string; nodeId: string; year: number }): Promise<void> {
  await useStaffSession(staffPage, staffHeaders);
  await staffPage.goto(`${serverUrl}/#/staff/node/${nodeId}`);
  await staffPage.getByTestId('staff-year').selectOption(String(year));
  // The year remounts the node screen, which draws only "loading" until the node comes: wait for its table.
  await staffPage.locator(`[data-testid="overview-table"][data-period="${year}-yearly"]`).waitFor();
}

/** A staff API call the test makes to set the scene (opening a round, …); anything but 2xx throws with the answer. */
export async function staffRequest<T>(serverUrl: string, headers: Record<string, string>, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
