/**
 * Two open tabs of the app share one database and one outbox: only one of them may push at a time,
 * or both would send the same snapshot. Web Locks serialise the sync cycles of every tab of the
 * origin. Where the browser lacks them (old Safari), cycles are serialised within the tab only; a
 * push from two tabs then costs a second request, but the shared Idempotency-Key makes the server
 * answer it from its store without a second revision.
 */
export const SYNC_LOCK_NAME = 'bao-cao-cdcs-sync';

export type SyncLock = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs one piece of work after another, in this JavaScript realm only. */
export function inProcessLock(): SyncLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export function webLock(name: string = SYNC_LOCK_NAME): SyncLock {
  const fallback = inProcessLock();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    if (locks && typeof locks.request === 'function') return locks.request(name, work);
    return fallback(work);
  };
}
