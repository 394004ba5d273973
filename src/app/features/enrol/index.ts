/** The enrolment screen, loaded only when opened: `<LazyEnrolScreen />` inside a `<Suspense>`. */
import { lazy } from 'react';

export const LazyEnrolScreen = lazy(() => import('./EnrolScreen'));
