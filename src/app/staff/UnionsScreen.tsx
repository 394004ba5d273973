/**
 * The CĐCS directly under a node: add one (admin: name, code, employer, sector), and open a union's
 * page for its move history and moves, or at its enrolment codes (reviewer: "Cấp mã đăng ký"), where
 * the codes still valid are listed beside the form that issues one: a click here no longer issues a
 * code unseen (issue 21).
 */
import { useState, type FormEvent } from 'react';
import type { NodeDetail, NodeOverview } from '../../domain/staff';
import type { Sector } from '../../domain/report';
import { useI18n } from '../i18n';
import { FieldRow } from '../ui/FieldRow';
import { createUnion } from './api';
import { SectorSelect } from './SectorSelect';
import type { StaffContext } from './staffContext';
import { isSessionEnded, manageFailureText, refusedField } from './errors';
import { may } from './permissions';

export function UnionsScreen({
  context,
  node,
  overview,
  onChanged,
}: {
  context: StaffContext;
  node: NodeDetail;
  overview: NodeOverview | null;
  onChanged: () => Promise<void>;
}) {
  const { m, onSessionEnded, place } = context;
  const { t } = useI18n();
  const unions = node.unions;
  const devices = new Map((overview?.unions ?? []).map((line) => [line.id, line.activeDevices]));
  const [form, setForm] = useState<{ name: string; code: string; employer: string; sector: Sector | '' }>({
    name: '',
    code: '',
    employer: '',
    sector: '',
  });
  const [formMessage, setFormMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.name.trim()) {
      setFormMessage({ text: m.unions.nameRequired, kind: 'error' });
      return;
    }
    setBusy(true);
    setFormMessage(null);
    try {
      const union = await createUnion({ ...form, superiorId: node.node.id, name: form.name.trim(), employer: form.employer.trim() });
      setFormMessage({ text: m.unions.created(union.name), kind: 'ok' });
      setForm({ name: '', code: '', employer: '', sector: '' });
      await onChanged();
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      setFormMessage({
        text: refusedField(error, 'code') ? m.unions.codeTaken : manageFailureText(error, m),
        kind: 'error',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="staff-unions">
      <section className="card">
        <h3 className="card-title">{m.unions.listTitle}</h3>
        {unions.length === 0 ? (
          <p className="empty">{m.overview.empty}</p>
        ) : (
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.code}</th>
                <th scope="col">{m.unions.employer}</th>
                <th scope="col">{m.unions.sector}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.unions.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {unions.map((union) => (
                <tr key={union.id} data-testid="staff-union" data-union-id={union.id}>
                  <th scope="row">
                    <a href={`#/staff/node/${encodeURIComponent(node.node.id)}/union/${encodeURIComponent(union.id)}`} data-testid="open-union">
                      {union.name}
                    </a>
                    {devices.has(union.id) ? <div className="muted">{m.unions.devices(devices.get(union.id) ?? 0)}</div> : null}
                  </th>
                  <td>{union.code ?? ''}</td>
                  <td>{union.employer}</td>
                  <td>{union.sector ? (t.sectors[union.sector as keyof typeof t.sectors] ?? union.sector) : ''}</td>
                  <td>
                    {may(place, 'issueCode') ? (
                      <a
                        className="button button-small"
                        href={`#/staff/node/${encodeURIComponent(node.node.id)}/union/${encodeURIComponent(union.id)}/codes`}
                        data-testid="issue-code"
                      >
                        {m.unions.issueCode}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {may(place, 'createUnion') ? (
      <section className="card">
          <h3 className="card-title">{m.unions.createTitle}</h3>
          <form onSubmit={(event) => void submit(event)} noValidate className="staff-union-form">
            <FieldRow id="union-name" label={m.unions.name}>
              <input id="union-name" name="name" className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </FieldRow>
            <div className="field">
              <label className="field-label" htmlFor="union-code">
                {m.unions.code}
              </label>
              <input id="union-code" name="code" className="input" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
              <p className="field-hint">{m.unions.codeHint}</p>
            </div>
            <FieldRow id="union-employer" label={m.unions.employer}>
              <input
                id="union-employer"
                name="employer"
                className="input"
                value={form.employer}
                onChange={(e) => setForm({ ...form, employer: e.target.value })}
              />
            </FieldRow>
            <FieldRow id="union-sector" label={m.unions.sector}>
              <SectorSelect id="union-sector" name="sector" noneLabel={m.unions.sectorNone} value={form.sector} onChange={(sector) => setForm({ ...form, sector })} />
            </FieldRow>
            {formMessage ? (
              <p
                className={`field-message ${formMessage.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
                role={formMessage.kind === 'ok' ? 'status' : 'alert'}
                data-testid="union-form-message"
              >
                {formMessage.text}
              </p>
            ) : null}
            <button type="submit" className="button button-primary" disabled={busy} data-testid="union-create">
              {m.unions.create}
            </button>
          </form>
        </section>
      ) : null}
    </section>
  );
}
