/**
 * What the superior's reporting round says about one report: its title and plan, whom it goes to,
 * the activity dates, the deadline with the days left (a round reopened for this union: its own
 * date, said so), and, when the round is closed to this union, since when and what to do. Without a round, the built-in deadline only.
 */
import { deadlineStanding, type ReportingRound } from '../../../domain/round';
import type { ReportPeriod } from '../../../domain/period';
import { formatDate, formatIsoDate, useI18n } from '../../i18n';
import './rounds.css';

export function RoundClosedNotice({ closedAt }: { closedAt: string }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="status" data-testid="round-closed">
      <p>
        <strong>{t.rounds.closed(formatDate(closedAt))}</strong> {t.rounds.closedExplain}
      </p>
    </div>
  );
}

/** `now`: the moment the days left are counted at (in Vietnam's days). */
export function RoundDetails({ round, period, now }: { round: ReportingRound; period: ReportPeriod; now: number }) {
  const { t } = useI18n();
  const standing = deadlineStanding(period, round, now);
  return (
    <div className="round-details" data-testid="round-details" data-round-id={round.id}>
      <p className="round-title">{round.title}</p>
      <p className="report-meta">
        {t.rounds.to(round.openedBy.name)}
        {round.plan ? ` · ${t.rounds.plan(round.plan)}` : ''}
      </p>
      <p className="report-meta">{t.rounds.activities(formatIsoDate(round.activities.from), formatIsoDate(round.activities.to))}</p>
      {round.reopenedAt && !standing.closedAt ? (
        <p className="report-meta" data-testid="round-reopened">
          {t.rounds.reopenedUntil(formatIsoDate(standing.deadline))}
        </p>
      ) : null}
      {standing.closedAt ? null : (
        <p className={`report-meta${standing.daysLeft < 0 ? ' report-overdue' : ''}`} data-testid="round-deadline">
          {t.list.deadline(formatIsoDate(standing.deadline), standing.daysLeft)}
        </p>
      )}
    </div>
  );
}

/** The editor's head: the round's details and, when closed, why the report can no longer be sent. */
export function RoundNotice({ round, period, now }: { round: ReportingRound | null; period: ReportPeriod; now: number }) {
  if (!round) return null;
  return (
    <div className="round-notice">
      <RoundDetails round={round} period={period} now={now} />
      {round.closedAt ? <RoundClosedNotice closedAt={round.closedAt} /> : null}
    </div>
  );
}
