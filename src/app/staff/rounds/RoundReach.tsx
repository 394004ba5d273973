/**
 * One round's notifications (issue 24), folded under the round until opened (then fetched): the sends
 * counted, the CĐCS to call (not sent, not reachable by push) with their last sync, every CĐCS's reach,
 * "Nhắc ngay" with a confirm that lists who will get it, and the reminder schedule (reviewers edit it).
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { RemindNowResponse, ReminderSchedule, RoundReachResponse, UnionReach } from '../../../domain/notifications';
import { formatCount, formatDateTime, useI18n } from '../../i18n';
import { StaffApiError, changeReminderSchedule, fetchRoundReach, remindNow } from '../api';
import { formatDaysBefore, parseDaysBefore, unionsToCall } from './reach';
import { reachMessages, type ReachMessages } from './reachMessages';

const hourOf = (schedule: ReminderSchedule) => `${schedule.hour}:00`;

export function RoundReach({ roundId, canManage, onFailure }: { roundId: string; canManage: boolean; onFailure: (error: unknown) => void }) {
  const { language } = useI18n();
  const m = reachMessages(language);
  const [reach, setReach] = useState<RoundReachResponse | null>(null);
  const load = useCallback(() => {
    fetchRoundReach(roundId).then(setReach, onFailure);
  }, [roundId, onFailure]);
  return (
    <details
      className="staff-round-reach"
      data-testid="round-reach"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && !reach) load();
      }}
    >
      <summary>{m.title}</summary>
      {reach ? <ReachView reach={reach} roundId={roundId} canManage={canManage} m={m} onChanged={load} onFailure={onFailure} /> : <p className="muted">{m.loading}</p>}
    </details>
  );
}

function ReachView({
  reach,
  roundId,
  canManage,
  m,
  onChanged,
  onFailure,
}: {
  reach: RoundReachResponse;
  roundId: string;
  canManage: boolean;
  m: ReachMessages;
  onChanged: () => void;
  onFailure: (error: unknown) => void;
}) {
  const toCall = unionsToCall(reach.unions);
  const { sends } = reach;
  return (
    <div data-testid="round-reach-view">
      <p className="muted" data-testid="reach-sends">
        {m.sends(formatCount(sends.delivered), formatCount(sends.refused), formatCount(sends.expired), formatCount(sends.pending))}
      </p>
      <h4>{toCall.length > 0 ? m.toCallTitle(toCall.length) : m.toCallNone}</h4>
      {toCall.length > 0 ? <UnionTable unions={toCall} m={m} testId="reach-to-call" /> : null}
      {canManage ? <RemindNow roundId={roundId} m={m} onQueued={onChanged} onFailure={onFailure} /> : null}
      <Schedule roundId={roundId} schedule={reach.schedule} canManage={canManage} m={m} onFailure={onFailure} />
      <details>
        <summary>{m.allTitle}</summary>
        <UnionTable unions={reach.unions} m={m} testId="reach-all" />
      </details>
    </div>
  );
}

function UnionTable({ unions, m, testId }: { unions: readonly UnionReach[]; m: ReachMessages; testId: string }) {
  return (
    <div className="staff-table-wrap">
      <table className="staff-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{m.union}</th>
            <th scope="col">{m.report}</th>
            <th scope="col">{m.reachColumn}</th>
            <th scope="col">{m.devices}</th>
            <th scope="col">{m.lastSync}</th>
          </tr>
        </thead>
        <tbody>
          {unions.map((union) => (
            <tr key={union.unionId} data-testid="reach-union" data-union-id={union.unionId} data-reach={union.reach}>
              <th scope="row">
                {union.name}
                {union.code ? <span className="muted"> ({union.code})</span> : null}
              </th>
              <td>{union.sent ? m.sent : m.notSent}</td>
              <td>{m.reach[union.reach]}</td>
              <td className="figure">{formatCount(union.devices)}</td>
              <td>{union.lastSyncAt ? formatDateTime(union.lastSyncAt) : m.neverSynced}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Nhắc ngay": first who would get it (nothing queued), then, confirmed, the count queued. */
function RemindNow({ roundId, m, onQueued, onFailure }: { roundId: string; m: ReachMessages; onQueued: () => void; onFailure: (error: unknown) => void }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<RemindNowResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<number | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const ask = () =>
    run(async () => {
      setQueued(null);
      setPreview(await remindNow(roundId, true));
    });
  const confirm = () =>
    run(async () => {
      const sent = await remindNow(roundId, false);
      setPreview(null);
      setQueued(sent.queued);
      onQueued();
    });
  return (
    <div className="staff-remind">
      {preview ? (
        <div className="confirm" role="group" aria-label={m.remind} data-testid="remind-preview">
          {preview.recipients.length > 0 ? (
            <>
              <p className="confirm-question">{m.remindQuestion(preview.recipients.length)}</p>
              <ul data-testid="remind-recipients">
                {preview.recipients.map((recipient) => (
                  <li key={recipient.unionId} data-union-id={recipient.unionId}>
                    {recipient.name}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="confirm-question" data-testid="remind-nobody">
              {m.remindNobody}
            </p>
          )}
          <div className="button-row">
            {preview.recipients.length > 0 ? (
              <button type="button" className="button button-primary" data-testid="remind-confirm" disabled={busy} onClick={() => void confirm()}>
                {m.remindConfirm}
              </button>
            ) : null}
            <button type="button" className="button" data-testid="remind-cancel" onClick={() => setPreview(null)}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" data-testid="remind-now" disabled={busy} onClick={() => void ask()}>
          {busy ? m.remindChecking : m.remind}
        </button>
      )}
      {queued != null ? (
        <p className="field-message field-message-ok" role="status" data-testid="remind-queued">
          {m.remindQueued(queued)}
        </p>
      ) : null}
    </div>
  );
}

function Schedule({
  roundId,
  schedule,
  canManage,
  m,
  onFailure,
}: {
  roundId: string;
  schedule: ReminderSchedule;
  canManage: boolean;
  m: ReachMessages;
  onFailure: (error: unknown) => void;
}) {
  const [kept, setKept] = useState(schedule);
  const [text, setText] = useState(formatDaysBefore(schedule.daysBefore));
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const days = parseDaysBefore(text);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!days) return setMessage({ text: m.scheduleInvalid, kind: 'error' });
    setBusy(true);
    setMessage(null);
    try {
      const saved = await changeReminderSchedule(roundId, days);
      setKept(saved);
      setText(formatDaysBefore(saved.daysBefore));
      setMessage({ text: m.scheduleSaved(formatDaysBefore(saved.daysBefore), hourOf(saved)), kind: 'ok' });
    } catch (error) {
      if (error instanceof StaffApiError && error.error === 'validation_failed') setMessage({ text: m.scheduleInvalid, kind: 'error' });
      else onFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="staff-reminders">
      <h4>{m.scheduleTitle}</h4>
      <p data-testid="reminder-schedule">{m.schedule(formatDaysBefore(kept.daysBefore), hourOf(kept))}</p>
      {canManage ? (
        <form className="staff-toolbar" onSubmit={(event) => void submit(event)} noValidate>
          <label className="staff-inline-field">
            <span>{m.scheduleField}</span>
            <input
              className="input"
              type="text"
              inputMode="numeric"
              data-testid="reminder-days"
              value={text}
              aria-invalid={days ? undefined : true}
              aria-describedby={`reminder-hint-${roundId}`}
              onChange={(event) => setText(event.target.value)}
            />
            <span className="field-hint" id={`reminder-hint-${roundId}`}>
              {m.scheduleHint}
            </span>
          </label>
          <button type="submit" className="button" data-testid="reminder-save" disabled={busy}>
            {m.scheduleSave}
          </button>
          {message ? (
            <p
              className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
              role={message.kind === 'ok' ? 'status' : 'alert'}
              data-testid="reminder-message"
            >
              {message.text}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
