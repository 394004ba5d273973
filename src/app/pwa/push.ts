/**
 * Web Push on the officer's phone (issue 24): asking, subscribing with the server's key, telling the
 * server (PUT/DELETE /api/push/subscription, PUT /api/push/refusal, docs/api.md) and remembering what
 * is still to tell it. Loaded lazily (pushOffer.tsx, Settings, pushUpkeep.ts): never in the entry bundle.
 * The device token and the server's address are the ones the sync engine uses (settings `deviceToken`,
 * `serverUrl`); the answer kept on the device is the setting `push` (db/schema.ts, PushSetting).
 */
import type { PushKeyResponse } from '../../domain/notifications';
import { getLocalStore, type PushSetting } from '../db';
import { detectInAppBrowser, isIos, isStandalone } from './platform';
import { pushSettingToRecord, type PushSituation } from './pushRules';

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && typeof PushManager !== 'undefined' && typeof Notification !== 'undefined';
}

interface Connection {
  serverUrl: string;
  deviceToken: string;
}

async function connection(): Promise<Connection | null> {
  const settings = getLocalStore().settings;
  const [serverUrl, deviceToken] = await Promise.all([settings.get('serverUrl'), settings.get('deviceToken')]);
  return serverUrl && deviceToken ? { serverUrl, deviceToken } : null;
}

/** `path` on the server the device enrolled with (its address may or may not end in a slash). */
function serverAddress(server: Connection, path: string): URL {
  return new URL(path, server.serverUrl.endsWith('/') ? server.serverUrl : `${server.serverUrl}/`);
}

/** What the rules (pushRules.ts) decide on, read from the browser and the device. */
export async function readPushSituation(): Promise<PushSituation> {
  const supported = pushSupported();
  const [enrolled, setting] = await Promise.all([connection().then(Boolean), getLocalStore().settings.get('push')]);
  return {
    supported,
    permission: supported ? Notification.permission : 'default',
    ios: isIos(navigator.userAgent, navigator.maxTouchPoints),
    standalone: isStandalone(),
    inAppBrowser: detectInAppBrowser(navigator.userAgent) !== null,
    enrolled,
    setting,
  };
}

/** `done`: the server took it; `later`: no connection or a passing failure, try again; `dropped`: it never will (an enrolment revoked, say). */
type CallOutcome = 'done' | 'later' | 'dropped';

async function callServer(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<CallOutcome> {
  const server = await connection();
  if (!server) return 'dropped';
  try {
    const response = await fetch(serverAddress(server, path), {
      method,
      headers: { Authorization: `Bearer ${server.deviceToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
    if (response.ok) return 'done';
    return response.status === 408 || response.status === 429 || response.status >= 500 ? 'later' : 'dropped';
  } catch {
    return 'later';
  }
}

/** The VAPID key as the Push API takes it (base64url → bytes). */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** This browser's subscription, made with the server's key when there is none yet. Null when that needs a connection we lack. */
async function ensureSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  if (existing) return existing;
  const server = await connection();
  if (!server) return null;
  try {
    const response = await fetch(serverAddress(server, 'api/push/key'), { cache: 'no-store' });
    if (!response.ok) return null;
    const { publicKey } = (await response.json()) as PushKeyResponse;
    return await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch {
    return null;
  }
}

async function keep(setting: PushSetting): Promise<void> {
  await getLocalStore().settings.set('push', setting);
}

/** Makes the server call the kept answer still needs; clears it once the server has it (or never will). */
export async function sendPendingPushCall(): Promise<void> {
  const setting = await getLocalStore().settings.get('push');
  if (!setting?.pending) return;
  let outcome: CallOutcome;
  let endpoint: string | undefined;
  if (setting.pending === 'subscription') {
    const subscription = await ensureSubscription();
    endpoint = subscription?.endpoint;
    outcome = subscription ? await callServer('PUT', 'api/push/subscription', subscription.toJSON()) : 'later';
  } else if (setting.pending === 'refusal') outcome = await callServer('PUT', 'api/push/refusal', {});
  else outcome = await callServer('DELETE', 'api/push/subscription');
  // Only if the answer did not change meanwhile (Settings in another tab).
  const now = await getLocalStore().settings.get('push');
  if (outcome !== 'later' && now?.decision === setting.decision && now.pending === setting.pending)
    await keep({ decision: setting.decision, pending: null, ...(outcome === 'done' && endpoint ? { endpoint } : {}) });
}

/** `on`: notifications are on; `refused`: the browser's question was answered no (or dismissed). */
export type TurnOnOutcome = 'on' | 'refused';

/** "Bật thông báo": the browser's question, then the subscription and the server. Offline, the server is told later. */
export async function turnOnPush(): Promise<TurnOnOutcome> {
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') {
    await refusePush();
    return 'refused';
  }
  await keep({ decision: 'accepted', pending: 'subscription' });
  await sendPendingPushCall();
  return 'on';
}

/** "Không, cảm ơn", or the browser's question answered no: never asked again; the server knows not to count on it. */
export async function refusePush(): Promise<void> {
  await keep({ decision: 'refused', pending: 'refusal' });
  await sendPendingPushCall();
}

/** Settings, "Tắt thông báo": the browser forgets the subscription and the server is told. */
export async function turnOffPush(): Promise<void> {
  await keep({ decision: 'off', pending: 'unsubscribe' });
  try {
    const subscription = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
    await subscription?.unsubscribe();
  } catch {
    // The server is told anyway and stops sending; the browser's copy goes with the next subscription.
  }
  await sendPendingPushCall();
}

/**
 * On start and when the connection returns (pushUpkeep.ts): records a refusal the browser's settings
 * made, renews a subscription the browser dropped or sends again one it changed, and sends what waits.
 */
export async function keepPushCurrent(): Promise<void> {
  const situation = await readPushSituation();
  const record = pushSettingToRecord(situation);
  if (record) await keep(record);
  else if (situation.setting?.decision === 'accepted' && situation.permission === 'granted' && !situation.setting.pending) {
    // Dropped, or renewed by the browser (a new endpoint): the server must have the current one.
    const subscription = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
    if (subscription?.endpoint !== situation.setting.endpoint) await keep({ decision: 'accepted', pending: 'subscription' });
  }
  await sendPendingPushCall();
}
