/** What the app mounts: the status line with "Gửi ngay", the status hook. */
import { lazy } from 'react';

export { SyncPanel, SyncPanelView, useShownSyncStatus, type SyncPanelProps } from './SyncPanel';
export { useSyncStatus } from './useSyncStatus';
export { useSuperior, useSuperiorName } from './useSuperior';

/** The conflict screen, loaded on demand (the full badge opens it by itself; use this to mount it elsewhere). */
export const LazyConflictResolver = lazy(() => import('./ConflictResolver'));
