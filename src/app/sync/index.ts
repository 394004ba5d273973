/**
 * What the app uses of sync, kept tiny for the entry bundle: the engine itself (push, pull, merge,
 * backoff, its Dexie transactions) loads in its own chunk after first paint, since the first paint
 * never needs the network. Until it has loaded, the status reads as "not started" and actions wait
 * for it.
 *
 * Call `startSync()` once at app start.
 */
import type { ReportDocument } from '../../domain/report';
import type { EnrolInput, EnrolPreviewResult, EnrolResult } from './enrol';
import type { SyncRunResult, SyncStatus } from './engine';

export type { SyncEngine, SyncEngineState, SyncStatus, SyncRunResult } from './engine';
export type { EnrolFailure, EnrolInput, EnrolPreviewResult, EnrolResult } from './enrol';

type Runtime = typeof import('./browser');

const NOT_STARTED: SyncStatus = { state: 'unenrolled', lastSyncAt: null, retryAt: null };
let status: SyncStatus = NOT_STARTED;
const listeners = new Set<() => void>();
let runtime: Promise<Runtime> | null = null;

function loadRuntime(): Promise<Runtime> {
  runtime ??= import('./browser');
  return runtime;
}

function publish(next: SyncStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

/** Load the engine and start its triggers (app start, online, visibility, edits, timer). Safe to call twice. */
export function startSync(): Promise<void> {
  return loadRuntime().then((loaded) => {
    const engine = loaded.startSync();
    engine.subscribe(publish);
    publish(engine.getStatus());
  });
}

/** The engine's status for `useSyncExternalStore`. */
export function getSyncStatus(): SyncStatus {
  return status;
}

export function subscribeSyncStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isSyncStarted(): boolean {
  return status !== NOT_STARTED;
}

/** "Gửi ngay": forget the backoff and sync now. */
export async function sendNow(): Promise<SyncRunResult | null> {
  const loaded = await loadRuntime();
  return loaded.getSyncEngine()?.sendNow() ?? null;
}

/** Which union and superior an enrolment code belongs to, before the officer confirms. Saves nothing. */
export async function previewEnrolment(input: Pick<EnrolInput, 'serverUrl' | 'code'>): Promise<EnrolPreviewResult> {
  return (await loadRuntime()).previewEnrolment(input);
}

/** Enrol this device, keep its token, and push every report drafted before (attached to the union). */
export async function enrol(input: EnrolInput): Promise<EnrolResult> {
  const loaded = await loadRuntime();
  const result = await loaded.enrol(input);
  const engine = loaded.getSyncEngine();
  if (engine) {
    engine.subscribe(publish);
    publish(engine.getStatus());
  }
  return result;
}

/**
 * The officer's decision on a conflict, made against the server revision `decidedAgainstRevision`,
 * saved and queued. Returns the stored document, which an open editor must take over.
 */
export async function resolveConflict(
  reportId: string,
  resolved: ReportDocument,
  decidedAgainstRevision: string,
): Promise<ReportDocument | null> {
  const loaded = await loadRuntime();
  return loaded.resolveConflict(reportId, resolved, decidedAgainstRevision);
}

/** The saved server address and device name, for the enrolment screen's defaults. */
export async function enrolmentDetails(): Promise<{ serverUrl: string | null; deviceName: string | null; enrolled: boolean }> {
  return (await loadRuntime()).enrolmentDetails();
}
