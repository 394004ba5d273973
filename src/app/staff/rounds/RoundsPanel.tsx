/**
 * The node's reporting rounds: those it opened and those of the nodes above that apply to it, with
 * "Mở kỳ báo cáo" for the period chosen on the node screen, "Khoá", "Mở lại cho tất cả" and
 * "Mở lại cho một CĐCS", and, folded under each of its own rounds, who a push reaches and "Nhắc ngay"
 * (RoundReach). A round names the form it asks for (issue 22): the opening form offers the built-in
 * forms and the published ones the node can use, and each round says its form's title, with the way to
 * that form's roll-up. The server checks every id and role; this panel only hides what the role
 * may not do.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ReportPeriod } from '../../../domain/period';
import { vietnamDate } from '../../../domain/calendar';
import { isPastDeadline, suggestedRound, type NodeRound } from '../../../domain/round';
import type { GrassrootsUnion } from '../../../domain/staff';
import { formatDate, formatIsoDate, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { DateInput } from '../../ui/DateInput';
import type { FormSummary } from '../../../domain/forms/catalogue';
import { PLAN94_FORM_REF, formRefKey, roundFormRef } from '../../../domain/forms/reportForm';
import { StaffApiError, changeRoundDeadline, fetchForms, fetchNodeRounds, openNodeRound, reopenRoundFor, setRoundState } from '../api';
import { isSessionEnded } from '../errors';
import { formRollupHref } from '../forms/rollupRoute';
import { roundFormChoices, roundFormTitle, type RoundFormChoice } from './roundForms';
import { roundsMessages, type RoundsMessages } from './messages';
import { RoundReach } from './RoundReach';
import './rounds.css';

export interface RoundsPanelProps {
  nodeId: string;
  period: ReportPeriod;
  /** The CĐCS directly under the node, for "Mở lại cho một CĐCS". */
  unions: readonly GrassrootsUnion[];
  /** The role may open, close and reopen rounds. */
  canManage: boolean;
  onFailure: (error: unknown) => void;
  /** After a round was opened, its deadline moved, closed or reopened: the node's other tables follow. */
  onChanged?: () => void;
}

export function RoundsPanel({ nodeId, period, unions, canManage, onFailure, onChanged }: RoundsPanelProps) {
  const { t, language } = useI18n();
  const m = roundsMessages(language);
  const [rounds, setRounds] = useState<NodeRound[] | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged?.();
  }, [onChanged]);

  // The forms the node can use; a list that cannot be read leaves the built-in ones (an ended session signs out).
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchForms(nodeId).then(
      (answer) => live && setForms(answer.forms),
      (error: unknown) => {
        if (live && isSessionEnded(error)) onFailure(error);
      },
    );
    return () => {
      live = false;
    };
  }, [nodeId, onFailure]);
  const choices = roundFormChoices(forms);

  useEffect(() => {
    let live = true;
    fetchNodeRounds(nodeId).then((list) => live && setRounds(list), (error: unknown) => live && onFailure(error));
    return () => {
      live = false;
    };
  }, [nodeId, version, onFailure]);

  const ofPeriod = (rounds ?? []).filter((round) => round.period.year === period.year && round.period.kind === period.kind);
  // A node opens one round per period and form: the forms it has not opened one for are left to choose.
  const ownForms = new Set(ofPeriod.filter((round) => round.openedBy.nodeId === nodeId).map((round) => formRefKey(roundFormRef(round))));
  const open = choices.filter((choice) => !ownForms.has(choice.key));
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
            nodeId={nodeId}
            formTitle={roundFormTitle(round, choices)}
            own={round.openedBy.nodeId === nodeId}
            unions={unions}
            canManage={canManage}
            onChanged={reload}
            onFailure={onFailure}
          />
        ))}
      </ul>
      {canManage && open.length > 0 ? (
        ownForms.size === 0 ? (
          <OpenRoundForm key={`${period.year}-${period.kind}`} nodeId={nodeId} period={period} choices={open} onOpened={reload} onFailure={onFailure} />
        ) : (
          // A round of the period is open already: another form's round is there when asked for.
          <details className="staff-round-more" data-testid="round-open-another">
            <summary>{m.openAnother}</summary>
            <OpenRoundForm key={`${period.year}-${period.kind}-${[...ownForms].join()}`} nodeId={nodeId} period={period} choices={open} onOpened={reload} onFailure={onFailure} />
          </details>
        )
      ) : null}
    </section>
  );
}

function RoundItem({
  round,
  nodeId,
  formTitle,
  own,
  unions,
  canManage,
  onChanged,
  onFailure,
}: {
  round: NodeRound;
  nodeId: string;
  /** Null when the form is not among those the node can use (shown by its id). */
  formTitle: string | null;
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
      <p className="muted" data-testid="round-form" data-form-id={roundFormRef(round).id} data-form-version={roundFormRef(round).version}>
        {m.form(formTitle ?? m.formUnknown(roundFormRef(round).id, roundFormRef(round).version))} ·{' '}
        <a className="staff-round-link" href={formRollupHref(nodeId, roundFormRef(round).id, round.period)} data-testid="round-rollup-link">
          {m.rollup}
        </a>
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
      {canManage && own ? <ChangeDeadlineForm round={round} onChanged={onChanged} onFailure={onFailure} /> : null}
      {own ? <RoundReach roundId={round.id} canManage={canManage} onFailure={onFailure} /> : null}
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
            <DateInput testId="round-reopen-deadline" unreadableIsEmpty value={deadline} onChange={setDeadline} />
          </label>
          <button type="submit" className="button" data-testid="round-reopen" disabled={!unionId}>
            {m.reopenFor}
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** Why a deadline cannot be taken, in the staff member's words; null when it can. */
function deadlineProblem(m: RoundsMessages, deadline: string, now: number): string | null {
  return deadline && isPastDeadline(deadline, now) ? m.deadlinePast(formatIsoDate(vietnamDate(now))) : null;
}

/** The message beside a deadline field: an error (role alert) or what was done (role status). */
function FieldMessage({ message, testId }: { message: { text: string; kind: 'ok' | 'error' } | null; testId: string }) {
  if (!message) return null;
  return (
    <p
      className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
      role={message.kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}

/** "Đổi hạn nộp": the round's deadline moves; the phones read it with their next pull. */
function ChangeDeadlineForm({ round, onChanged, onFailure }: { round: NodeRound; onChanged: () => void; onFailure: (error: unknown) => void }) {
  const { language } = useI18n();
  const m = roundsMessages(language);
  const [deadline, setDeadline] = useState('');
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  // Today as the form was drawn: what a deadline is checked against before it is sent.
  const [now] = useState(() => Date.now());
  const past = deadlineProblem(m, deadline, now);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!deadline || past) return;
    setBusy(true);
    setMessage(null);
    try {
      const changed = await changeRoundDeadline(round.id, deadline);
      setMessage({ text: m.deadlineChanged(formatIsoDate(changed.deadline)), kind: 'ok' });
      setDeadline('');
      onChanged();
    } catch (error) {
      if (error instanceof StaffApiError && error.error === 'deadline_past') setMessage({ text: m.deadlinePast(formatIsoDate(vietnamDate(now))), kind: 'error' });
      else if (error instanceof StaffApiError && error.error === 'validation_failed') setMessage({ text: m.deadlineBeforeActivities, kind: 'error' });
      else onFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="staff-toolbar" onSubmit={(event) => void submit(event)} noValidate>
      <label className="staff-inline-field">
        <span>{m.newDeadline}</span>
        <DateInput testId="round-new-deadline" unreadableIsEmpty value={deadline} invalid={past != null} onChange={setDeadline} />
      </label>
      <button type="submit" className="button" data-testid="round-change-deadline" disabled={busy || !deadline || past != null}>
        {m.changeDeadline}
      </button>
      <FieldMessage message={past ? { text: past, kind: 'error' } : message} testId="round-new-deadline-message" />
    </form>
  );
}

function OpenRoundForm({
  nodeId,
  period,
  choices,
  onOpened,
  onFailure,
}: {
  nodeId: string;
  period: ReportPeriod;
  /** The forms the round may ask for (at least one); the first is chosen at first. */
  choices: readonly RoundFormChoice[];
  onOpened: () => void;
  onFailure: (error: unknown) => void;
}) {
  const { t, language } = useI18n();
  const m = roundsMessages(language);
  // Today as the form was drawn: the proposed deadline is after it, and a typed one is checked against it.
  const [now] = useState(() => Date.now());
  const suggested = suggestedRound(period, now);
  const [form, setForm] = useState({
    title: t.periodLabel(period.year, period.kind),
    plan: '',
    from: suggested.activities.from,
    to: suggested.activities.to,
    deadline: suggested.deadline,
  });
  // Plan 94 when it is among the choices, as a round that names no form; the first choice otherwise.
  const [formKey, setFormKey] = useState(() => choices.find((choice) => choice.key === formRefKey(PLAN94_FORM_REF))?.key ?? choices[0]?.key ?? '');
  const chosen = choices.find((choice) => choice.key === formKey) ?? choices[0];
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  // Told by the form as the date is typed, or by the server (whose today may already be tomorrow here).
  const [serverPast, setServerPast] = useState(false);
  const deadlinePast = deadlineProblem(m, form.deadline, now) ?? (serverPast ? m.deadlinePast(formatIsoDate(vietnamDate(now))) : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.title.trim()) return setMessage({ text: m.titleRequired, kind: 'error' });
    if (deadlinePast) return;
    setBusy(true);
    setMessage(null);
    try {
      const round = await openNodeRound(nodeId, {
        period,
        title: form.title.trim(),
        plan: form.plan.trim(),
        activities: { from: form.from, to: form.to },
        deadline: form.deadline,
        ...(chosen ? { form: chosen.ref } : {}),
      });
      setMessage({ text: m.opened(round.title), kind: 'ok' });
      onOpened();
    } catch (error) {
      if (error instanceof StaffApiError && error.error === 'taken') setMessage({ text: m.taken, kind: 'error' });
      else if (error instanceof StaffApiError && error.error === 'deadline_past') setServerPast(true);
      else if (error instanceof StaffApiError && error.error === 'validation_failed') setMessage({ text: m.badDates, kind: 'error' });
      else onFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof typeof form, label: string, type: 'text' | 'date', hint?: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      {type === 'date' ? (
        <DateInput
          name={`round-${key}`}
          testId={`round-${key}`}
          unreadableIsEmpty
          value={form[key]}
          invalid={key === 'deadline' && deadlinePast != null}
          onChange={(date) => {
            if (key === 'deadline') setServerPast(false);
            setForm({ ...form, [key]: date });
          }}
        />
      ) : (
        <input
          className="input"
          type="text"
          name={`round-${key}`}
          data-testid={`round-${key}`}
          value={form[key]}
          onChange={(event) => setForm({ ...form, [key]: event.target.value })}
        />
      )}
      {hint ? <span className="field-hint">{hint}</span> : null}
      {key === 'deadline' && deadlinePast ? <FieldMessage message={{ text: deadlinePast, kind: 'error' }} testId="round-deadline-past" /> : null}
    </label>
  );

  return (
    <form className="staff-round-form" onSubmit={(event) => void submit(event)} noValidate>
      <h4>{m.openTitle}</h4>
      <label className="field">
        <span className="field-label">{m.formField}</span>
        <select className="input" name="round-form" data-testid="round-form-choice" value={chosen?.key ?? ''} onChange={(event) => setFormKey(event.target.value)}>
          {choices.map((choice) => (
            <option key={choice.key} value={choice.key}>
              {choice.builtin ? choice.title : m.formVersion(choice.title, choice.version)}
            </option>
          ))}
        </select>
        <span className="field-hint">{m.formHint}</span>
      </label>
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
