/**
 * public/sw-push.js, the worker's push and tap handlers, run in a sandbox with a stand-in worker scope:
 * what each payload shows, and where a tap leads. The real worker in Chromium: test/e2e/push.test.ts.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PUSH_KINDS, type PushPayload } from '../../../src/domain/notifications';

const SOURCE = readFileSync(new URL('../../../public/sw-push.js', import.meta.url), 'utf8');
const ORIGIN = 'https://baocao.example.vn';

interface Shown {
  title: string;
  options: { body: string; tag: string; lang: string; icon: string; data: { url: string } };
}

interface WindowStub {
  url: string;
  navigated: string[];
  focused: number;
}

function worker(windows: WindowStub[] = []) {
  const handlers = new Map<string, (event: unknown) => void>();
  const shown: Shown[] = [];
  const posted: unknown[] = [];
  const opened: string[] = [];
  const clientOf = (stub: WindowStub) => ({
    get url() {
      return stub.url;
    },
    postMessage: (message: unknown) => posted.push(message),
    navigate: async (url: string) => {
      stub.navigated.push(url);
      stub.url = url;
      return clientOf(stub);
    },
    focus: async () => {
      stub.focused++;
      return clientOf(stub);
    },
  });
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, handler: (event: unknown) => void) => handlers.set(type, handler),
    registration: { showNotification: async (title: string, options: Shown['options']) => void shown.push({ title, options }) },
    clients: { matchAll: async () => windows.map(clientOf), openWindow: async (url: string) => void opened.push(url) },
  };
  runInNewContext(SOURCE, { self, URL });
  const dispatch = async (type: string, event: object) => {
    let work: Promise<unknown> = Promise.resolve();
    handlers.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => (work = promise) });
    await work;
  };
  return {
    shown,
    posted,
    opened,
    push: (data: string | null) => dispatch('push', { data: data === null ? null : { json: () => JSON.parse(data) } }),
    tap: (notification: { data: unknown }) => dispatch('notificationclick', { notification: { ...notification, close: () => undefined } }),
  };
}

const payload: PushPayload = {
  v: 1,
  kind: 'report_accepted',
  title: 'Báo cáo đã được chấp nhận',
  body: 'LĐLĐ tỉnh đã chấp nhận báo cáo năm 2025.',
  url: '/#/report/r-1',
  tag: 'report-r-1',
};

describe('a push on the phone', () => {
  it('shows each kind of the contract with its title, body, tag, the app icon, in Vietnamese, and asks the pages to sync', async () => {
    for (const kind of PUSH_KINDS) {
      const phone = worker([{ url: `${ORIGIN}/#/`, navigated: [], focused: 0 }]);
      await phone.push(JSON.stringify({ ...payload, kind }));
      expect(phone.shown, kind).toEqual([
        {
          title: payload.title,
          options: { body: payload.body, tag: payload.tag, lang: 'vi', icon: '/pwa-192x192.png', badge: '/pwa-64x64.png', data: { url: '/#/report/r-1' } },
        },
      ]);
      expect(phone.posted).toEqual([{ type: 'bao-cao-cdcs-sync' }]);
    }
  });

  it('shows the generic Vietnamese notification for anything it cannot read, never nothing', async () => {
    const unreadable = [
      null,
      'not json',
      JSON.stringify({ ...payload, v: 2 }),
      JSON.stringify({ ...payload, kind: 'something_new' }),
      JSON.stringify({ ...payload, title: '' }),
      JSON.stringify({ ...payload, url: 'https://elsewhere.example/' }),
      JSON.stringify({ ...payload, url: '/#/report/r-1/../../x y' }),
      JSON.stringify({ ...payload, body: 3 }),
    ];
    for (const data of unreadable) {
      const phone = worker();
      await phone.push(data);
      expect(phone.shown.map((shown) => [shown.title, shown.options.body, shown.options.data.url]), String(data)).toEqual([
        ['Báo cáo CĐCS', 'Báo cáo CĐCS có tin mới', '/#/'],
      ]);
    }
  });
});

describe('a tap on the notification', () => {
  it("sends the app's open window to the address and brings it forward", async () => {
    const open: WindowStub = { url: `${ORIGIN}/#/settings`, navigated: [], focused: 0 };
    const phone = worker([{ url: 'https://other.example/', navigated: [], focused: 0 }, open]);
    await phone.tap({ data: { url: '/#/report/r-1' } });
    expect(open.navigated).toEqual([`${ORIGIN}/#/report/r-1`]);
    expect(open.focused).toBe(1);
    expect(phone.opened).toEqual([]);
  });

  it('opens a window there when none of the app is open, and the list for an address that is not the app’s', async () => {
    const phone = worker();
    await phone.tap({ data: { url: '/#/report/r-1' } });
    await phone.tap({ data: { url: 'https://elsewhere.example/' } });
    await phone.tap({ data: null });
    expect(phone.opened).toEqual([`${ORIGIN}/#/report/r-1`, `${ORIGIN}/#/`, `${ORIGIN}/#/`]);
  });
});
