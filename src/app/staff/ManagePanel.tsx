/**
 * An admin's management of a node: add an upper-level node under it, rename or delete it (only a node
 * below the admin's own; the server refuses a node that still holds anything with 422, shown here in
 * Vietnamese), and the staff accounts attached to it. Every refusal is shown beside its action.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CREATABLE_NODE_KINDS, STAFF_ROLES, type CreatableNodeKind, type StaffRole } from '../../domain/organisation';
import { MIN_STAFF_PASSWORD_LENGTH, type NodeDetail, type StaffMember } from '../../domain/staff';
import { ConfirmAction } from '../ui/ConfirmAction';
import { FieldRow } from '../ui/FieldRow';
import { changeNode, createNode, createStaff, deleteNode, fetchNodeStaff } from './api';
import { isSessionEnded, manageFailureText } from './errors';
import { may } from './permissions';
import type { StaffContext } from './staffContext';
import { accountMessages } from './account/messages';
import { accountRefusal } from './account/refusals';
import { ChangeRoleAction, RequireTotpSwitch, ResetPasswordAction } from './account/StaffSecurityActions';
import { useI18n } from '../i18n';
import { refusedField } from './errors';

type Message = { text: string; kind: 'ok' | 'error' } | null;

function Note({ message, testId }: { message: Message; testId: string }) {
  if (!message) return null;
  return (
    <p
      className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
      role={message.kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
      data-kind={message.kind}
    >
      {message.text}
    </p>
  );
}

export function ManagePanel({ context, detail, onChanged }: { context: StaffContext; detail: NodeDetail; onChanged: () => Promise<void> }) {
  const { m, onSessionEnded, place } = context;
  const a = accountMessages(useI18n().language);
  const { node } = detail;
  const [busy, setBusy] = useState(false);

  const [child, setChild] = useState<{ kind: CreatableNodeKind; name: string; shortName: string; code: string }>({
    kind: 'upper_commune',
    name: '',
    shortName: '',
    code: '',
  });
  const [childMessage, setChildMessage] = useState<Message>(null);
  const [names, setNames] = useState({ name: node.name, shortName: node.shortName });
  const [renameMessage, setRenameMessage] = useState<Message>(null);
  const [deleteMessage, setDeleteMessage] = useState<Message>(null);
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [member, setMember] = useState<{ username: string; password: string; role: StaffRole }>({ username: '', password: '', role: 'viewer' });
  const [staffMessage, setStaffMessage] = useState<Message>(null);

  useEffect(() => {
    let live = true;
    fetchNodeStaff(node.id).then(
      (loaded) => live && setStaff(loaded),
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setStaffMessage({ text: manageFailureText(error, m), kind: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [node.id, m, onSessionEnded]);

  /** Runs a change; a refusal becomes the sentence beside the action, an ended session signs out. */
  async function run(action: () => Promise<string>, show: (message: Message) => void, failure: (error: unknown) => string = (error) => manageFailureText(error, m)) {
    setBusy(true);
    show(null);
    try {
      show({ text: await action(), kind: 'ok' });
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      show({ text: failure(error), kind: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function submitChild(event: FormEvent) {
    event.preventDefault();
    if (!child.name.trim()) return setChildMessage({ text: m.manage.nameRequired, kind: 'error' });
    void run(async () => {
      const created = await createNode({ parentId: node.id, kind: child.kind, name: child.name.trim(), shortName: child.shortName.trim(), code: child.code });
      setChild({ ...child, name: '', shortName: '', code: '' });
      await onChanged();
      return m.manage.nodeCreated(created.name);
    }, setChildMessage);
  }

  function submitRename(event: FormEvent) {
    event.preventDefault();
    if (!names.name.trim()) return setRenameMessage({ text: m.manage.nameRequired, kind: 'error' });
    void run(async () => {
      await changeNode(node.id, { name: names.name.trim(), shortName: names.shortName.trim() });
      await onChanged();
      return m.manage.renamed;
    }, setRenameMessage);
  }

  function removeNode() {
    void run(async () => {
      await deleteNode(node.id);
      const parent = detail.ancestors.at(-1);
      location.hash = parent ? `#/staff/node/${encodeURIComponent(parent.id)}` : '#/staff';
      return m.manage.deleted(node.name);
    }, setDeleteMessage);
  }

  function submitStaff(event: FormEvent) {
    event.preventDefault();
    if (!member.username.trim()) return setStaffMessage({ text: m.manage.usernameRequired, kind: 'error' });
    if (member.password.length < MIN_STAFF_PASSWORD_LENGTH) return setStaffMessage({ text: m.manage.passwordShort, kind: 'error' });
    void run(async () => {
      const created = await createStaff(node.id, { ...member, username: member.username.trim() });
      setStaff((current) => [...(current ?? []), created]);
      setMember({ username: '', password: '', role: member.role });
      return m.manage.staffCreated(created.username);
      // A refused password says which rule it broke (too short, common, the user name).
    }, setStaffMessage, (error) => (refusedField(error, 'password') ? accountRefusal(error, a, m).text : manageFailureText(error, m)));
  }

  return (
    <section className="staff-manage" aria-labelledby="staff-manage-title" data-testid="staff-manage">
      <h3 className="staff-section-title" id="staff-manage-title">
        {m.manage.title}
      </h3>
      <div className="staff-manage-grid">
        <section className="card">
          <h4 className="card-title">{m.manage.nodeTitle}</h4>
          <form onSubmit={submitChild} noValidate data-testid="node-create-form">
            <FieldRow id="node-kind" label={m.manage.kind}>
              <select id="node-kind" className="input" value={child.kind} onChange={(e) => setChild({ ...child, kind: e.target.value as CreatableNodeKind })}>
                {CREATABLE_NODE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>{m.nodeKinds[kind]}</option>
                ))}
              </select>
            </FieldRow>
            <FieldRow id="node-name" label={m.manage.name}>
              <input id="node-name" className="input" value={child.name} onChange={(e) => setChild({ ...child, name: e.target.value })} />
            </FieldRow>
            <FieldRow id="node-short-name" label={m.manage.shortName}>
              <input id="node-short-name" className="input" value={child.shortName} onChange={(e) => setChild({ ...child, shortName: e.target.value })} />
            </FieldRow>
            <FieldRow id="node-code" label={m.manage.code}>
              <input id="node-code" className="input" value={child.code} onChange={(e) => setChild({ ...child, code: e.target.value })} />
            </FieldRow>
            <Note message={childMessage} testId="node-create-message" />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="node-create">
              {m.manage.createNode}
            </button>
          </form>
        </section>

        {may(place, 'changeNode', node.id) ? (
          <section className="card">
            <h4 className="card-title">{m.manage.renameTitle}</h4>
            <form onSubmit={submitRename} noValidate>
              <FieldRow id="rename-name" label={m.manage.name}>
                <input id="rename-name" className="input" value={names.name} onChange={(e) => setNames({ ...names, name: e.target.value })} />
              </FieldRow>
              <FieldRow id="rename-short-name" label={m.manage.shortName}>
                <input id="rename-short-name" className="input" value={names.shortName} onChange={(e) => setNames({ ...names, shortName: e.target.value })} />
              </FieldRow>
              <Note message={renameMessage} testId="node-rename-message" />
              <button type="submit" className="button" disabled={busy} data-testid="node-rename">
                {m.manage.rename}
              </button>
            </form>
            <h4 className="card-title">{m.manage.deleteTitle}</h4>
            <p className="field-hint">{m.manage.deleteHint}</p>
            <Note message={deleteMessage} testId="node-delete-message" />
            <ConfirmAction
              label={m.manage.delete}
              question={m.manage.deleteConfirm(node.name)}
              confirmLabel={m.manage.delete}
              cancelLabel={m.manage.cancel}
              onConfirm={removeNode}
              testId="node-delete"
              disabled={busy}
            />
          </section>
        ) : null}

        <section className="card">
          <h4 className="card-title">{m.manage.staffTitle}</h4>
          <RequireTotpSwitch m={m} nodeId={node.id} onSessionEnded={onSessionEnded} />
          {staff && staff.length === 0 ? <p className="empty">{m.manage.staffNone}</p> : null}
          {staff && staff.length > 0 ? (
            <ul className="staff-members" data-testid="node-staff">
              {staff.map((s) => (
                <li key={s.id} data-username={s.username} data-role={s.role}>
                  <strong>{s.username}</strong> · {m.roles[s.role]}
                  {s.id !== context.me.staff.id ? (
                    <>
                      <ChangeRoleAction
                        m={m}
                        member={s}
                        onChanged={(changed) => setStaff((current) => current?.map((found) => (found.id === changed.id ? changed : found)) ?? null)}
                        onSessionEnded={onSessionEnded}
                      />
                      <ResetPasswordAction m={m} member={s} onSessionEnded={onSessionEnded} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          <form onSubmit={submitStaff} noValidate data-testid="staff-create-form">
            <FieldRow id="member-username" label={m.manage.username}>
              <input id="member-username" className="input" autoComplete="off" value={member.username} onChange={(e) => setMember({ ...member, username: e.target.value })} />
            </FieldRow>
            <FieldRow id="member-password" label={m.manage.password}>
              <input id="member-password" type="password" className="input" autoComplete="new-password" value={member.password} onChange={(e) => setMember({ ...member, password: e.target.value })} />
            </FieldRow>
            <FieldRow id="member-role" label={m.manage.role}>
              <select id="member-role" className="input" value={member.role} onChange={(e) => setMember({ ...member, role: e.target.value as StaffRole })}>
                {STAFF_ROLES.map((role) => (
                  <option key={role} value={role}>{m.roles[role]}</option>
                ))}
              </select>
            </FieldRow>
            <Note message={staffMessage} testId="staff-create-message" />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="staff-create">
              {m.manage.createStaff}
            </button>
          </form>
        </section>
      </div>
    </section>
  );
}
