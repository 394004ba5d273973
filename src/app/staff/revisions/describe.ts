/**
 * The revision diff in words: each change of `diffReports` as a line "label: before → after", with
 * the labels of the officer's own form (app/i18n `fields`, `dialogues`, `dialogueKinds`) and the
 * figures and dates as a Vietnamese reader writes them. Pure, so the lines are unit-tested.
 */
import { formRows, type FormDefinition } from '../../../domain/forms/definition';
import type { DialogueSession } from '../../../domain/report';
import type { ReportChange, RowChange, SessionField } from '../../../domain/reportDiff';
import { formatCount, formatIsoDate, type Messages } from '../../i18n';
import { formValueText } from '../forms/formValues';
import { revisionMessages, type RevisionMessages } from './messages';

export interface ChangeLine {
  /** Stable for React and tests: the path, or `dialogues[<id>].<field>`. */
  key: string;
  kind: 'changed' | 'added' | 'removed';
  label: string;
  before: string;
  after: string;
}

const NONE = '—';

function valueText(t: Messages, path: string, value: unknown): string {
  if (value == null || value === '') return path === 'grassrootsDemocracy.workersConferenceHeld' ? t.common.notAnswered : NONE;
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (path === 'status') return t.status[value as keyof Messages['status']] ?? String(value);
  if (path === 'period.kind') return t.periodKinds[value as keyof Messages['periodKinds']] ?? String(value);
  if (path === 'period.year') return String(value);
  if (typeof value === 'number') return formatCount(value);
  if (/(^|\.)(date|\w+Date)$/.test(path)) return formatIsoDate(String(value));
  return String(value);
}

function sessionFieldText(t: Messages, field: SessionField, value: unknown): string {
  if (field === 'kind') return t.dialogueKinds[value as DialogueSession['kind']] ?? String(value);
  return valueText(t, field === 'date' ? 'date' : `dialogues.${field}`, value);
}

/** A session in one line: date, kind, who led it, participants. */
function sessionSummary(t: Messages, session: DialogueSession): string {
  const parts = [
    session.date ? formatIsoDate(session.date) : '',
    t.dialogueKinds[session.kind],
    session.ledBy,
    session.participants == null ? '' : `${t.dialogues.participants}: ${formatCount(session.participants)}`,
  ];
  return parts.filter(Boolean).join(' · ') || NONE;
}

function fieldLabel(t: Messages, m: RevisionMessages, path: string): string {
  return t.fields[path] ?? m.paths[path] ?? path;
}

/** A form row's change, labelled with the row's label as the form prints it (its number first). */
function rowLine(t: Messages, m: RevisionMessages, change: RowChange, form: FormDefinition | undefined): ChangeLine {
  const row = form ? formRows(form).find((candidate) => candidate.code === change.code) : undefined;
  const label = row ? [row.number, row.label].filter(Boolean).join('. ') : m.unknownRow;
  const text = (value: unknown) =>
    change.note || !row ? (value == null || value === '' ? NONE : typeof value === 'number' ? formatCount(value) : String(value)) : formValueText(t, row, value) || NONE;
  return {
    key: `${change.note ? 'valueNotes' : 'values'}.${change.code}`,
    kind: 'changed',
    label: change.note ? m.rowNote(label) : label,
    before: text(change.before),
    after: text(change.after),
  };
}

/**
 * The changes as lines; `form` is the definition the report answers, whose labels name its rows
 * (without it a row is named as unknown, never by its code).
 */
export function describeChanges(t: Messages, changes: readonly ReportChange[], m: RevisionMessages = revisionMessages('vi'), form?: FormDefinition): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'row':
        lines.push(rowLine(t, m, change, form));
        break;
      case 'field':
        lines.push({
          key: change.path,
          kind: 'changed',
          label: fieldLabel(t, m, change.path),
          before: valueText(t, change.path, change.before),
          after: valueText(t, change.path, change.after),
        });
        break;
      case 'sessionAdded':
        lines.push({
          key: `dialogues[${change.sessionId}]`,
          kind: 'added',
          label: m.sessionAdded(t.dialogues.session(change.index + 1)),
          before: NONE,
          after: sessionSummary(t, change.session),
        });
        break;
      case 'sessionRemoved':
        lines.push({
          key: `dialogues[${change.sessionId}]`,
          kind: 'removed',
          label: m.sessionRemoved(t.dialogues.session(change.index + 1)),
          before: sessionSummary(t, change.session),
          after: NONE,
        });
        break;
      case 'sessionChanged':
        for (const field of change.fields)
          lines.push({
            key: `dialogues[${change.sessionId}].${field.field}`,
            kind: 'changed',
            label: `${t.dialogues.session(change.index + 1)}: ${t.dialogues[field.field]}`,
            before: sessionFieldText(t, field.field, field.before),
            after: sessionFieldText(t, field.field, field.after),
          });
        break;
    }
  }
  return lines;
}
