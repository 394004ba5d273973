import { useSyncExternalStore } from 'react';
import { getSyncEngine, type SyncStatus } from '../../sync';

const NOT_STARTED: SyncStatus = { state: 'unenrolled', lastSyncAt: null, retryAt: null };
const noSubscription = () => () => undefined;

/** The sync engine's status, re-rendering on change. Before `startSync()` it reads as "not enrolled". */
export function useSyncStatus(): SyncStatus {
  const engine = getSyncEngine();
  const getStatus = engine ? engine.getStatus : () => NOT_STARTED;
  return useSyncExternalStore(engine ? engine.subscribe : noSubscription, getStatus, getStatus);
}
