/**
 * What changed between two revisions of a report, field by field: the staff's "what changed"
 * between any two revisions. Paths are the form's (`membership.members`, `proposals.text`);
 * dialogue sessions are matched by their id, so a session added, removed or edited is named as
 * such (with its position in the newer revision, or the older one when it was removed), never as
 * "every session after it shifted". Bookkeeping (`id`, `createdAt`, `updatedAt`) is not a change
 * anyone reads. A form's rows (`values`, `valueNotes`: issue 22) are named by their row code, in the
 * form's order when the form is given, so the screens label them with the row's label, never a key.
 * Pure: the staff screens put labels and formats on it.
 */
import { formRows, type FormDefinition } from './forms/definition';
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

/**
 * A form row's value (`values.<code>`) or the officer's explanation of its warning (`valueNotes.<code>`)
 * that differs between the two revisions.
 */
export interface RowChange {
  kind: 'row';
  code: string;
  /** The explanation of the row (valueNotes), not its value. */
  note: boolean;
  before: unknown;
  after: unknown;
}

export type ReportChange = FieldChange | SessionChange | RowChange;

/** The document's keys that hold a form's rows by code. */
const ROW_GROUPS = { values: false, valueNotes: true } as const;

/** The fields of a session a person reads (its id only ties revisions together). */
export type SessionField = Exclude<keyof DialogueSession, 'id'>;

const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt']);

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value == null || value === '';
}

function leafChanges(before: unknown, after: unknown, path: string, into: FieldChange[]): void {
  // A group only one revision has (the document's number and date, `issuance`, came later): its
  // fields one by one, as against an empty group, never the group as one value.
  if (isPlainObject(before) && after == null) return leafChanges(before, {}, path, into);
  if (isPlainObject(after) && before == null) return leafChanges({}, after, path, into);
  if (isPlainObject(before) && isPlainObject(after)) {
    // The newer revision's key order (the schema's), then any key only the older one had.
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const key of keys) leafChanges(before[key], after[key], path ? `${path}.${key}` : key, into);
    return;
  }
  // An absent field (a group only one side has) is as empty as an empty one: no change to read.
  if (!Object.is(before, after) && !(isEmpty(before) && isEmpty(after))) into.push({ kind: 'field', path, before, after });
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

function isRowGroup(key: string): key is keyof typeof ROW_GROUPS {
  return Object.hasOwn(ROW_GROUPS, key);
}

/**
 * The rows of one group (`values` or `valueNotes`) that differ: in the form's order when it is given,
 * then any code the form does not have, in the newer revision's order.
 */
function rowChanges(group: keyof typeof ROW_GROUPS, before: unknown, after: unknown, form: FormDefinition | undefined): RowChange[] {
  const older = isPlainObject(before) ? before : {};
  const newer = isPlainObject(after) ? after : {};
  const present = new Set([...Object.keys(newer), ...Object.keys(older)]);
  const ordered = [...(form ? formRows(form).map((row) => row.code) : []), ...present].filter((code, index, all) => present.has(code) && all.indexOf(code) === index);
  const changes: RowChange[] = [];
  for (const code of ordered) {
    const [a, b] = [older[code], newer[code]];
    if (!Object.is(a, b) && !(isEmpty(a) && isEmpty(b))) changes.push({ kind: 'row', code, note: ROW_GROUPS[group], before: a, after: b });
  }
  return changes;
}

/**
 * Every change from `before` to `after`, in the form's order: the fields, with the dialogue sessions
 * where the form has them; a form's rows in `form`'s order (the form the newer revision answers).
 */
export function diffReports(before: ReportDocument, after: ReportDocument, form?: FormDefinition): ReportChange[] {
  const changes: ReportChange[] = [];
  // The newer revision's keys, and a form's rows only the older one had (all cleared: a change too).
  const keys = [...Object.keys(after), ...Object.keys(ROW_GROUPS).filter((key) => key in before && !(key in after))];
  for (const key of keys as (keyof ReportDocument)[]) {
    if (BOOKKEEPING.has(key)) continue;
    if (key === 'dialogues') {
      changes.push(...sessionChanges(before.dialogues, after.dialogues));
      continue;
    }
    if (isRowGroup(key)) {
      changes.push(...rowChanges(key, before[key], after[key], form));
      continue;
    }
    const fields: FieldChange[] = [];
    leafChanges(before[key], after[key], key, fields);
    changes.push(...fields);
  }
  return changes;
}
