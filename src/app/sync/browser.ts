/**
 * The app's one sync engine, wired to the browser. Loaded lazily through `./index` (the app never
 * imports this module directly, so it stays out of the entry bundle). Triggers: app start,
 * `online`, the tab becoming visible, an edit (the outbox gains an entry), the engine's own timer
 * (periodic pull, retries), "Gửi ngay" (`sendNow()`), and Background Sync where the browser has it
 * (an extra only: Safari and Firefox lack it).
 */
import type { ReportDocument } from '../../domain/report';
import { getLocalStore, type LocalStore, type OutboxEntry } from '../db';
import { SyncRepository } from '../db/syncRepository';
import { createSyncEngine, type SyncEngine } from './engine';
import type { EnrolInput, EnrolPreviewResult, EnrolResult } from './enrol';
import { webLock } from './lock';

/** The tag a service worker's `sync` event carries; it posts `{ type: BACKGROUND_SYNC_TAG }` to its pages. */
export const BACKGROUND_SYNC_TAG = 'bao-cao-cdcs-sync';
/** The tag of Periodic Background Sync; on `periodicsync` the worker posts `{ type: PERIODIC_PULL_TAG }`. */
export const PERIODIC_PULL_TAG = 'bao-cao-cdcs-pull';
const PERIODIC_PULL_INTERVAL_MS = 6 * 60 * 60_000;

interface AppSync {
  engine: SyncEngine;
  repository: SyncRepository;
  stop(): void;
}

let current: AppSync | null = null;

/**
 * An edit replaces its report's outbox entry with a new key: a due entry whose key was not there
 * before means "push soon". Entries the engine removed or set aside never trigger a push.
 */
export function hasNewEdit(knownKeys: ReadonlySet<string>, entries: readonly OutboxEntry[], now: number): boolean {
  return entries.some((entry) => !knownKeys.has(entry.idempotencyKey) && entry.nextAttemptAt <= now);
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Ask the browser to wake us when the connection returns, where it can (Chromium). */
async function registerBackgroundSync(): Promise<void> {
  try {
    if (!('serviceWorker' in navigator)) return;
    const registration = await navigator.serviceWorker.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
    await sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Not allowed or not supported: the other triggers still run.
  }
}

interface PeriodicSyncManagerLike {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Ask the browser to wake the app now and then to look for the superior's decisions, where it lets
 * us (Chromium, an installed app, permission granted). An extra: the page's own pulls remain.
 */
async function registerPeriodicPull(): Promise<void> {
  try {
    if (!('serviceWorker' in navigator) || !navigator.permissions) return;
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state !== 'granted') return;
    const registration = await navigator.serviceWorker.ready;
    const periodicSync = (registration as ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManagerLike }).periodicSync;
    await periodicSync?.register(PERIODIC_PULL_TAG, { minInterval: PERIODIC_PULL_INTERVAL_MS });
  } catch {
    // Not supported or not allowed: the foreground pulls still bring the decisions.
  }
}

export function startSync(store: LocalStore = getLocalStore()): SyncEngine {
  if (current) return current.engine;
  const repository = new SyncRepository(store);
  const engine = createSyncEngine({
    storage: repository,
    fetch: (input, init) => globalThis.fetch(input, init),
    lock: webLock(),
    isOnline,
  });

  const onOnline = () => engine.requestSync('online');
  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    engine.requestSync('visible');
    // Back in the foreground is when the officer looks for the superior's decision: pull it now,
    // even while pushes wait out a backoff.
    void engine.pullOnce();
  };
  const onWorkerMessage = (event: MessageEvent) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === BACKGROUND_SYNC_TAG) engine.requestSync('backgroundSync');
    else if (type === PERIODIC_PULL_TAG) void engine.pullOnce();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  if ('serviceWorker' in navigator) navigator.serviceWorker.addEventListener('message', onWorkerMessage);

  let knownKeys = new Set<string>();
  const stopWatching = repository.watchOutbox((entries) => {
    const fresh = hasNewEdit(knownKeys, entries, Date.now());
    knownKeys = new Set(entries.map((entry) => entry.idempotencyKey));
    if (fresh) engine.requestSync('localChange');
  });
  // One Background Sync registration per loss of connection, re-armed by the next success: the
  // browser fires `sync` at once when it believes it is online (lie-fi, or a connection the page
  // cannot use), and since that skips the backoff, registering on every failed retry would loop.
  let backgroundSyncArmed = true;
  const stopStatus = engine.subscribe((status) => {
    if (status.state === 'idle') backgroundSyncArmed = true;
    else if (status.state === 'offline' && backgroundSyncArmed) {
      backgroundSyncArmed = false;
      void registerBackgroundSync();
    }
  });

  engine.start();
  void registerPeriodicPull();
  current = {
    engine,
    repository,
    stop() {
      engine.stop();
      stopWatching();
      stopStatus();
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      if ('serviceWorker' in navigator) navigator.serviceWorker.removeEventListener('message', onWorkerMessage);
      current = null;
    },
  };
  return engine;
}

/** The running engine, or null before `startSync()` (features show no sync controls then). */
export function getSyncEngine(): SyncEngine | null {
  return current?.engine ?? null;
}

export function stopSync(): void {
  current?.stop();
}

function repositoryOf(store?: LocalStore): SyncRepository {
  return current?.repository ?? new SyncRepository(store ?? getLocalStore());
}

/**
 * The enrolment's calls and their refusals: a chunk of their own, fetched by the enrolment screen only.
 * Every start loads this module (the engine), and a device enrols once; a first visit, never enrolled
 * yet, would otherwise fetch them before the list's "Tạo báo cáo" is done (the bundle budget, issue 22).
 */
function loadEnrolment(): Promise<typeof import('./enrol')> {
  return import('./enrol');
}

/**
 * Enrol this device, keep the token, and push at once every report drafted before (the server
 * attaches them to the union).
 */
export async function enrol(input: EnrolInput): Promise<EnrolResult> {
  const repository = repositoryOf();
  const { enrolDevice } = await loadEnrolment();
  const result = await enrolDevice(
    {
      fetch: (url, init) => globalThis.fetch(url, init),
      saveEnrolment: (serverUrl, token, deviceName) => repository.saveEnrolment(serverUrl, token, deviceName),
      saveSuperior: (superior) => repository.saveSuperior(superior),
      fillProfile: (enrolled) => repository.fillProfile(enrolled),
      isOnline,
    },
    input,
  );
  if (result.ok) void (current?.engine ?? startSync()).sendNow();
  return result;
}

/** Which union and superior a code belongs to, shown for the officer to confirm before enrolling. */
export async function previewEnrolment(input: Pick<EnrolInput, 'serverUrl' | 'code'>): Promise<EnrolPreviewResult> {
  const { previewEnrolment: previewWithServer } = await loadEnrolment();
  return previewWithServer({ fetch: (url, init) => globalThis.fetch(url, init), isOnline }, input);
}

/** The officer's decision on a conflict, queued for the next push. */
export async function resolveConflict(
  reportId: string,
  resolved: ReportDocument,
  decidedAgainstRevision: string,
): Promise<ReportDocument | null> {
  const saved = await repositoryOf().resolveConflict(reportId, resolved, decidedAgainstRevision);
  current?.engine.requestSync('sendNow');
  return saved;
}

/** The device name and server address saved at enrolment, for the enrolment screen's defaults. */
export async function enrolmentDetails(): Promise<{ serverUrl: string | null; deviceName: string | null; enrolled: boolean }> {
  const store = getLocalStore();
  const [serverUrl, deviceName, token] = await Promise.all([
    store.settings.get('serverUrl'),
    store.settings.get('deviceName'),
    store.settings.get('deviceToken'),
  ]);
  return { serverUrl: serverUrl ?? null, deviceName: deviceName ?? null, enrolled: Boolean(token) };
}
