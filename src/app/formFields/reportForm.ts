/**
 * The editor's form model. Counts are held as the text the officer typed (`1.234`), so text that
 * is not a number stays in the field with an error instead of vanishing; everything else keeps
 * the document's own shape. `documentFromForm` turns the form back into a `ReportDocument`.
 *
 * A report of another form than Plan 94 (issue 22) holds its rows in `values`: its count and money
 * rows are held as typed text too, at `values.<code>`; `numericCodes` names them (`FormReportEditor`'s
 * `numericRowCodes`).
 * Without it (Plan 94) nothing changes.
 */
import type { ReportDocument } from '../../domain/report';
import { countToInput, parseCount } from '../i18n/format';

type FormOf<T> = [T] extends [number | null]
  ? string
  : T extends readonly (infer U)[]
    ? FormOf<U>[]
    : T extends object
      ? { [K in keyof T]: FormOf<T[K]> }
      : T;

export type ReportFormValues = FormOf<ReportDocument>;

export type FieldKind = 'count' | 'text' | 'longText' | 'date' | 'yesNo';

export interface FieldDefinition {
  path: string;
  kind: FieldKind;
}

export const SECTION_IDS = [
  'membership',
  'dialogues',
  'dissemination',
  'studyAndFollow',
  'officerTraining',
  'partyDevelopment',
  'inspection',
  'grassrootsDemocracy',
  'administrativeReform',
  'proposals',
  'review',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

const count = (path: string): FieldDefinition => ({ path, kind: 'count' });

/** The fields of each simple section, in the order of the plan. Dialogues and review have their own screens. */
export const SECTION_FIELDS: Record<Exclude<SectionId, 'dialogues' | 'review'>, FieldDefinition[]> = {
  membership: [
    count('membership.workers'),
    count('membership.members'),
    count('membership.femaleMembers'),
    count('membership.newMembers'),
    count('membership.membersLeft'),
    count('membership.membersInOtherOrganisations'),
  ],
  dissemination: [count('dissemination.sessions'), count('dissemination.attendance')],
  studyAndFollow: [
    count('studyAndFollow.activities'),
    count('studyAndFollow.commendations'),
    { path: 'studyAndFollow.notes', kind: 'longText' },
  ],
  officerTraining: [count('officerTraining.officersTrained')],
  partyDevelopment: [count('partyDevelopment.introduced'), count('partyDevelopment.admitted')],
  inspection: [
    count('inspection.inspections'),
    count('inspection.supervisions'),
    count('inspection.antiCorruptionSessions'),
    count('inspection.complaintsReceived'),
    count('inspection.complaintsResolved'),
  ],
  grassrootsDemocracy: [
    { path: 'grassrootsDemocracy.workersConferenceHeld', kind: 'yesNo' },
    { path: 'grassrootsDemocracy.workersConferenceDate', kind: 'date' },
  ],
  administrativeReform: [{ path: 'administrativeReform.notes', kind: 'longText' }],
  proposals: [{ path: 'proposals.text', kind: 'longText' }],
};

export const SESSION_COUNT_FIELDS = ['participants', 'recommendationsRaised', 'recommendationsResolved'] as const;

const TOP_COUNT_PATHS = Object.values(SECTION_FIELDS)
  .flat()
  .filter((field) => field.kind === 'count')
  .map((field) => field.path);

/** The section a field (or an issue's path) belongs to. */
export function sectionOfPath(path: string): SectionId {
  const head = path.split('.')[0];
  if (head === 'explanations') return path.endsWith('partyAdmission') ? 'partyDevelopment' : 'membership';
  return (SECTION_IDS as readonly string[]).includes(head ?? '') ? (head as SectionId) : 'review';
}

function getAt(target: unknown, path: string): unknown {
  let value = target;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

function setAt(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/** Every count path of a document, dialogue sessions and a form's numeric rows included. */
function countPaths(sessionCount: number, numericCodes: readonly string[]): string[] {
  const paths = [...TOP_COUNT_PATHS, ...numericCodes.map((code) => `values.${code}`)];
  for (let i = 0; i < sessionCount; i++) for (const field of SESSION_COUNT_FIELDS) paths.push(`dialogues.${i}.${field}`);
  return paths;
}

export function formFromDocument(document: ReportDocument, numericCodes: readonly string[] = []): ReportFormValues {
  const values = structuredClone(document) as unknown;
  if (numericCodes.length > 0) (values as ReportDocument).values ??= {};
  for (const path of countPaths(document.dialogues.length, numericCodes)) setAt(values, path, countToInput(getAt(document, path) as number | null));
  return values as ReportFormValues;
}

export interface FormReading {
  document: ReportDocument;
  /** Count fields whose text is not a number: shown as an error, not saved over the last good value. */
  unparseable: string[];
}

/** The last saved value of a count; a session is found by its id, since removing one shifts indexes. */
function fallbackCount(fallback: ReportDocument, values: ReportFormValues, path: string): number | null {
  const match = /^dialogues\.(\d+)\.(\w+)$/.exec(path);
  const previous = match
    ? getAt(fallback.dialogues.find((s) => s.id === values.dialogues[Number(match[1])]?.id), match[2]!)
    : getAt(fallback, path);
  return typeof previous === 'number' ? previous : null;
}

/**
 * The document the form stands for. A count that does not parse keeps `fallback`'s value (the last
 * saved one) so a typo never erases a saved figure.
 */
export function documentFromForm(values: ReportFormValues, fallback: ReportDocument, numericCodes: readonly string[] = []): FormReading {
  const document = structuredClone(values) as unknown as ReportDocument;
  if (numericCodes.length > 0) document.values ??= {};
  const unparseable: string[] = [];
  for (const path of countPaths(values.dialogues.length, numericCodes)) {
    const parsed = parseCount(String(getAt(values, path) ?? ''));
    if (parsed.ok) setAt(document, path, parsed.value);
    else {
      unparseable.push(path);
      setAt(document, path, fallbackCount(fallback, values, path));
    }
  }
  return { document, unparseable };
}

/**
 * After a rebase, the officer's own text stays in count fields that still mean the same number
 * (`1234` is not rewritten to `1.234` mid-typing) or that do not parse yet (a typo is theirs to fix).
 */
export function keepTypedText(current: ReportFormValues, next: ReportFormValues, numericCodes: readonly string[] = []): ReportFormValues {
  const result = structuredClone(next);
  for (const path of countPaths(Math.min(current.dialogues.length, next.dialogues.length), numericCodes)) {
    const session = /^dialogues\.(\d+)\./.exec(path);
    if (session && current.dialogues[Number(session[1])]?.id !== next.dialogues[Number(session[1])]?.id) continue;
    const typed = String(getAt(current, path) ?? '');
    const typedValue = parseCount(typed);
    const nextValue = parseCount(String(getAt(next, path) ?? ''));
    if (!typedValue.ok || (nextValue.ok && typedValue.value === nextValue.value)) setAt(result, path, typed);
  }
  return result;
}
