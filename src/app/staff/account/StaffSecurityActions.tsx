/**
 * The admin's part of account security on a node's staff list (ManagePanel): "Đặt lại mật khẩu" for a
 * member (a temporary password the member must change at the next sign-in), and the node's switch that
 * requires two-step sign-in of its whole subtree.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../domain/staff';
import { useI18n } from '../../i18n';
import { FieldRow } from '../../ui/FieldRow';
import { fetchNodeSecurity, resetStaffPassword, setNodeSecurity, type NodeSecurity } from '../api';
import { isSessionEnded } from '../errors';
import type { StaffMessages } from '../messages';
import { accountMessages } from './messages';
import { accountRefusal } from './refusals';
import './account.css';

export function ResetPasswordAction({ m, member, onSessionEnded }: { m: StaffMessages; member: StaffMember; onSessionEnded: () => void }) {
  const { language } = useI18n();
  const a = accountMessages(language);
  const [open, setOpen] = useState(false);
  const [temporary, setTemporary] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const inputId = `reset-${member.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNote(null);
    try {
      await resetStaffPassword(member.id, temporary);
      setTemporary('');
      setOpen(false);
      setNote({ kind: 'ok', text: a.reset.done(member.username) });
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      setNote({ kind: 'error', text: accountRefusal(error, a, m).text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="staff-member-security">
      {open ? (
        <form onSubmit={(event) => void submit(event)} noValidate data-testid="reset-password-form">
          <FieldRow id={inputId} label={a.reset.temporary} hint={a.reset.hint} messages={note?.kind === 'error' ? [{ kind: 'error', text: note.text }] : []}>
            <input id={inputId} type="text" className="input" autoComplete="off" value={temporary} onChange={(e) => setTemporary(e.target.value)} />
          </FieldRow>
          <button type="submit" className="button button-primary button-small" disabled={busy} data-testid="reset-password-submit">
            {a.reset.submit}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setOpen(false)}>
            {a.reset.cancel}
          </button>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setOpen(true)} data-testid="reset-password">
          {a.reset.action}
        </button>
      )}
      {note?.kind === 'ok' ? (
        <p className="field-message field-message-ok" role="status" data-testid="reset-password-done">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}

export function RequireTotpSwitch({ m, nodeId, onSessionEnded }: { m: StaffMessages; nodeId: string; onSessionEnded: () => void }) {
  const { language } = useI18n();
  const a = accountMessages(language);
  const [security, setSecurity] = useState<NodeSecurity | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    fetchNodeSecurity(nodeId).then(
      (loaded) => live && setSecurity(loaded),
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setNote({ kind: 'error', text: accountRefusal(error, a, m).text });
      },
    );
    return () => {
      live = false;
    };
  }, [nodeId, onSessionEnded, a, m]);

  async function change(requireTotp: boolean) {
    setBusy(true);
    setNote(null);
    try {
      setSecurity(await setNodeSecurity(nodeId, requireTotp));
      setNote({ kind: 'ok', text: requireTotp ? a.requireTotp.on : a.requireTotp.off });
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      setNote({ kind: 'error', text: accountRefusal(error, a, m).text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="staff-require-totp">
      <label>
        <input
          type="checkbox"
          checked={security?.requireTotp ?? false}
          disabled={!security || busy}
          onChange={(event) => void change(event.target.checked)}
          data-testid="require-totp"
        />{' '}
        {a.requireTotp.label}
      </label>
      <p className="field-hint">{security?.requiredAbove ? a.requireTotp.above : a.requireTotp.hint}</p>
      {note ? (
        <p className={`field-message field-message-${note.kind}`} role={note.kind === 'ok' ? 'status' : 'alert'}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
