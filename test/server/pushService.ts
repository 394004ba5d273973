/**
 * A push service run by the test: a local HTTP server the server's sends arrive at, as they would at
 * a browser vendor's. Each subscription is made as a browser makes it (a P-256 key pair and a 16-byte
 * auth secret), and every send is decrypted with them (RFC 8291, aes128gcm, by `http_ece`, which
 * web-push itself uses), so a test reads what the phone would show and knows who got it.
 */
import { type ECDH, createECDH, randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { PushPayload, PushSubscriptionBody } from '../../src/domain/notifications';
import { api, type EnrolledDevice, type TestServer } from './helpers';

interface Ece {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
}
const ece = createRequire(import.meta.url)('http_ece') as Ece;

export interface TestSubscription {
  id: string;
  /** What the browser hands the app (`PushSubscription.toJSON()`), for `PUT /api/push/subscription`. */
  body: PushSubscriptionBody;
}

/** One request that reached the service, decrypted. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: PushPayload;
  headers: IncomingMessage['headers'];
  /** When the request's body had fully arrived (`performance.now()`, ms): the rate tests count these per second. */
  at: number;
  /** The status the service answered (0 while held). */
  status: number;
}

/** How the service answers a request: a status (and Retry-After), or 'hold' to keep it unanswered. */
export type PushAnswerRule = (push: ReceivedPush) => { status: number; retryAfter?: string } | 'hold';

export interface TestPushService {
  url: string;
  subscribe(): TestSubscription;
  /** Every request, in arrival order. */
  received: ReceivedPush[];
  /** The requests answered 201: what the push service accepted. */
  delivered(): ReceivedPush[];
  answer: PushAnswerRule;
  /** Resolves once `count` requests were accepted (201). */
  waitForDelivered(count: number): Promise<void>;
  /** Drops the connections of held requests unanswered (their sender learns nothing). */
  dropHeld(): void;
  close(): Promise<void>;
}

export async function startPushService(): Promise<TestPushService> {
  const keys = new Map<string, { ecdh: ECDH; auth: string }>();
  const received: ReceivedPush[] = [];
  const held: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const delivered = () => received.filter((push) => push.status === 201);
  const wake = () => {
    for (const waiter of [...waiters])
      if (delivered().length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const id = (request.url ?? '').split('/').pop() ?? '';
      const key = keys.get(id);
      if (!key) {
        response.writeHead(404).end();
        return;
      }
      const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: key.ecdh, authSecret: key.auth });
      const push: ReceivedPush = { subscriptionId: id, payload: JSON.parse(plain.toString('utf8')) as PushPayload, headers: request.headers, at, status: 0 };
      received.push(push);
      const rule = service.answer(push);
      if (rule === 'hold') {
        held.push(response);
        return;
      }
      push.status = rule.status;
      response.writeHead(rule.status, rule.retryAfter ? { 'retry-after': rule.retryAfter } : {}).end();
      wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const service: TestPushService = {
    url,
    received,
    delivered,
    answer: () => ({ status: 201 }),
    subscribe() {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      keys.set(id, { ecdh, auth });
      return { id, body: { endpoint: `${url}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth }, expirationTime: null } };
    },
    waitForDelivered(count) {
      return new Promise((resolve) => {
        waiters.push({ count, resolve });
        wake();
      });
    },
    dropHeld() {
      for (const response of held.splice(0)) response.socket?.destroy();
    },
    async close() {
      service.dropHeld();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return service;
}

/** A phone of `unionId` enrolled on `server` whose browser subscribed at `push`, as the app does. */
export async function subscribeAt(server: TestServer, push: TestPushService, unionId: string): Promise<{ device: EnrolledDevice; subscription: TestSubscription }> {
  const device = await server.enrolDevice({ unionId });
  const subscription = push.subscribe();
  expect((await api(server, 'PUT', '/api/push/subscription', device, subscription.body)).status).toBe(204);
  return { device, subscription };
}

/** What the push service accepted for one subscription: what that phone was shown. */
export function deliveredTo(push: TestPushService, subscription: TestSubscription): ReceivedPush[] {
  return push.delivered().filter((entry) => entry.subscriptionId === subscription.id);
}
