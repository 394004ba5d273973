import { lazy, Suspense, useEffect, useState } from 'react';
import type { Language } from '../i18n';
import { afterFirstScreen } from '../ui/firstScreen';
import './pwa.css';

// The question, its texts and the subscription code load only at its moment, once the screen is drawn.
const PushOfferView = /* @__PURE__ */ lazy(() => import('./PushOfferView'));

/**
 * The notifications question, asked once at its moment (`moment`: a report sent, a round on the phone;
 * isPushMoment below); the view decides from what the device kept whether to ask at all.
 * `superior`: the union's superior by its own name.
 */
export function PushOffer({ moment, superior, language = 'vi' }: { moment: boolean; superior: string; language?: Language }) {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => afterFirstScreen(() => setDrawn(true)), []);
  if (!moment || !drawn) return null;
  return (
    <Suspense fallback={null}>
      <PushOfferView superior={superior} language={language} />
    </Suspense>
  );
}

/** A report sent, or a round on the phone: the moments the question belongs to. */
export function isPushMoment(reportStatuses: readonly string[], roundCount: number): boolean {
  return roundCount > 0 || reportStatuses.some((status) => status !== 'draft');
}
