/**
 * What only the settings screen draws of the pwa room: installing, notifications, storage. Apart from
 * index.ts, which the list's start imports, so that these stay in the settings screen's chunk.
 */
export { InstallPrompt } from './InstallPrompt';
export { PushSettings } from './PushSettings';
export { StoragePanel } from './StoragePanel';
