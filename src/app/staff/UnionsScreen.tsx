/**
 * The district's unions: add one (name, code, employer, sector), and issue an enrolment code that the
 * union's officer types on the phone. The code is shown once, large and grouped (`K7QF-M2XP`), with
 * its expiry date.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { IssuedEnrolmentCode, UnionOverview } from '../../domain/district';
import { SECTORS, type Sector } from '../../domain/report';
import { formatDateTime, useI18n } from '../i18n';
import { createUnion, StaffApiError, fetchOverview, issueEnrolmentCode } from './api';
import type { StaffContext, PeriodChoice } from './StaffApp';
import { groupEnrolmentCode } from './enrolmentCode';
import { failureText, isSessionEnded } from './errors';

export function UnionsScreen({ context, period }: { context: StaffContext; period: PeriodChoice }) {
  const { m, onSessionEnded } = context;
  const { t } = useI18n();
  const [unions, setUnions] = useState<UnionOverview[] | null>(null);
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

  const handle = useCallback(
    (error: unknown) => {
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    },
    [onSessionEnded],
  );

  const load = useCallback(
    () =>
      fetchOverview(period.year, period.kind).then(
        (overview) => setUnions(overview.unions),
        (error: unknown) => handle(error),
      ),
    [period.year, period.kind, handle],
  );

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.name.trim()) {
      setFormMessage({ text: m.unions.nameRequired, kind: 'error' });
      return;
    }
    setBusy(true);
    setFormMessage(null);
    try {
      const union = await createUnion({ ...form, name: form.name.trim(), employer: form.employer.trim() });
      setFormMessage({ text: m.unions.created(union.name), kind: 'ok' });
      setForm({ name: '', code: '', employer: '', sector: '' });
      await load();
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      const codeRefused =
        error instanceof StaffApiError &&
        error.error === 'validation_failed' &&
        Array.isArray(error.details) &&
        error.details.some((detail: { path?: unknown }) => detail?.path === 'code');
      setFormMessage({
        text: codeRefused
          ? m.unions.codeTaken
          : error instanceof StaffApiError && error.error === 'validation_failed'
            ? m.unions.invalid
            : failureText(error, m),
        kind: 'error',
      });
    } finally {
      setBusy(false);
    }
  }

  async function issue(union: UnionOverview) {
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
      <h2 className="screen-title">{m.unions.title}</h2>

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
        </section>
      ) : null}

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
            <select
              id="union-sector"
              name="sector"
              className="input"
              value={form.sector}
              onChange={(e) => setForm({ ...form, sector: e.target.value as Sector | '' })}
            >
              <option value="">{m.unions.sectorNone}</option>
              {SECTORS.map((sector) => (
                <option key={sector} value={sector}>
                  {t.sectors[sector]}
                </option>
              ))}
            </select>
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

      <section className="card">
        <h3 className="card-title">{m.unions.listTitle}</h3>
        {failure ? (
          <p className="notice notice-error" role="alert">
            {failureText(failure, m)}
          </p>
        ) : null}
        {!unions ? (
          <p className="shell-loading">{m.overview.loading}</p>
        ) : unions.length === 0 ? (
          <p className="empty">{m.overview.empty}</p>
        ) : (
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{m.columns.name}</th>
                <th scope="col">{m.columns.code}</th>
                <th scope="col">{m.unions.employer}</th>
                <th scope="col">{m.unions.sector}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {unions.map((union) => (
                <tr key={union.id} data-testid="staff-union" data-union-id={union.id}>
                  <th scope="row">
                    {union.name}
                    <div className="muted">{m.unions.devices(union.activeDevices)}</div>
                  </th>
                  <td>{union.code ?? ''}</td>
                  <td>{union.employer}</td>
                  <td>{union.sector ? (t.sectors[union.sector as keyof typeof t.sectors] ?? union.sector) : ''}</td>
                  <td>
                    <button type="button" className="button button-small" data-testid="issue-code" onClick={() => void issue(union)}>
                      {m.unions.issueCode}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
