export { startPwa } from './start';
export { registerUnsavedWork, type UnsavedWork } from './unsavedWork';
export { isQuotaError, formatBytes, requestPersistentStorage } from './storage';
export { detectInAppBrowser } from './platform';
export { UpdatePrompt } from './UpdatePrompt';
export { InstallPrompt } from './InstallPrompt';
export { InAppBrowserNotice } from './InAppBrowserNotice';
export { StoragePanel } from './StoragePanel';
export { QuotaErrorBanner } from './QuotaErrorBanner';
