import { lazy, Suspense } from 'react';
import type { Language } from '../i18n';
import './pwa.css';

// Its view, texts and the subscription code load with it (the settings screen only).
const PushSettingsView = /* @__PURE__ */ lazy(() => import('./PushSettingsView'));

/** Settings → Notifications: on or off, or why there is no switch. */
export function PushSettings({ superior, language = 'vi' }: { superior: string; language?: Language }) {
  return (
    <Suspense fallback={null}>
      <PushSettingsView superior={superior} language={language} />
    </Suspense>
  );
}
