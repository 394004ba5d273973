/**
 * The node's reporting rounds: those it opened and those of the nodes above that apply to it, with
 * "Mở kỳ báo cáo" for the period chosen on the node screen, "Khoá", "Mở lại cho tất cả" and
 * "Mở lại cho một CĐCS". The server checks every id and role; this panel only hides what the role
 * may not do.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ReportPeriod } from '../../../domain/period';
import { suggestedRound, type NodeRound } from '../../../domain/round';
import type { GrassrootsUnion } from '../../../domain/staff';
import { formatDate, formatIsoDate, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { StaffApiError, fetchNodeRounds, openNodeRound, reopenRoundFor, setRoundState } from '../api';
import { roundsMessages } from './messages';
import './rounds.css';

export interface RoundsPanelProps {
  nodeId: string;
  period: ReportPeriod;
  /** The CĐCS directly under the node, for "Mở lại cho một CĐCS". */
  unions: readonly GrassrootsUnion[];
  /** The role may open, close and reopen rounds. */
  canManage: boolean;
  onFailure: (error: unknown) => void;
}

export function RoundsPanel({ nodeId, period, unions, canManage, onFailure }: RoundsPanelProps) {
  const { t, language } = useI18n();
  const m = roundsMessages(language);
  const [rounds, setRounds] = useState<NodeRound[] | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    fetchNodeRounds(nodeId).then((list) => live && setRounds(list), (error: unknown) => live && onFailure(error));
    return () => {
      live = false;
    };
  }, [nodeId, version, onFailure]);

  const ofPeriod = (rounds ?? []).filter((round) => round.period.year === period.year && round.period.kind === period.kind);
  const own = ofPeriod.find((round) => round.openedBy.nodeId === nodeId);
  return (
    <section className="card staff-rounds" data-testid="rounds-panel">
      <h3 className="card-title">
        {m.title}: {t.periodLabel(period.year, period.kind)}
      </h3>
      <p className="muted">{m.intro}</p>
      {rounds == null ? null : ofPeriod.length === 0 ? <p className="empty">{m.none}</p> : null}
      <ul className="staff-round-list">
        {ofPeriod.map((round) => (
          <RoundItem
            key={round.id}
            round={round}
            own={round.openedBy.nodeId === nodeId}
            unions={unions}
            canManage={canManage}
            onChanged={reload}
            onFailure={onFailure}
          />
        ))}
      </ul>
      {canManage && !own ? <OpenRoundForm key={`${period.year}-${period.kind}`} nodeId={nodeId} period={period} onOpened={reload} onFailure={onFailure} /> : null}
    </section>
  );
}

function RoundItem({
  round,
  own,
  unions,
  canManage,
  onChanged,
  onFailure,
}: {
  round: NodeRound;
  own: boolean;
  unions: readonly GrassrootsUnion[];
  canManage: boolean;
  onChanged: () => void;
  onFailure: (error: unknown) => void;
}) {
  const { t, language } = useI18n();
  const m = roundsMessages(language);
  const [unionId, setUnionId] = useState('');
  const [deadline, setDeadline] = useState('');
  const act = (work: () => Promise<unknown>) => () => void work().then(onChanged, onFailure);
  const names = round.reopenings.map((r) => unions.find((u) => u.id === r.unionId)?.name ?? r.unionId);
  return (
    <li className="staff-round" data-testid="staff-round" data-round-id={round.id} data-closed={round.closedAt ? 'true' : 'false'}>
      <p className="staff-round-title">
        <strong>{round.title}</strong>{' '}
        <span className={`staff-standing ${round.closedAt ? 'staff-standing-returned' : 'staff-standing-sent'}`}>
          {round.closedAt ? m.stateClosed(formatDate(round.closedAt)) : m.stateOpen}
        </span>
      </p>
      <p className="muted">
        {round.plan ? `${round.plan} · ` : ''}
        {m.openedBy(round.openedBy.name)} · <span className="figure">{m.deadlineOn(formatIsoDate(round.deadline))}</span> ·{' '}
        {m.activities(formatIsoDate(round.activities.from), formatIsoDate(round.activities.to))}
      </p>
      {names.length > 0 ? <p className="muted">{m.reopenedFor(names.join(', '))}</p> : null}
      {canManage && own ? (
        <div className="button-row">
          {round.closedAt ? (
            <button type="button" className="button" data-testid="round-open-all" onClick={act(() => setRoundState(round.id, 'open'))}>
              {m.reopenAll}
            </button>
          ) : (
            <ConfirmAction
              label={m.close}
              question={m.closeConfirm}
              confirmLabel={m.close}
              cancelLabel={t.common.cancel}
              testId="round-close"
              onConfirm={act(() => setRoundState(round.id, 'close'))}
            />
          )}
        </div>
      ) : null}
      {canManage && own && round.closedAt && unions.length > 0 ? (
        <form
          className="staff-toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            if (unionId) act(() => reopenRoundFor(round.id, unionId, deadline || null))();
          }}
        >
          <label className="staff-inline-field">
            <span>{m.reopenUnion}</span>
            <select className="input" data-testid="round-reopen-union" value={unionId} onChange={(event) => setUnionId(event.target.value)}>
              <option value="">—</option>
              {unions.map((union) => (
                <option key={union.id} value={union.id}>
                  {union.name}
                </option>
              ))}
            </select>
          </label>
          <label className="staff-inline-field">
            <span>{m.reopenDeadline}</span>
            <input type="date" className="input" value={deadline} onChange={(event) => setDeadline(event.target.value)} />
          </label>
          <button type="submit" className="button" data-testid="round-reopen" disabled={!unionId}>
            {m.reopenFor}
          </button>
        </form>
      ) : null}
    </li>
  );
}

function OpenRoundForm({
  nodeId,
  period,
  onOpened,
  onFailure,
}: {
  nodeId: string;
  period: ReportPeriod;
  onOpened: () => void;
  onFailure: (error: unknown) => void;
}) {
  const { t, language } = useI18n();
  const m = roundsMessages(language);
  const suggested = suggestedRound(period);
  const [form, setForm] = useState({
    title: t.periodLabel(period.year, period.kind),
    plan: '',
    from: suggested.activities.from,
    to: suggested.activities.to,
    deadline: suggested.deadline,
  });
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.title.trim()) return setMessage({ text: m.titleRequired, kind: 'error' });
    setBusy(true);
    setMessage(null);
    try {
      const round = await openNodeRound(nodeId, {
        period,
        title: form.title.trim(),
        plan: form.plan.trim(),
        activities: { from: form.from, to: form.to },
        deadline: form.deadline,
      });
      setMessage({ text: m.opened(round.title), kind: 'ok' });
      onOpened();
    } catch (error) {
      if (error instanceof StaffApiError && error.error === 'taken') setMessage({ text: m.taken, kind: 'error' });
      else if (error instanceof StaffApiError && error.error === 'validation_failed') setMessage({ text: m.badDates, kind: 'error' });
      else onFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof typeof form, label: string, type: 'text' | 'date', hint?: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type={type}
        name={`round-${key}`}
        data-testid={`round-${key}`}
        value={form[key]}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
      />
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );

  return (
    <form className="staff-round-form" onSubmit={(event) => void submit(event)} noValidate>
      <h4>{m.openTitle}</h4>
      {field('title', m.titleField, 'text', m.titleHint)}
      {field('plan', m.plan, 'text', m.planHint)}
      <div className="staff-toolbar">
        {field('from', m.from, 'date')}
        {field('to', m.to, 'date')}
        {field('deadline', m.deadline, 'date')}
      </div>
      <button type="submit" className="button button-primary" data-testid="round-submit" disabled={busy}>
        {m.open}
      </button>
      {message ? (
        <p className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
