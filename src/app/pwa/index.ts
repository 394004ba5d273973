export { startPwa } from './start';
export { formatBytes, requestPersistentStorage } from './storage';
export { detectInAppBrowser } from './platform';
export { UpdatePrompt } from './UpdatePrompt';
export { InstallBanner, InstallPrompt } from './InstallPrompt';
export { InAppBrowserNotice } from './InAppBrowserNotice';
export { StoragePanel } from './StoragePanel';
export { QuotaErrorBanner } from './QuotaErrorBanner';
