/**
 * The rules of a report. They help and never block saving: a draft with errors is still stored.
 * Errors stop "mark as ready to send"; warnings ask for an explanation and do not stop it.
 * Messages for each code live in the app's i18n and are shown beside the field at `path`.
 */
import { MEMBER_CHANGE_WARNING_RATIO, memberChangeRatio } from './indicators';
import { isDateInRange, periodDateRange, type DateRange } from './period';
import type { ReportDocument } from './report';
import { COUNT_FIGURE_FIELDS } from './reportFigures';

export type IssueCode =
  | 'required'
  | 'negative'
  | 'notWholeNumber'
  | 'membersAboveWorkers'
  | 'femaleAboveMembers'
  | 'otherOrganisationsAboveMembers'
  | 'newMembersAboveMembers'
  | 'resolvedAboveRaised'
  | 'complaintsResolvedAboveReceived'
  | 'dateOutsidePeriod'
  | 'conferenceDateMissing'
  | 'admittedAboveIntroduced'
  | 'memberChangeLarge';

export interface ReportIssue {
  /** Dotted path of the field, as the form names it: `membership.members`, `dialogues.2.date`. */
  path: string;
  code: IssueCode;
  /** Numbers a message may show (e.g. the previous member count). */
  params?: Record<string, number | string>;
  /** For a warning: where the officer's explanation goes, and whether one was given. */
  explanationPath?: 'explanations.memberChange' | 'explanations.partyAdmission';
  explained?: boolean;
}

export interface ReportCheck {
  errors: ReportIssue[];
  warnings: ReportIssue[];
  /** No errors: the report may be marked ready to send. */
  canMarkReady: boolean;
}

/** Fields without which a report is not ready: the heart of the plan's item II.7. */
const REQUIRED_PATHS = ['membership.workers', 'membership.members'] as const;

function valueAt(report: ReportDocument, path: string): unknown {
  let value: unknown = report;
  for (const key of path.split('.')) {
    if (value == null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function checkCount(path: string, value: number | null | undefined, errors: ReportIssue[]): void {
  if (value == null) return;
  if (value < 0) errors.push({ path, code: 'negative' });
  else if (!Number.isInteger(value)) errors.push({ path, code: 'notWholeNumber' });
}

/** `a` above `b` when both are given. */
function above(a: number | null, b: number | null): boolean {
  return a != null && b != null && a > b;
}

export interface CheckContext {
  /** The same union's report of the previous period, for the "không để tái ảo" 20 % rule. */
  previous?: ReportDocument | null;
  /**
   * The dates the activities must fall within: the reporting round's (round.ts `activityRange`)
   * when one reached the device or the server; the period's defaults otherwise.
   */
  activities?: DateRange | null;
}

export function checkReport(report: ReportDocument, context: CheckContext = {}): ReportCheck {
  const errors: ReportIssue[] = [];
  const warnings: ReportIssue[] = [];
  const activities = context.activities ?? periodDateRange(report.period);

  for (const path of COUNT_FIGURE_FIELDS) checkCount(path, valueAt(report, path) as number | null, errors);
  for (const path of REQUIRED_PATHS) if (valueAt(report, path) == null) errors.push({ path, code: 'required' });

  const m = report.membership;
  if (above(m.members, m.workers)) errors.push({ path: 'membership.members', code: 'membersAboveWorkers' });
  if (above(m.femaleMembers, m.members)) errors.push({ path: 'membership.femaleMembers', code: 'femaleAboveMembers' });
  if (above(m.membersInOtherOrganisations, m.members))
    errors.push({ path: 'membership.membersInOtherOrganisations', code: 'otherOrganisationsAboveMembers' });
  if (above(m.newMembers, m.members)) errors.push({ path: 'membership.newMembers', code: 'newMembersAboveMembers' });

  report.dialogues.forEach((session, index) => {
    const base = `dialogues.${index}`;
    checkCount(`${base}.participants`, session.participants, errors);
    checkCount(`${base}.recommendationsRaised`, session.recommendationsRaised, errors);
    checkCount(`${base}.recommendationsResolved`, session.recommendationsResolved, errors);
    if (above(session.recommendationsResolved, session.recommendationsRaised))
      errors.push({ path: `${base}.recommendationsResolved`, code: 'resolvedAboveRaised' });
    if (session.date === '') errors.push({ path: `${base}.date`, code: 'required' });
    else if (!isDateInRange(session.date, activities)) errors.push({ path: `${base}.date`, code: 'dateOutsidePeriod' });
  });

  const inspection = report.inspection;
  if (above(inspection.complaintsResolved, inspection.complaintsReceived))
    errors.push({ path: 'inspection.complaintsResolved', code: 'complaintsResolvedAboveReceived' });

  const democracy = report.grassrootsDemocracy;
  if (democracy.workersConferenceHeld === true) {
    if (democracy.workersConferenceDate === '')
      errors.push({ path: 'grassrootsDemocracy.workersConferenceDate', code: 'conferenceDateMissing' });
    else if (!isDateInRange(democracy.workersConferenceDate, activities))
      errors.push({ path: 'grassrootsDemocracy.workersConferenceDate', code: 'dateOutsidePeriod' });
  }

  // Warnings: admission can fall in a later year; a big jump in members may be real but must be explained.
  const party = report.partyDevelopment;
  if (above(party.admitted, party.introduced))
    warnings.push({
      path: 'partyDevelopment.admitted',
      code: 'admittedAboveIntroduced',
      explanationPath: 'explanations.partyAdmission',
      explained: report.explanations.partyAdmission.trim() !== '',
    });

  const previousMembers = context.previous?.membership.members ?? null;
  const change = memberChangeRatio(m.members, previousMembers);
  if (change != null && Math.abs(change) > MEMBER_CHANGE_WARNING_RATIO)
    warnings.push({
      path: 'membership.members',
      code: 'memberChangeLarge',
      params: { previous: previousMembers ?? 0, percent: Math.round(change * 1000) / 10 },
      explanationPath: 'explanations.memberChange',
      explained: report.explanations.memberChange.trim() !== '',
    });

  return { errors, warnings, canMarkReady: errors.length === 0 };
}
