/**
 * Every figure of a report an export carries: each section's numeric and yes/no fields, in the officer
 * form's order (src/app/report sections), and the dialogue section's sums (sessions by kind, people,
 * recommendations). The server takes them out of each sent document for a subtree's export
 * (`scope=subtree`, src/server/services/overview.ts), so the browser never loads 6,000 documents.
 */
import { DIALOGUE_KINDS, type DialogueKindCounts, type ReportDocument } from './report';

/** The document's own figure fields as `section.field`, in the form's order (dialogues come after membership). */
export const MEMBERSHIP_FIGURE_FIELDS = [
  'membership.workers',
  'membership.members',
  'membership.femaleMembers',
  'membership.newMembers',
  'membership.membersLeft',
  'membership.membersInOtherOrganisations',
] as const;

/** The dialogue section's sums over its sessions. */
export const DIALOGUE_FIGURE_FIELDS = ['participants', 'recommendationsRaised', 'recommendationsResolved'] as const;
export type DialogueFigureField = (typeof DIALOGUE_FIGURE_FIELDS)[number];

/** The other sections' counts, in the form's order. */
const SECTION_COUNT_FIELDS = [
  'dissemination.sessions',
  'dissemination.attendance',
  'studyAndFollow.activities',
  'studyAndFollow.commendations',
  'officerTraining.officersTrained',
  'partyDevelopment.introduced',
  'partyDevelopment.admitted',
  'inspection.inspections',
  'inspection.supervisions',
  'inspection.antiCorruptionSessions',
  'inspection.complaintsReceived',
  'inspection.complaintsResolved',
] as const;

export const SECTION_FIGURE_FIELDS = [...SECTION_COUNT_FIELDS, 'grassrootsDemocracy.workersConferenceHeld'] as const;

/** Every count a document holds (all its figures but the yes/no one): none may be negative or a fraction. */
export const COUNT_FIGURE_FIELDS = [...MEMBERSHIP_FIGURE_FIELDS, ...SECTION_COUNT_FIELDS] as const;

export type DocumentFigureField = (typeof MEMBERSHIP_FIGURE_FIELDS)[number] | (typeof SECTION_FIGURE_FIELDS)[number];
/** The one yes/no figure; every other document figure is a count. */
export const YES_NO_FIGURE_FIELDS: readonly DocumentFigureField[] = ['grassrootsDemocracy.workersConferenceHeld'];

export interface ReportFigures {
  /** A count (null while empty) or, for the yes/no fields, a boolean (null unanswered). */
  fields: Record<DocumentFigureField, number | boolean | null>;
  dialogueSessions: number;
  dialogueSessionsByKind: DialogueKindCounts;
  /** Sums over the sessions; null when no session gave the figure. */
  dialogues: Record<DialogueFigureField, number | null>;
}

function fieldOf(document: ReportDocument, path: DocumentFigureField): number | boolean | null {
  const [section, field] = path.split('.') as [string, string];
  const value = (document as unknown as Record<string, Record<string, unknown> | undefined>)[section]?.[field];
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

export function reportFigures(document: ReportDocument): ReportFigures {
  const fields = Object.fromEntries([...MEMBERSHIP_FIGURE_FIELDS, ...SECTION_FIGURE_FIELDS].map((path) => [path, fieldOf(document, path)])) as ReportFigures['fields'];
  const byKind = Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, 0])) as DialogueKindCounts;
  const dialogues: ReportFigures['dialogues'] = { participants: null, recommendationsRaised: null, recommendationsResolved: null };
  for (const session of document.dialogues) {
    if (session.kind in byKind) byKind[session.kind] += 1;
    for (const field of DIALOGUE_FIGURE_FIELDS) {
      const value = session[field];
      if (typeof value === 'number') dialogues[field] = (dialogues[field] ?? 0) + value;
    }
  }
  return { fields, dialogueSessions: document.dialogues.length, dialogueSessionsByKind: byKind, dialogues };
}
