import type { ReactNode } from 'react';
import { failureText } from './errors';
import type { StaffMessages } from './messages';

/** A staff call that failed, said in the dashboard's words (read out at once). */
export function FailureNotice({ failure, m, testId }: { failure: unknown; m: StaffMessages; testId?: string }) {
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      {failureText(failure, m)}
    </p>
  );
}

/** A screen that could not load: the way back, then why. */
export function FailedScreen({ back, failure, m, testId }: { back: ReactNode; failure: unknown; m: StaffMessages; testId?: string }) {
  return (
    <section>
      {back}
      <FailureNotice failure={failure} m={m} testId={testId} />
    </section>
  );
}
