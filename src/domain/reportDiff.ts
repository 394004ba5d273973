/**
 * What changed between two revisions of a report, field by field: the staff's "what changed"
 * between any two revisions. Paths are the form's (`membership.members`, `proposals.text`);
 * dialogue sessions are matched by their id, so a session added, removed or edited is named as
 * such (with its position in the newer revision, or the older one when it was removed), never as
 * "every session after it shifted". Bookkeeping (`id`, `createdAt`, `updatedAt`) is not a change
 * anyone reads. Pure: the staff screens put labels and formats on it.
 */
import type { DialogueSession, ReportDocument } from './report';

/** A leaf field that differs, e.g. `membership.members` 100 → 120, or the status draft → ready. */
export interface FieldChange {
  kind: 'field';
  path: string;
  before: unknown;
  after: unknown;
}

/** A dialogue session present in only one of the two revisions, or edited between them. */
export type SessionChange =
  | { kind: 'sessionAdded'; sessionId: string; index: number; session: DialogueSession }
  | { kind: 'sessionRemoved'; sessionId: string; index: number; session: DialogueSession }
  | {
      kind: 'sessionChanged';
      sessionId: string;
      /** Position in the newer revision (0-based). */
      index: number;
      fields: { field: SessionField; before: unknown; after: unknown }[];
    };

export type ReportChange = FieldChange | SessionChange;

/** The fields of a session a person reads (its id only ties revisions together). */
export type SessionField = Exclude<keyof DialogueSession, 'id'>;

const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt']);

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function leafChanges(before: unknown, after: unknown, path: string, into: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    // The newer revision's key order (the schema's), then any key only the older one had.
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const key of keys) leafChanges(before[key], after[key], path ? `${path}.${key}` : key, into);
    return;
  }
  if (!Object.is(before, after)) into.push({ kind: 'field', path, before, after });
}

const SESSION_FIELDS: SessionField[] = [
  'date',
  'kind',
  'ledBy',
  'participants',
  'recommendationsRaised',
  'recommendationsResolved',
  'notes',
];

function sessionChanges(before: readonly DialogueSession[], after: readonly DialogueSession[]): SessionChange[] {
  const beforeById = new Map(before.map((session, index) => [session.id, { session, index }]));
  const afterIds = new Set(after.map((session) => session.id));
  const changes: SessionChange[] = [];
  after.forEach((session, index) => {
    const earlier = beforeById.get(session.id);
    if (!earlier) {
      changes.push({ kind: 'sessionAdded', sessionId: session.id, index, session });
      return;
    }
    const fields = SESSION_FIELDS.filter((field) => !Object.is(earlier.session[field], session[field])).map((field) => ({
      field,
      before: earlier.session[field],
      after: session[field],
    }));
    if (fields.length > 0) changes.push({ kind: 'sessionChanged', sessionId: session.id, index, fields });
  });
  before.forEach((session, index) => {
    if (!afterIds.has(session.id)) changes.push({ kind: 'sessionRemoved', sessionId: session.id, index, session });
  });
  return changes;
}

/** Every change from `before` to `after`, in the form's order: the fields, with the dialogue sessions where the form has them. */
export function diffReports(before: ReportDocument, after: ReportDocument): ReportChange[] {
  const changes: ReportChange[] = [];
  for (const key of Object.keys(after) as (keyof ReportDocument)[]) {
    if (BOOKKEEPING.has(key)) continue;
    if (key === 'dialogues') {
      changes.push(...sessionChanges(before.dialogues, after.dialogues));
      continue;
    }
    const fields: FieldChange[] = [];
    leafChanges(before[key], after[key], key, fields);
    changes.push(...fields);
  }
  return changes;
}
