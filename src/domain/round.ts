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
import { reportFormRef, roundFormRef, type FormRef } from './forms/formRef';
import { vietnamDate, type Instant } from './calendar';
import type { OpenRoundRequest } from './roundRequests';
import {
  daysLeft,
  defaultDeadline,
  duePeriod,
  periodDateRange,
  periodKey,
  type DateRange,
  type ReportPeriod,
} from './period';

/** A round as one union's device receives it: closed or open for that union. */
export interface ReportingRound {
  id: string;
  period: ReportPeriod;
  /**
   * The form the round asks for (issue 22, forms/reportForm.ts); absent from a round opened before
   * forms, or from a server that predates them: the built-in Plan 94 form.
   */
  form?: { id: string; version: number };
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
  /**
   * When a closed round was reopened for this union (its `deadline` is then the reopening's); null or
   * absent otherwise (absent from a server that predates it).
   */
  reopenedAt?: string | null;
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
  if (!reopening) return { ...rest, reopenedAt: null };
  return { ...rest, closedAt: null, deadline: reopening.deadline ?? round.deadline, reopenedAt: reopening.reopenedAt };
}

/**
 * The deadline one CĐCS is held to by a node's round: its reopening's own (or the round's, when the
 * reopening set none) while the round is closed and reopened for it, else the round's.
 */
export function unionDeadline(round: Pick<NodeRound, 'deadline' | 'closedAt' | 'reopenings'>, unionId: string): { deadline: string; reopened: boolean } {
  const reopening = round.closedAt == null ? undefined : round.reopenings.find((r) => r.unionId === unionId);
  return reopening ? { deadline: reopening.deadline ?? round.deadline, reopened: true } : { deadline: round.deadline, reopened: false };
}

/**
 * The round that applies to a period among the rounds a device holds. The feed lists them nearest
 * superior first, so when both the province and the union's own superior opened one, the superior's wins.
 */
export function roundOfPeriod<R extends Pick<ReportingRound, 'period'>>(rounds: readonly R[], period: ReportPeriod): R | null {
  const key = periodKey(period);
  return rounds.find((round) => periodKey(round.period) === key) ?? null;
}

/**
 * The rounds that apply to `period`, nearest first, one per form (a farther node's round of the same
 * form does not apply, as on the phone): a period may ask for several forms at once (issue 22), and
 * the staff screens let the reader choose among them.
 */
export function periodRoundsByForm<R extends Pick<ReportingRound, 'period' | 'form'>>(rounds: readonly R[], period: ReportPeriod): R[] {
  const key = periodKey(period);
  const seen = new Set<string>();
  const kept: R[] = [];
  for (const round of rounds) {
    if (periodKey(round.period) !== key) continue;
    const form = roundFormRef(round).id;
    if (seen.has(form)) continue;
    seen.add(form);
    kept.push(round);
  }
  return kept;
}

/** Among `periodRounds` (periodRoundsByForm), the round of `formId`, else the first (the nearest), else null. */
export function chosenPeriodRound<R extends Pick<ReportingRound, 'form'>>(periodRounds: readonly R[], formId: string | null): R | null {
  return periodRounds.find((round) => roundFormRef(round).id === formId) ?? periodRounds[0] ?? null;
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

/** What is due for a period, by when (days counted in Vietnam at `now`), and whether it can still be sent. */
export function deadlineStanding(period: ReportPeriod, round: ReportingRound | null | undefined, now: Instant): DeadlineStanding {
  const deadline = round ? round.deadline : defaultDeadline(period);
  return { deadline, daysLeft: daysLeft(deadline, now), round: round ?? null, closedAt: round?.closedAt ?? null };
}

/** What both a union's round and a node's round hold, for choosing a period. */
type RoundOfPeriod = Pick<ReportingRound, 'period' | 'deadline' | 'closedAt'>;

/**
 * The period of the open round that is due first, among rounds listed nearest superior first (the
 * change feed's and `GET /api/staff/nodes/:id/rounds`' order): a farther node's round of a period
 * the nearer one already covers does not count. Periods in `skip` (a device's reports) are passed over.
 * Null when no round is open.
 */
export function openRoundPeriod(rounds: readonly RoundOfPeriod[], skip: readonly ReportPeriod[] = []): ReportPeriod | null {
  const skipped = new Set(skip.map(periodKey));
  const seen = new Set<string>();
  let soonest: RoundOfPeriod | null = null;
  for (const round of rounds) {
    const key = periodKey(round.period);
    if (seen.has(key)) continue;
    seen.add(key);
    if (round.closedAt != null || skipped.has(key)) continue;
    if (!soonest || round.deadline < soonest.deadline) soonest = round;
  }
  return soonest ? { ...soonest.period } : null;
}

/**
 * The period the phone's "new report" form proposes: its superior's open round (the one due first that
 * the device holds no report of), and the rule of today (period.ts `duePeriod`) only when no open
 * round has reached it. The superior's screens open on the same round's period (`reviewPeriod`), so a
 * report sent with the proposal is where the reviewer looks.
 */
export function proposedPeriod(now: Instant, rounds: readonly RoundOfPeriod[], held: readonly ReportPeriod[]): ReportPeriod {
  return openRoundPeriod(rounds, held) ?? duePeriod(now, held);
}

/**
 * The period a node's staff screens (and the admin CLI's list-unions) open on: the open round that
 * applies to the node (its own or one above it, due first), else the latest period with reports sent
 * under it, else what a phone with no report and no round proposes.
 */
export function reviewPeriod(now: Instant, rounds: readonly RoundOfPeriod[], latestSent: ReportPeriod | null): ReportPeriod {
  return openRoundPeriod(rounds) ?? latestSent ?? duePeriod(now, []);
}

/** Open rounds the device holds no ready report for: what the officer still owes, soonest deadline first. */
export function dueRounds(
  rounds: readonly ReportingRound[],
  reports: readonly { period: ReportPeriod; status: 'draft' | 'ready'; form?: FormRef | undefined }[],
): ReportingRound[] {
  // One report per period and form (issue 22): a round asking for another form is due on its own.
  const keyOf = (period: ReportPeriod, form: FormRef) => `${periodKey(period)} ${form.id}`;
  const ready = new Set(reports.filter((r) => r.status === 'ready').map((r) => keyOf(r.period, reportFormRef(r))));
  const seen = new Set<string>();
  const due: ReportingRound[] = [];
  for (const round of rounds) {
    const key = keyOf(round.period, roundFormRef(round));
    if (seen.has(key)) continue; // a farther node's round of the same period and form does not apply
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

/** Days a proposed deadline leaves at least, when the period's own (30 November) has passed. */
export const SUGGESTED_DEADLINE_DAYS = 14;

/** Whether an ISO date is before today in Vietnam at `now`: a deadline no one could meet. */
export function isPastDeadline(deadline: string, now: Instant): boolean {
  return daysLeft(deadline, now) < 0;
}

/**
 * The defaults a staff member's "open a round" form starts from for a period: the period's dates and
 * its 30 November deadline, or, when that is past or less than two weeks away, two weeks from today (a round opened
 * late is still given time; it is never proposed already overdue).
 */
export function suggestedRound(period: ReportPeriod, now: Instant): Pick<OpenRoundRequest, 'activities' | 'deadline'> {
  const deadline = defaultDeadline(period);
  if (daysLeft(deadline, now) >= SUGGESTED_DEADLINE_DAYS) return { activities: periodDateRange(period), deadline };
  const later = new Date(`${vietnamDate(now)}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + SUGGESTED_DEADLINE_DAYS);
  return { activities: periodDateRange(period), deadline: later.toISOString().slice(0, 10) };
}
