/**
 * The admin's part of account security on a node's staff list (ManagePanel): "Đổi vai trò" for a
 * member (asked once more, naming the person and both roles, since a role decides what they may do),
 * "Đặt lại mật khẩu" (a temporary password the member must change at the next sign-in), and the node's
 * switch that requires two-step sign-in of its whole subtree.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../domain/organisation';
import type { StaffMember } from '../../../domain/staff';
import { useI18n } from '../../i18n';
import { FieldRow } from '../../ui/FieldRow';
import { changeStaffRole, fetchNodeSecurity, resetStaffPassword, setNodeSecurity, type NodeSecurity } from '../api';
import { isSessionEnded } from '../errors';
import type { StaffMessages } from '../messages';
import { accountMessages } from './messages';
import { accountRefusal } from './refusals';
import './account.css';

export function ChangeRoleAction({ m, member, onChanged, onSessionEnded }: { m: StaffMessages; member: StaffMember; onChanged: (member: StaffMember) => void; onSessionEnded: () => void }) {
  const { language } = useI18n();
  const a = accountMessages(language);
  /** Closed; choosing the new role; asked to confirm it. */
  const [step, setStep] = useState<'closed' | 'choosing' | 'asking'>('closed');
  const [role, setRole] = useState<StaffRole>(member.role);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const selectId = `role-${member.id}`;
  const question = a.role.confirm(member.username, m.roles[member.role], m.roles[role]);

  function open() {
    setRole(STAFF_ROLES.find((other) => other !== member.role) ?? member.role);
    setNote(null);
    setStep('choosing');
  }

  async function confirm() {
    setBusy(true);
    setNote(null);
    try {
      const changed = await changeStaffRole(member.id, role);
      setStep('closed');
      setNote({ kind: 'ok', text: a.role.done(changed.username, m.roles[changed.role]) });
      onChanged(changed);
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      setStep('choosing');
      // Oneself is never offered; should the server still say so, it is said about roles, not passwords.
      const refusal = accountRefusal(error, a, m);
      setNote({ kind: 'error', text: refusal.field === 'id' ? a.role.self : refusal.text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="staff-member-security">
      {step === 'closed' ? (
        <button type="button" className="button button-small" onClick={open} data-testid="change-role">
          {a.role.action}
        </button>
      ) : null}
      {step === 'choosing' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (role !== member.role) setStep('asking');
          }}
          noValidate
          data-testid="change-role-form"
        >
          <FieldRow id={selectId} label={a.role.label} messages={note?.kind === 'error' ? [{ kind: 'error', text: note.text }] : []}>
            <select id={selectId} className="input" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              {STAFF_ROLES.filter((other) => other !== member.role).map((other) => (
                <option key={other} value={other}>{m.roles[other]}</option>
              ))}
            </select>
          </FieldRow>
          <button type="submit" className="button button-primary button-small" data-testid="change-role-submit">
            {a.role.submit}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setStep('closed')}>
            {a.reset.cancel}
          </button>
        </form>
      ) : null}
      {step === 'asking' ? (
        <div className="confirm" role="group" aria-label={question}>
          <p className="confirm-question" data-testid="change-role-question">
            {question}
          </p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()} data-testid="change-role-confirm">
              {a.role.submit}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setStep('choosing')} data-testid="change-role-cancel">
              {a.reset.cancel}
            </button>
          </div>
        </div>
      ) : null}
      {note?.kind === 'ok' ? (
        <p className="field-message field-message-ok" role="status" data-testid="change-role-done">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}

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
