/**
 * Reporting rounds (kỳ báo cáo): a superior, or the province for everyone under it, opens a round
 * for a period with its title, the plan it answers, the dates its activities must fall within and
 * the deadline. Rounds reach the phones through the change feed (sync.ts); a report of a period
 * with a round is held to the round's dates and deadline instead of the defaults in period.ts.
 *
 * A round can be closed: a report of it can no longer be sent (409 `round_closed`), and the phone
 * says since when. The superior can reopen a closed round for one CĐCS, with its own deadline.
 * The staff's requests to open and reopen rounds are checked by `roundRequests.ts`.
 */
import type { OpenRoundRequest } from './roundRequests';
import {
  daysUntil,
  defaultDeadline,
  periodDateRange,
  periodKey,
  type DateRange,
  type ReportPeriod,
} from './period';

/** A round as one union's device receives it: closed or open for that union. */
export interface ReportingRound {
  id: string;
  period: ReportPeriod;
  /** E.g. "Báo cáo kết quả thực hiện Nghị quyết năm 2026". */
  title: string;
  /** The plan the report answers, e.g. "Kế hoạch số 94/KH-LĐLĐ"; '' when none is named. */
  plan: string;
  /** The dates a dated activity of the report (dialogue session, workers' conference) must fall within. */
  activities: DateRange;
  /** ISO date by which the report is due (for this union: its reopening's deadline when it has one). */
  deadline: string;
  /** The node that opened the round: the union's superior, or a node above it. Its name is whom the report goes to. */
  openedBy: { nodeId: string; name: string };
  openedAt: string;
  /** When the round was closed to this union; null while it is open to it (never closed, or reopened for it). */
  closedAt: string | null;
}

/** A closed round reopened for one CĐCS. */
export interface RoundReopening {
  unionId: string;
  reopenedAt: string;
  /** That union's own deadline; null keeps the round's. */
  deadline: string | null;
}

/** A round as the staff of the node that opened it (or of a node above) see it. */
export interface NodeRound extends Omit<ReportingRound, 'closedAt'> {
  /** When the round was closed for everyone; null while open. */
  closedAt: string | null;
  reopenings: RoundReopening[];
}

/** The round as one union's device sees it: a reopening for it opens it again, with its deadline. */
export function roundForUnion(round: NodeRound, unionId: string): ReportingRound {
  const { reopenings, ...rest } = round;
  const reopening = round.closedAt == null ? undefined : reopenings.find((r) => r.unionId === unionId);
  if (!reopening) return rest;
  return { ...rest, closedAt: null, deadline: reopening.deadline ?? round.deadline };
}

/**
 * The round that applies to a period among the rounds a device holds. The feed lists them nearest
 * superior first, so when both the province and the union's own superior opened one, the superior's wins.
 */
export function roundOfPeriod(rounds: readonly ReportingRound[], period: ReportPeriod): ReportingRound | null {
  const key = periodKey(period);
  return rounds.find((round) => periodKey(round.period) === key) ?? null;
}

/** The dates a report's activities must fall within: the round's, or the period's defaults. */
export function activityRange(period: ReportPeriod, round: ReportingRound | null | undefined): DateRange {
  return round ? round.activities : periodDateRange(period);
}

export interface DeadlineStanding {
  deadline: string;
  /** Whole days from today to the deadline, negative when overdue. */
  daysLeft: number;
  /** The round that set it, or null for the built-in 30 November. */
  round: ReportingRound | null;
  /** ISO time since which the round is closed to this union, or null. */
  closedAt: string | null;
}

/** What is due for a period, by when, and whether it can still be sent. `today` is an ISO date. */
export function deadlineStanding(period: ReportPeriod, round: ReportingRound | null | undefined, today: string): DeadlineStanding {
  const deadline = round ? round.deadline : defaultDeadline(period);
  return { deadline, daysLeft: daysUntil(deadline, today), round: round ?? null, closedAt: round?.closedAt ?? null };
}

/** Open rounds the device holds no ready report for: what the officer still owes, soonest deadline first. */
export function dueRounds(
  rounds: readonly ReportingRound[],
  reports: readonly { period: ReportPeriod; status: 'draft' | 'ready' }[],
): ReportingRound[] {
  const ready = new Set(reports.filter((r) => r.status === 'ready').map((r) => periodKey(r.period)));
  const seen = new Set<string>();
  const due: ReportingRound[] = [];
  for (const round of rounds) {
    const key = periodKey(round.period);
    if (seen.has(key)) continue; // a farther node's round of the same period does not apply
    seen.add(key);
    if (round.closedAt == null && !ready.has(key)) due.push(round);
  }
  return due.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/** What a push to a closed round is refused with: 409 `round_closed`, `details: RoundClosedDetails`. */
export interface RoundClosedDetails {
  roundId: string;
  title: string;
  closedAt: string;
}

export function isRoundClosedDetails(value: unknown): value is RoundClosedDetails {
  const details = value as Partial<RoundClosedDetails> | null;
  return typeof details === 'object' && details !== null && typeof details.closedAt === 'string' && typeof details.roundId === 'string';
}

/** The defaults a staff member's "open a round" form starts from for a period. */
export function suggestedRound(period: ReportPeriod): Pick<OpenRoundRequest, 'activities' | 'deadline'> {
  return { activities: periodDateRange(period), deadline: defaultDeadline(period) };
}
