/** `#/staff/account`: the member's password, sessions and two-step sign-in. */
import { useCallback, useEffect, useState } from 'react';
import type { StaffSecurity, StaffSessionInfo } from '../../../domain/staff';
import { useI18n } from '../../i18n';
import { fetchOwnSecurity, fetchOwnSessions } from '../api';
import { loadWhileShown } from '../errors';
import { FailureNotice } from '../FailureNotice';
import type { StaffContext } from '../staffContext';
import { ChangePasswordForm } from './ChangePasswordForm';
import { accountMessages } from './messages';
import { SessionsList } from './SessionsList';
import { TotpPanel } from './TotpPanel';
import './account.css';

export function AccountScreen({ context }: { context: StaffContext }) {
  const { m, onSessionEnded } = context;
  const { language } = useI18n();
  const a = accountMessages(language);
  const [loaded, setLoaded] = useState<{ sessions: StaffSessionInfo[]; security: StaffSecurity } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(
    () =>
      loadWhileShown(
        Promise.all([fetchOwnSessions(), fetchOwnSecurity()]).then(([sessions, security]) => ({ sessions, security })),
        setLoaded,
        { onSessionEnded, onFailure: setFailure },
      ),
    [version, onSessionEnded],
  );

  if (failure) return <FailureNotice failure={failure} m={m} />;
  return (
    <section className="account" data-testid="account-screen">
      <h2>{a.title}</h2>
      <section className="card">
        <h3 className="card-title">{a.password.title}</h3>
        <ChangePasswordForm a={a} m={m} onChanged={reload} />
      </section>
      <section className="card">
        <h3 className="card-title">{a.totp.title}</h3>
        <p className="muted">{a.totp.intro}</p>
        {loaded ? <TotpPanel a={a} m={m} security={loaded.security} onChanged={reload} /> : <p>{m.overview.loading}</p>}
      </section>
      <section className="card">
        <h3 className="card-title">{a.sessions.title}</h3>
        <p className="muted">{a.sessions.intro}</p>
        {loaded ? <SessionsList a={a} m={m} sessions={loaded.sessions} onChanged={reload} /> : <p>{m.overview.loading}</p>}
      </section>
    </section>
  );
}
