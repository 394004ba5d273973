/** What the app mounts: the per-report badge, the status line with "Gửi ngay", the status hook. */
export { SyncStatusBadge, type SyncStatusBadgeProps } from './SyncStatusBadge';
export { SyncPanel, SyncPanelView, type SyncPanelProps } from './SyncPanel';
export { useSyncStatus } from './useSyncStatus';
