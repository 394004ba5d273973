import { lazy, Suspense } from 'react';
import type { Language } from '../i18n';
import './pwa.css';

// Loaded with the settings screen only; the entry bundle carries just this wrapper.
const StoragePanelView = /* @__PURE__ */ lazy(() => import('./StoragePanelView'));

/** For the settings screen: whether storage is persistent, and how much of the allowance is used. */
export function StoragePanel({ language = 'vi' }: { language?: Language }) {
  return (
    <Suspense fallback={null}>
      <StoragePanelView language={language} />
    </Suspense>
  );
}
