/**
 * The CĐCS directly under a node: add one (admin: name, code, employer, sector), issue an enrolment
 * code that the union's officer types on the phone (reviewer), and open a union's page for its move
 * history and moves. The code is shown once, large and grouped (`K7QF-M2XP`), with its expiry date.
 */
import { useState, type FormEvent } from 'react';
import type { GrassrootsUnion, IssuedEnrolmentCode, NodeDetail, NodeOverview } from '../../domain/staff';
import type { Sector } from '../../domain/report';
import { formatDateTime, useI18n } from '../i18n';
import { createUnion, issueEnrolmentCode } from './api';
import { SectorSelect } from './SectorSelect';
import type { StaffContext } from './StaffApp';
import { groupEnrolmentCode } from './enrolmentCode';
import { EnrolmentCard } from './enrolment/EnrolmentCard';
import { failureText, isSessionEnded, manageFailureText, refusedField } from './errors';
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
  const [failure, setFailure] = useState<unknown>(null);
  const [form, setForm] = useState<{ name: string; code: string; employer: string; sector: Sector | '' }>({
    name: '',
    code: '',
    employer: '',
    sector: '',
  });
  const [formMessage, setFormMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ union: string; code: IssuedEnrolmentCode } | null>(null);

  const handle = (error: unknown) => {
    if (isSessionEnded(error)) onSessionEnded();
    else setFailure(error);
  };

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

  async function issue(union: GrassrootsUnion) {
    setFailure(null);
    try {
      const code = await issueEnrolmentCode(union.id);
      setIssued({ union: union.name, code });
    } catch (error) {
      handle(error);
    }
  }

  return (
    <section className="staff-unions">

      {issued ? (
        <section className="card staff-code" data-testid="enrolment-code-card" aria-live="polite">
          <h3 className="card-title">{m.unions.codeTitle(issued.union)}</h3>
          <p className="staff-code-value" data-testid="enrolment-code">
            {groupEnrolmentCode(issued.code.code)}
          </p>
          <p data-testid="enrolment-code-expiry">{m.unions.codeExpires(formatDateTime(issued.code.expiresAt))}</p>
          <p className="muted">
            {m.unions.codeUses(issued.code.maxUses)}. {m.unions.codeOnce}
          </p>
          <EnrolmentCard unionName={issued.union} superiorName={node.node.name} issued={issued.code} />
        </section>
      ) : null}

      <section className="card">
        <h3 className="card-title">{m.unions.listTitle}</h3>
        {failure ? (
          <p className="notice notice-error" role="alert">
            {failureText(failure, m)}
          </p>
        ) : null}
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
                      <button type="button" className="button button-small" data-testid="issue-code" onClick={() => void issue(union)}>
                        {m.unions.issueCode}
                      </button>
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
            <div className="field">
              <label className="field-label" htmlFor="union-name">
                {m.unions.name}
              </label>
              <input id="union-name" name="name" className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="union-code">
                {m.unions.code}
              </label>
              <input id="union-code" name="code" className="input" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
              <p className="field-hint">{m.unions.codeHint}</p>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="union-employer">
                {m.unions.employer}
              </label>
              <input
                id="union-employer"
                name="employer"
                className="input"
                value={form.employer}
                onChange={(e) => setForm({ ...form, employer: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="union-sector">
                {m.unions.sector}
              </label>
              <SectorSelect id="union-sector" name="sector" noneLabel={m.unions.sectorNone} value={form.sector} onChange={(sector) => setForm({ ...form, sector })} />
            </div>
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
