/**
 * What the superior's reporting round says about one report: its title and plan, whom it goes to,
 * the activity dates, the deadline with the days left, and, when the round is closed to this
 * union, since when and what to do. Without a round, the built-in deadline only.
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

export function RoundDetails({ round, period, today }: { round: ReportingRound; period: ReportPeriod; today: string }) {
  const { t } = useI18n();
  const standing = deadlineStanding(period, round, today);
  return (
    <div className="round-details" data-testid="round-details" data-round-id={round.id}>
      <p className="round-title">{round.title}</p>
      <p className="report-meta">
        {t.rounds.to(round.openedBy.name)}
        {round.plan ? ` · ${t.rounds.plan(round.plan)}` : ''}
      </p>
      <p className="report-meta">{t.rounds.activities(formatIsoDate(round.activities.from), formatIsoDate(round.activities.to))}</p>
      {standing.closedAt ? null : (
        <p className={`report-meta${standing.daysLeft < 0 ? ' report-overdue' : ''}`} data-testid="round-deadline">
          {t.list.deadline(formatIsoDate(standing.deadline), standing.daysLeft)}
        </p>
      )}
    </div>
  );
}

/** The editor's head: the round's details and, when closed, why the report can no longer be sent. */
export function RoundNotice({ round, period, today }: { round: ReportingRound | null; period: ReportPeriod; today: string }) {
  if (!round) return null;
  return (
    <div className="round-notice">
      <RoundDetails round={round} period={period} today={today} />
      {round.closedAt ? <RoundClosedNotice closedAt={round.closedAt} /> : null}
    </div>
  );
}
