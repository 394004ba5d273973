/**
 * Issue 24, the officer is asked once, at the right moment: in Chromium on the real server (production
 * build, SQLite), the phone enrols, a round reaches it (or the first report is sent), and only then comes the question, in Vietnamese,
 * with what it will bring and how to stop it. A yes subscribes with the server's key and tells the server;
 * a no is told to the server and never asked again; Settings turns it off and on; an answer given offline
 * reaches the server once the connection returns. An iPhone not on the home screen is told to add it first.
 * The server is the real one (every push call is watched on its way and checked with its answer); the browser's
 * push service is stubbed, as a headless Chromium has none (support/pushService.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { suggestedRound } from '../../src/domain/round';
import { startTestServer, type TestServer } from '../server/helpers';
import { waitForServiceWorkerControl, watchConsoleErrors, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fillAndWaitSaved } from './support/officerApp';
import { STUB_SUBSCRIPTION, stubPushService, type PushServiceStub } from './support/pushService';
import { lastReportableYear, staffRequest } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let roundCommune: Promise<string> | undefined;
/**
 * A commune with a round open, made once for the file: its unions' phones receive the round on their
 * first pull. Unions outside it (under the province) have no round.
 */
function communeWithRound(): Promise<string> {
  roundCommune ??= (async () => {
    const commune = await server.createNode({ name: 'Công đoàn xã Dương Minh Châu' });
    const staff = (await server.staffSession({ nodeId: commune.id, role: 'reviewer' })).headers;
    const period = { year: lastReportableYear(), kind: 'yearly' as const };
    await staffRequest(server.url, staff, 'POST', `/api/staff/nodes/${commune.id}/rounds`, {
      period,
      title: `Báo cáo tổng kết năm ${period.year}`,
      ...suggestedRound(period, Date.now()),
    });
    return commune.id;
  })();
  return roundCommune;
}

interface Phone {
  context: BrowserContext;
  page: Page;
  push: PushServiceStub;
  errors: string[];
  cspViolations: string[];
}

async function openPhone(options: { userAgent?: string; grant?: boolean } = {}): Promise<Phone> {
  const context = await browser.newContext({ locale: 'vi-VN', ...(options.userAgent ? { userAgent: options.userAgent } : {}) });
  if (options.grant) await context.grantPermissions(['notifications'], { origin: server.url });
  const push = await stubPushService(context, server.url);
  const page = await context.newPage();
  const cspViolations = watchCspViolations(page);
  const errors = watchConsoleErrors(page);
  return { context, page, push, errors, cspViolations };
}

/** Opens the app and enrols a new union under `superiorId` through the screen. */
async function enrol(page: Page, superiorId: string): Promise<void> {
  const union = await server.createUnion(`CĐCS Công ty ${Math.random().toString(36).slice(2, 8)}`, superiorId);
  const { code } = await server.issueCode(union.id);
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await enrolThroughScreen(page, { serverUrl: server.url, code });
}

/** Enrols a union of the commune with a round, then opens the list and syncs: the round arrives, the moment of the question. */
async function enrolAndReceiveRound(page: Page): Promise<void> {
  await enrol(page, await communeWithRound());
  await page.goto(`${server.url}/#/`);
  await page.getByTestId('send-now').click();
  await page.getByTestId('due-round').waitFor();
}

/** A setting as the phone keeps it in IndexedDB (src/app/db/schema.ts, SettingValues). */
function storedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (wanted) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('bao-cao-cdcs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('settings').objectStore('settings').get(wanted);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { value: unknown } | undefined)?.value);
          };
        };
      }),
    key,
  );
}

const deviceToken = async (page: Page) => (await storedSetting(page, 'deviceToken')) as string;

async function openSettings(page: Page, state: string) {
  await page.goto(`${server.url}/#/settings`);
  const panel = page.locator(`[data-testid="push-settings"][data-state="${state}"]`);
  await panel.waitFor();
  return panel;
}

async function close(phone: Phone): Promise<void> {
  expect(phone.cspViolations).toEqual([]);
  expect(phone.errors).toEqual([]);
}

describe('the officer is asked about notifications once, at the right moment', () => {
  it('asks once a round has reached the phone; a yes subscribes with the server key and Settings turns it off and on', async () => {
    const phone = await openPhone({ grant: true });
    const { page, push } = phone;
    try {
      await enrolAndReceiveRound(page);
      const offer = page.getByTestId('push-offer');
      await offer.waitFor();
      const text = await offer.innerText();
      expect(text).toContain('Nhận thông báo trên điện thoại?');
      expect(text).toContain('mở kỳ báo cáo, khi sắp đến hạn nộp, khi báo cáo bị trả lại hoặc được chấp nhận, và khi kỳ báo cáo được mở lại.');
      expect(text).toContain('Có thể tắt bất cứ lúc nào trong Cài đặt → Thông báo.');

      await page.getByTestId('push-accept').click();
      await page.locator('[data-testid="push-answered"][data-answer="turnedOn"]').waitFor();
      const token = await deviceToken(page);
      expect(await push.callsOnceThere(2)).toEqual([
        { method: 'GET', path: '/api/push/key', authorization: null, body: null, status: 200 },
        { method: 'PUT', path: '/api/push/subscription', authorization: `Bearer ${token}`, body: STUB_SUBSCRIPTION, status: 204 },
      ]);
      expect(await page.evaluate(() => localStorage.getItem('test-push-application-server-key'))).toBe(push.publicKey);

      // Settings: on; off tells the server and forgets the subscription; on again subscribes anew.
      const panel = await openSettings(page, 'on');
      await panel.getByTestId('push-turn-off').click();
      await page.locator('[data-testid="push-settings"][data-state="off"]').waitFor();
      expect((await push.callsOnceThere(3))[2]).toEqual({ method: 'DELETE', path: '/api/push/subscription', authorization: `Bearer ${token}`, body: null, status: 204 });
      expect(await page.evaluate(() => localStorage.getItem('test-push-subscription'))).toBeNull();
      await page.getByTestId('push-turn-on').click();
      await page.locator('[data-testid="push-settings"][data-state="on"]').waitFor();
      expect((await push.callsOnceThere(5)).slice(3).map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/push/key', 'PUT /api/push/subscription']);
      await close(phone);
    } finally {
      await phone.context.close();
    }
  });

  it('asks in the editor once the first report is sent, where no round has reached the phone', async () => {
    const phone = await openPhone({ grant: true });
    const { page, push } = phone;
    try {
      await enrol(page, server.root.id);
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('create-report').click();
      await page.waitForURL(/#\/report\/[^/]+/);
      await fillAndWaitSaved(page, { 'membership.workers': '40', 'membership.members': '38' });
      await page.getByTestId('primary-action').click();
      const offer = page.locator('.editor-head [data-testid="push-offer"]');
      await offer.waitFor();
      await offer.getByTestId('push-accept').click();
      await page.locator('[data-testid="push-answered"][data-answer="turnedOn"]').waitFor();
      expect((await push.callsOnceThere(2)).map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/push/key', 'PUT /api/push/subscription']);
      await close(phone);
    } finally {
      await phone.context.close();
    }
  });

  it('respects a no: the server is told, the question never comes again, and Settings can still turn it on', async () => {
    const phone = await openPhone({ grant: true });
    const { page, push } = phone;
    try {
      await enrolAndReceiveRound(page);
      await page.getByTestId('push-refuse').click();
      await page.locator('[data-testid="push-answered"][data-answer="refused"]').waitFor();
      const token = await deviceToken(page);
      expect(await push.callsOnceThere(1)).toEqual([{ method: 'PUT', path: '/api/push/refusal', authorization: `Bearer ${token}`, body: {}, status: 204 }]);

      // The answer is kept, told to the server (nothing pending): the question's rule (pushRules.ts,
      // unit-tested) never asks again on a kept answer.
      await page.reload();
      await page.getByTestId('due-round').waitFor();
      expect(await storedSetting(page, 'push')).toEqual({ decision: 'refused', pending: null });

      await openSettings(page, 'off');
      await page.getByTestId('push-turn-on').click();
      await page.locator('[data-testid="push-settings"][data-state="on"]').waitFor();
      expect(push.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['PUT /api/push/refusal', 'GET /api/push/key', 'PUT /api/push/subscription']);
      await close(phone);
    } finally {
      await phone.context.close();
    }
  });

  it('takes a denied permission as a refusal, and Settings says only the browser can allow it', async () => {
    const phone = await openPhone();
    const { page, push } = phone;
    try {
      await enrolAndReceiveRound(page);
      // The officer says yes to the app, then no to the browser's own question.
      const session = await phone.context.newCDPSession(page);
      await session.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin: server.url });
      await page.getByTestId('push-accept').click();
      await page.locator('[data-testid="push-answered"][data-answer="refused"]').waitFor();
      expect((await push.callsOnceThere(1)).map((call) => `${call.method} ${call.path}`)).toEqual(['PUT /api/push/refusal']);
      const panel = await openSettings(page, 'blocked');
      expect(await panel.innerText()).toContain('Trình duyệt đang chặn thông báo của ứng dụng này.');
      expect(await panel.getByRole('button').count()).toBe(0);
      await session.detach();
      await close(phone);
    } finally {
      await phone.context.close();
    }
  });

  it('tells the server a yes given offline once the connection returns', async () => {
    const phone = await openPhone({ grant: true });
    const { page, push, context } = phone;
    try {
      await enrolAndReceiveRound(page);
      await page.getByTestId('push-offer').waitFor();
      await context.setOffline(true);
      push.offline = true;
      await page.getByTestId('push-accept').click();
      await page.locator('[data-testid="push-answered"][data-answer="turnedOn"]').waitFor();
      await openSettings(page, 'on');
      await page.getByTestId('push-pending').waitFor();
      expect(push.calls).toEqual([]);

      push.offline = false;
      await context.setOffline(false);
      const calls = await push.callsOnceThere(2);
      expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/push/key', 'PUT /api/push/subscription']);
      expect(calls[1]!.body).toEqual(STUB_SUBSCRIPTION);
      // Offline, sync failed and logged nothing to the console; the app's own requests are not errors.
      phone.errors.splice(0, phone.errors.length, ...phone.errors.filter((error) => !/ERR_INTERNET_DISCONNECTED/.test(error)));
      await close(phone);
    } finally {
      await context.close();
    }
  });

  it('tells an iPhone not on the home screen to add the app there first', async () => {
    const phone = await openPhone({ userAgent: IPHONE_SAFARI });
    const { page, push } = phone;
    try {
      await enrolAndReceiveRound(page);
      const told = page.getByTestId('push-install-first');
      await told.waitFor();
      expect(await told.innerText()).toContain('Để nhận thông báo trên iPhone, trước hết hãy thêm ứng dụng vào màn hình chính');
      const panel = await openSettings(page, 'installFirst');
      expect(await panel.getByRole('button').count()).toBe(0);
      expect(push.calls).toEqual([]);
      await close(phone);
    } finally {
      await phone.context.close();
    }
  });
});
