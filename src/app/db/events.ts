/**
 * Things the storage layer must tell the officer about, without importing any UI:
 * - `versionchange`: another tab opened a newer version of the app; this tab flushed its draft,
 *   closed the database and must be reloaded to go on.
 * - `blocked`: this tab wants to upgrade the database but an older tab still holds it open.
 * - `quotaExceeded`: the disk is full; nothing new can be saved until space is freed or a backup made.
 * - `quotaRecovered`: a save went through again after `quotaExceeded`.
 */
export type DatabaseEvent =
  | { kind: 'versionchange' }
  | { kind: 'blocked' }
  | { kind: 'quotaExceeded' }
  | { kind: 'quotaRecovered' };

type Listener = (event: DatabaseEvent) => void;
const listeners = new Set<Listener>();
const seen = new Set<DatabaseEvent['kind']>();

export function onDatabaseEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitDatabaseEvent(event: DatabaseEvent): void {
  seen.add(event.kind);
  for (const listener of listeners) listener(event);
}

/** Whether an event already happened: a banner mounted late still shows it. */
export function hasDatabaseEventHappened(kind: DatabaseEvent['kind']): boolean {
  return seen.has(kind);
}

/** A write committed: if the disk had been full, say it is usable again. */
export function noteWriteSucceeded(): void {
  if (!seen.has('quotaExceeded')) return;
  seen.delete('quotaExceeded');
  emitDatabaseEvent({ kind: 'quotaRecovered' });
}

/**
 * For `storagemutated` listeners: Dexie calls them inside the committing transaction's `complete`
 * event, before the writer's own promise resolves. A read started there ran ahead of the autosave's
 * "saved" and of the officer's next keystroke; a task later it runs after both.
 */
export function afterCommit(work: () => void): void {
  setTimeout(work, 0);
}
