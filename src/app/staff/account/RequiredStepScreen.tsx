/**
 * What a restricted session shows instead of the dashboard: the forced password change after an admin's
 * reset, or the forced setup of two-step sign-in that the member's union requires. Once done, the
 * dashboard loads again (`onDone`).
 */
import { useState } from 'react';
import type { StaffRestriction } from '../../../domain/staff';
import { useI18n } from '../../i18n';
import type { StaffMessages } from '../messages';
import { ChangePasswordForm } from './ChangePasswordForm';
import { accountMessages } from './messages';
import { RecoveryCodes, TotpSetupForm } from './TotpPanel';
import './account.css';

export function RequiredStepScreen({ m, restriction, onDone }: { m: StaffMessages; restriction: NonNullable<StaffRestriction>; onDone: () => void }) {
  const { language } = useI18n();
  const a = accountMessages(language);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return (
    <section className="card account" data-testid="required-step" data-restriction={restriction}>
      {restriction === 'password_change_required' ? (
        <>
          <h2 className="card-title">{a.password.title}</h2>
          <p className="notice" role="status">
            {a.signIn.mustChange}
          </p>
          <ChangePasswordForm a={a} m={m} onChanged={onDone} />
        </>
      ) : (
        <>
          <h2 className="card-title">{a.totp.title}</h2>
          <p className="notice" role="status">
            {a.signIn.mustSetUpTotp}
          </p>
          <p className="muted">{a.totp.intro}</p>
          {recoveryCodes ? <RecoveryCodes a={a} codes={recoveryCodes} onDone={onDone} /> : <TotpSetupForm a={a} m={m} onEnabled={setRecoveryCodes} />}
        </>
      )}
    </section>
  );
}
