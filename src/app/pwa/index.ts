export { startPwa } from './start';
export { formatBytes, requestPersistentStorage } from './storage';
export { detectInAppBrowser } from './platform';
export { UpdatePrompt } from './UpdatePrompt';
export { InstallBanner } from './InstallBanner';
export { InAppBrowserNotice } from './InAppBrowserNotice';
export { QuotaErrorBanner } from './QuotaErrorBanner';
export { isPushMoment, PushOffer } from './PushOffer';
