/** The member's own password change (current, new, again); the server's refusal is shown beside the field it names. */
import { useState, type FormEvent } from 'react';
import { FieldRow, type FieldMessage } from '../../ui/FieldRow';
import { changeOwnPassword } from '../api';
import type { StaffMessages } from '../messages';
import type { AccountMessages } from './messages';
import { accountRefusal } from './refusals';

type Refusal = { field: string | null; text: string } | null;

function messagesFor(refusal: Refusal, field: string | null): FieldMessage[] {
  return refusal && refusal.field === field ? [{ kind: 'error', text: refusal.text }] : [];
}

export function ChangePasswordForm({ a, m, onChanged }: { a: AccountMessages; m: StaffMessages; onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (next !== again) return setRefusal({ field: 'again', text: a.password.mismatch });
    setBusy(true);
    setRefusal(null);
    try {
      await changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      onChanged();
    } catch (error) {
      setRefusal(accountRefusal(error, a, m));
    } finally {
      setBusy(false);
    }
  }

  const general = refusal && !['currentPassword', 'newPassword', 'again'].includes(refusal.field ?? '') ? refusal.text : null;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="change-password-form">
      <FieldRow id="account-current-password" label={a.password.current} messages={messagesFor(refusal, 'currentPassword')}>
        <input id="account-current-password" type="password" className="input" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </FieldRow>
      <FieldRow id="account-new-password" label={a.password.next} hint={a.password.rules} messages={messagesFor(refusal, 'newPassword')} testId="new-password">
        <input id="account-new-password" type="password" className="input" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </FieldRow>
      <FieldRow id="account-new-password-again" label={a.password.again} messages={messagesFor(refusal, 'again')}>
        <input id="account-new-password-again" type="password" className="input" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </FieldRow>
      {general ? (
        <p className="field-message field-message-error" role="alert">
          {general}
        </p>
      ) : null}
      {done ? (
        <p className="field-message field-message-ok" role="status" data-testid="password-changed">
          {a.password.done}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="change-password">
        {a.password.submit}
      </button>
    </form>
  );
}
