/**
 * Edits typed but not yet committed to IndexedDB (the autosave debounce holds them for a few
 * hundred milliseconds). Whoever is about to end this page — a service-worker update, a
 * `versionchange` from another tab, `pagehide` — asks here whether edits are waiting and flushes
 * them first. The editor registers one source per open report.
 */
export interface PendingWriteSource {
  hasPendingWrites(): boolean;
  /** Commit what is waiting. Resolves once it is in IndexedDB (or rejects with a storage error). */
  flush(): Promise<void>;
}

const sources = new Set<PendingWriteSource>();
const listeners = new Set<() => void>();

export function registerPendingWriteSource(source: PendingWriteSource): () => void {
  sources.add(source);
  notifyPendingWritesChanged();
  return () => {
    sources.delete(source);
    notifyPendingWritesChanged();
  };
}

/** True while some typed edit is not yet in IndexedDB. */
export function hasPendingWrites(): boolean {
  for (const source of sources) if (source.hasPendingWrites()) return true;
  return false;
}

/** Commit every waiting edit. Rejects if one of them could not be stored (e.g. disk full). */
export async function flushPendingWrites(): Promise<void> {
  const results = await Promise.allSettled([...sources].map((source) => source.flush()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Subscribe to "pending edits appeared / were committed", e.g. to enable an update button. */
export function onPendingWritesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sources call this when their pending state flips. */
export function notifyPendingWritesChanged(): void {
  for (const listener of listeners) listener();
}
