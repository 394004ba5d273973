/** Username and password; Vietnamese sentences for a wrong password and for too many attempts (429). */
import { useState, type FormEvent } from 'react';
import { signIn } from './api';
import { signInFailure } from './errors';
import type { StaffMessages } from './messages';

export function SignInScreen({
  m,
  notice,
  onSignedIn,
}: {
  m: StaffMessages;
  notice: string | null;
  onSignedIn: (username: string, token: string) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; kind: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError({ text: m.signIn.empty, kind: 'empty' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(username.trim(), password);
      onSignedIn(session.staff.username, session.token);
    } catch (failure) {
      setError(signInFailure(failure, m));
      setBusy(false);
    }
  }

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
        <div className="field">
          <label className="field-label" htmlFor="staff-username">
            {m.signIn.username}
          </label>
          <input
            id="staff-username"
            name="username"
            className="input"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="staff-password">
            {m.signIn.password}
          </label>
          <input
            id="staff-password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {error ? (
          <p className="field-message field-message-error" role="alert" data-testid="staff-sign-in-error" data-failure={error.kind}>
            {error.text}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? m.signIn.busy : m.signIn.submit}
        </button>
      </form>
    </section>
  );
}
