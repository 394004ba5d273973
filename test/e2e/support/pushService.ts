import type { BrowserContext, Request } from 'playwright-core';

/**
 * The two outside parties of a push subscription, for a test of the officer's opt-in:
 *
 * - the province server's push API (`/api/push/*`, docs/api.md): the real server answers; every call
 *   passes through `context.route`, which keeps it (with the server's status) for the test to check and
 *   fails it as with no connection while `offline` is set;
 * - the browser's push service: a headless Chromium has none (`pushManager.subscribe` never settles),
 *   so an init script puts a stand-in `PushManager.subscribe`/`getSubscription` on every page of the
 *   context. The subscription is kept in `localStorage` so that it outlives a reload; the key the app
 *   subscribed with is kept too (`applicationServerKey`, base64url) for the test to compare.
 */
export interface PushApiCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  /** What the real server answered. */
  status: number;
}

export interface PushServiceStub {
  calls: PushApiCall[];
  /** Resolves with the first `count` calls once the stub has had that many (they follow the screen's answer). */
  callsOnceThere(count: number): Promise<PushApiCall[]>;
  /** The server's VAPID public key, as `GET /api/push/key` answers it. */
  publicKey: string;
  /**
   * While true, every call fails as with no connection. Set it with `context.setOffline`: a routed
   * request is answered by the route whatever the emulated network says.
   */
  offline: boolean;
}

export const STUB_SUBSCRIPTION = {
  endpoint: 'https://push.example.test/send/abc123',
  expirationTime: null,
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
};

export async function stubPushService(context: BrowserContext, serverUrl: string): Promise<PushServiceStub> {
  const { publicKey } = (await (await fetch(`${serverUrl}/api/push/key`)).json()) as { publicKey: string };
  const calls: PushApiCall[] = [];
  const waiting: { count: number; resolve: (calls: PushApiCall[]) => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiting])
      if (calls.length >= waiter.count) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(calls.slice(0, waiter.count));
      }
  };
  const stub: PushServiceStub = {
    calls,
    publicKey,
    offline: false,
    callsOnceThere: (count) =>
      new Promise((resolve) => {
        waiting.push({ count, resolve });
        settle();
      }),
  };
  await context.route('**/api/push/**', async (route) => {
    if (stub.offline) {
      await route.abort('internetdisconnected');
      return;
    }
    const request: Request = route.request();
    const path = new URL(request.url()).pathname;
    const text = request.postData();
    const response = await route.fetch();
    const call = { method: request.method(), path, authorization: (await request.allHeaders()).authorization ?? null, body: text ? JSON.parse(text) : null, status: response.status() };
    await route.fulfill({ response });
    calls.push(call);
    settle();
  });
  await context.addInitScript((subscription) => {
    const KEY = 'test-push-subscription';
    const SERVER_KEY = 'test-push-application-server-key';
    const asSubscription = () => ({
      ...subscription,
      toJSON: () => subscription,
      unsubscribe: async () => {
        localStorage.removeItem(KEY);
        return true;
      },
    });
    PushManager.prototype.getSubscription = async () => (localStorage.getItem(KEY) ? (asSubscription() as unknown as PushSubscription) : null);
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = new Uint8Array(options!.applicationServerKey as ArrayBuffer | Uint8Array);
      localStorage.setItem(SERVER_KEY, btoa(String.fromCharCode(...key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
      localStorage.setItem(KEY, '1');
      return asSubscription() as unknown as PushSubscription;
    };
  }, STUB_SUBSCRIPTION);
  return stub;
}
