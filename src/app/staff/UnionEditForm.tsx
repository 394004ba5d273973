/**
 * An admin's form for a CĐCS's own record on its page: its name, code, employer and sector
 * (`PATCH /api/staff/unions/:id`). Moving it to another superior is the move form's job.
 */
import { useState, type FormEvent } from 'react';
import type { Sector } from '../../domain/report';
import type { GrassrootsUnion } from '../../domain/staff';
import { FieldRow } from '../ui/FieldRow';
import { updateUnion } from './api';
import { isSessionEnded, manageFailureText, refusedField } from './errors';
import { SectorSelect } from './SectorSelect';
import type { StaffContext } from './staffContext';

type Form = { name: string; code: string; employer: string; sector: Sector | '' };

const formOf = (union: GrassrootsUnion): Form => ({ name: union.name, code: union.code ?? '', employer: union.employer, sector: (union.sector as Sector | '') || '' });

export function UnionEditForm({ context, union, onSaved }: { context: StaffContext; union: GrassrootsUnion; onSaved: (union: GrassrootsUnion) => void }) {
  const { m, onSessionEnded } = context;
  const [form, setForm] = useState<Form>(() => formOf(union));
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error'; field?: 'name' | 'code' } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.name.trim()) return setMessage({ text: m.unions.nameRequired, kind: 'error', field: 'name' });
    setBusy(true);
    setMessage(null);
    try {
      const saved = await updateUnion(union.id, { ...form, name: form.name.trim(), employer: form.employer.trim() });
      setForm(formOf(saved));
      onSaved(saved);
      setMessage({ text: m.unions.saved(saved.name), kind: 'ok' });
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      const code = refusedField(error, 'code');
      setMessage({ text: code ? m.unions.codeTaken : manageFailureText(error, m), kind: 'error', ...(code ? { field: 'code' as const } : {}) });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: 'name' | 'code') => (message?.kind === 'error' && message.field === field ? { 'aria-invalid': true, 'aria-describedby': 'union-edit-message' } : {});
  return (
    <section className="card">
      <h3 className="card-title">{m.unions.editTitle}</h3>
      <form onSubmit={(event) => void submit(event)} noValidate className="staff-union-form" data-testid="union-edit-form">
        <FieldRow id="union-edit-name" label={m.unions.name}>
          <input id="union-edit-name" className="input" maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...invalid('name')} />
        </FieldRow>
        <div className="field">
          <label className="field-label" htmlFor="union-edit-code">
            {m.unions.code}
          </label>
          <input
            id="union-edit-code"
            className="input"
            maxLength={32}
            autoCapitalize="characters"
            spellCheck={false}
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value })}
            {...invalid('code')}
          />
          <p className="field-hint">{m.unions.codeHint}</p>
        </div>
        <FieldRow id="union-edit-employer" label={m.unions.employer}>
          <input id="union-edit-employer" className="input" maxLength={200} value={form.employer} onChange={(e) => setForm({ ...form, employer: e.target.value })} />
        </FieldRow>
        <FieldRow id="union-edit-sector" label={m.unions.sector}>
          <SectorSelect id="union-edit-sector" noneLabel={m.unions.sectorNone} value={form.sector} onChange={(sector) => setForm({ ...form, sector })} />
        </FieldRow>
        {message ? (
          <p
            id="union-edit-message"
            className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
            role={message.kind === 'ok' ? 'status' : 'alert'}
            data-testid="union-edit-message"
            data-kind={message.kind}
          >
            {message.text}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="union-edit-submit">
          {m.unions.save}
        </button>
      </form>
    </section>
  );
}
