/**
 * Username and password, then (two-step sign-in) the code from the authenticator app or a recovery
 * code; Vietnamese sentences for a wrong password or code and for too many attempts (429).
 */
import { useState, type FormEvent } from 'react';
import type { StaffRestriction } from '../../domain/staff';
import { FieldRow } from '../ui/FieldRow';
import { useI18n } from '../i18n';
import { signIn, signInWithCode, StaffApiError } from './api';
import { signInFailure } from './errors';
import { accountMessages } from './account/messages';
import type { StaffMessages } from './messages';

/** A refused step's sentence, marked with its kind for tests. */
function SignInError({ error }: { error: { text: string; kind: string } | null }) {
  if (!error) return null;
  return (
    <p className="field-message field-message-error" role="alert" data-testid="staff-sign-in-error" data-failure={error.kind}>
      {error.text}
    </p>
  );
}

export function SignInScreen({
  m,
  notice,
  onSignedIn,
}: {
  m: StaffMessages;
  notice: string | null;
  /** `restriction`: what the session must do first (change the password, set up two-step sign-in), or null. */
  onSignedIn: (username: string, token: string, restriction: StaffRestriction) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; kind: string } | null>(null);
  const { language } = useI18n();
  const a = accountMessages(language);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [byRecoveryCode, setByRecoveryCode] = useState(false);
  const [code, setCode] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError({ text: m.signIn.empty, kind: 'empty' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await signIn(username.trim(), password);
      if ('token' in answer) onSignedIn(answer.staff.username, answer.token, answer.restriction);
      else {
        setChallenge(answer.challenge);
        setPassword('');
        setBusy(false);
      }
    } catch (failure) {
      setError(signInFailure(failure, m));
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const session = await signInWithCode(challenge, byRecoveryCode ? { recoveryCode: code.trim() } : { code: code.trim() });
      onSignedIn(session.staff.username, session.token, session.restriction);
    } catch (failure) {
      const expired = failure instanceof StaffApiError && (failure.details as { reason?: unknown } | undefined)?.reason === 'challenge_expired';
      if (expired) setChallenge(null);
      setError(expired ? { text: a.signIn.expired, kind: 'expired' } : failure instanceof StaffApiError && failure.status === 401 ? { text: a.refusals.wrongCode, kind: 'wrong' } : signInFailure(failure, m));
      setBusy(false);
    }
  }

  if (challenge)
    return (
      <section className="card staff-sign-in">
        <h2 className="card-title">{a.signIn.codeTitle}</h2>
        <p className="muted">{byRecoveryCode ? a.totp.recoveryIntro : a.signIn.codeIntro}</p>
        <form onSubmit={(event) => void submitCode(event)} noValidate data-testid="staff-sign-in-code">
          <FieldRow id="staff-code" label={byRecoveryCode ? a.signIn.recoveryCode : a.signIn.code}>
            <input
              id="staff-code"
              name="code"
              className="input"
              inputMode={byRecoveryCode ? 'text' : 'numeric'}
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </FieldRow>
          <SignInError error={error} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {a.signIn.submit}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setByRecoveryCode(!byRecoveryCode)}>
            {byRecoveryCode ? a.signIn.useApp : a.signIn.useRecovery}
          </button>
        </form>
      </section>
    );

  return (
    <section className="card staff-sign-in">
      <h2 className="card-title">{m.signIn.title}</h2>
      <p className="muted">{m.signIn.intro}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FieldRow id="staff-username" label={m.signIn.username}>
          <input
            id="staff-username"
            name="username"
            className="input"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </FieldRow>
        <FieldRow id="staff-password" label={m.signIn.password}>
          <input
            id="staff-password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </FieldRow>
        <SignInError error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? m.signIn.busy : m.signIn.submit}
        </button>
      </form>
    </section>
  );
}
