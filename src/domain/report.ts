/**
 * The yearly report of a grassroots union (CĐCS) to its direct superior union, following section II
 * and III of Plan 94/KH-LĐLĐ: its types, its fixed lists, and what the app makes of a report (an empty
 * one, one carried over from the previous period). This is the one wire and storage shape: the form,
 * the local database, the backup file and the server all use it. Its zod schema is in
 * `reportSchema.ts`, which the phone's start never loads (decision 0010).
 *
 * Counts are `null` while the field is empty.
 */
import type { ReportDocument, UnionProfile } from './reportSchema';

export type { DialogueSession, Issuance, Membership, ReportDocument, UnionProfile } from './reportSchema';

export const SHORT_TEXT = 200;
export const LONG_TEXT = 5_000;
export const MAX_DIALOGUE_SESSIONS = 500;

export const SECTORS = ['public', 'private', 'foreign'] as const;
export type Sector = (typeof SECTORS)[number];

export const DIALOGUE_KINDS = [
  'workplace', // đối thoại định kỳ tại nơi làm việc
  'districtCommittee', // đối thoại định kỳ với UBND huyện (2021 plan), since 1 July 2025 với UBND xã, phường, đặc khu
  'partyGovernmentLeaders', // tiếp xúc với người đứng đầu cấp ủy, chính quyền
  'workersConference', // hội nghị người lao động
  'other',
] as const;
export type DialogueKind = (typeof DIALOGUE_KINDS)[number];
/** Dialogue sessions counted by kind: every kind, 0 where none was held. */
export type DialogueKindCounts = Record<DialogueKind, number>;

export const REPORT_STATUSES = ['draft', 'ready'] as const;
/** The officer's own status of a report: still being drafted, or marked ready to send. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A profile with nothing filled in. `district` stays in it, empty, though no district exists since
 * 1 July 2025: older builds require the key when they read this build's backups (reportSchema.ts).
 */
export function emptyProfile(): UnionProfile {
  return { unionName: '', employer: '', sector: '', district: '' };
}

/** A new, empty report for a period. `id` must be a UUID made on the device. */
export function emptyReport(id: string, period: ReportDocument['period'], now: string): ReportDocument {
  return {
    id,
    period,
    status: 'draft',
    membership: {
      workers: null,
      members: null,
      femaleMembers: null,
      newMembers: null,
      membersLeft: null,
      membersInOtherOrganisations: null,
    },
    dialogues: [],
    dissemination: { sessions: null, attendance: null },
    studyAndFollow: { activities: null, commendations: null, notes: '' },
    officerTraining: { officersTrained: null },
    partyDevelopment: { introduced: null, admitted: null },
    inspection: {
      inspections: null,
      supervisions: null,
      antiCorruptionSessions: null,
      complaintsReceived: null,
      complaintsResolved: null,
    },
    grassrootsDemocracy: { workersConferenceHeld: null, workersConferenceDate: '' },
    administrativeReform: { notes: '' },
    proposals: { text: '' },
    explanations: { memberChange: '', partyAdmission: '' },
    issuance: { number: '', date: '' },
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A new report that starts from the previous period's standing figures: the workforce and
 * membership carry over; what happened during the year (sessions, counts of events) starts empty.
 */
export function reportFromPrevious(
  id: string,
  period: ReportDocument['period'],
  previous: ReportDocument,
  now: string,
): ReportDocument {
  const report = emptyReport(id, period, now);
  report.membership.workers = previous.membership.workers;
  report.membership.members = previous.membership.members;
  report.membership.femaleMembers = previous.membership.femaleMembers;
  report.membership.membersInOtherOrganisations = previous.membership.membersInOtherOrganisations;
  return report;
}
