/**
 * The conflict screen: the fields both devices changed differently, this phone's value beside the
 * server's, one choice per field. Everything else was merged on its own (`mergeReports`). The
 * decision is saved on the server revision it was made against and queued for the next push.
 * Loaded lazily: most officers never see it.
 */
import { useEffect, useMemo, useState } from 'react';
import { formRowOfPath, resolveConflicts, type ConflictChoice } from '../../../domain/conflicts';
import { mergeReports, type MergeConflict } from '../../../domain/merge';
import { formRows, type FormDefinition } from '../../../domain/forms/definition';
import { isPlan94Report, reportFormRef } from '../../../domain/forms/reportForm';
import { getLocalStore } from '../../db';
import type { DialogueSession, ReportDocument } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import { formatCount, formatIsoDate, useI18n, type Messages } from '../../i18n';
import { resolveConflict } from '../../sync';
import { conflictMessages, type ConflictMessages } from './conflictMessages';
import './syncStatus.css';

export interface ConflictResolverProps {
  reportId: string;
  document: ReportDocument;
  sync: LocalReportSync;
  onDone?: () => void;
  /** The decision is saved: an editor showing this report must take over this document. */
  onResolved?: (document: ReportDocument) => void;
}

const SESSION_PATH = /^dialogues\[(.*)\](?:\.(\w+))?$/;

function sessionOf(document: ReportDocument | undefined, id: string): { index: number; session: DialogueSession } | null {
  const index = document?.dialogues.findIndex((s) => s.id === id) ?? -1;
  const session = index >= 0 ? document?.dialogues[index] : undefined;
  return session ? { index, session } : null;
}

/** A form row's conflict named by the row as printed (issue 22); the code when the form is not on the phone. */
function formRowLabel(path: string, definition: FormDefinition | null, m: ConflictMessages): string | null {
  const of = formRowOfPath(path);
  if (!of) return null;
  const row = definition ? formRows(definition).find((r) => r.code === of.code) : undefined;
  const label = row ? m.formRow(row.number ?? '', row.label) : of.code;
  return of.field === 'valueNotes' ? m.formRowNote(label) : label;
}

/** The definition of the report's form, for the rows' labels; null for Plan 94 or while reading. */
function useReportForm(document: ReportDocument): FormDefinition | null {
  const [definition, setDefinition] = useState<FormDefinition | null>(null);
  const plan94 = isPlan94Report(document);
  const { id, version } = reportFormRef(document);
  useEffect(() => {
    if (plan94) return;
    let live = true;
    getLocalStore()
      .forms.get({ id, version })
      .then(
        (read) => live && setDefinition(read),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [plan94, id, version]);
  return definition;
}

function conflictLabel(conflict: MergeConflict, local: ReportDocument, remote: ReportDocument, t: Messages): string {
  const match = SESSION_PATH.exec(conflict.path);
  if (!match) return t.fields[conflict.path] ?? conflict.path;
  const [, id = '', field] = match;
  const found = sessionOf(local, id) ?? sessionOf(remote, id);
  const sessionLabel = t.dialogues.session((found?.index ?? 0) + 1);
  const fieldLabels = t.dialogues as unknown as Record<string, unknown>;
  const fieldLabel = field && typeof fieldLabels[field] === 'string' ? (fieldLabels[field] as string) : field;
  return fieldLabel ? `${sessionLabel}: ${fieldLabel}` : sessionLabel;
}

function formatValue(value: unknown, path: string, t: Messages, m: ConflictMessages): string {
  if (value === undefined) return path.startsWith('dialogues[') ? m.sessionRemoved : m.empty;
  if (value === null || value === '') return m.empty;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
    if (path.endsWith('.kind') && value in t.dialogueKinds) return t.dialogueKinds[value as keyof Messages['dialogueKinds']];
    return value;
  }
  const session = value as Partial<DialogueSession>;
  if (typeof session === 'object' && 'kind' in session) {
    return [
      session.date ? formatIsoDate(session.date) : '',
      session.kind ? t.dialogueKinds[session.kind] : '',
      session.ledBy ?? '',
      session.participants != null ? `${t.dialogues.participants}: ${formatCount(session.participants)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return JSON.stringify(value);
}

export default function ConflictResolver({ reportId, document, sync, onDone, onResolved }: ConflictResolverProps) {
  const { language, t } = useI18n();
  const m = conflictMessages(language);
  const remote = sync.conflict;
  const { merged, conflicts } = useMemo(
    () => (remote ? mergeReports(sync.base, document, remote.document) : { merged: document, conflicts: [] }),
    [remote, sync.base, document],
  );
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [state, setState] = useState<'choosing' | 'saving' | 'saved' | 'failed'>('choosing');
  const definition = useReportForm(document);

  if (!remote) return <p className="sync-note">{m.nothingLeft}</p>;
  const left = conflicts.filter((c) => !choices[c.path]).length;

  const save = async () => {
    setState('saving');
    try {
      const saved = await resolveConflict(reportId, resolveConflicts(merged, conflicts, choices), remote.revision);
      setState('saved');
      if (saved) onResolved?.(saved);
      onDone?.();
    } catch {
      setState('failed');
    }
  };

  return (
    <section className="sync-conflict" aria-labelledby={`conflict-${reportId}`} data-testid="conflict-resolver">
      <h2 id={`conflict-${reportId}`}>{m.title}</h2>
      <p>{m.intro}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (left === 0) void save();
        }}
      >
        {conflicts.map((conflict, index) => (
          <fieldset key={conflict.path}>
            <legend>{formRowLabel(conflict.path, definition, m) ?? conflictLabel(conflict, document, remote.document, t)}</legend>
            {(['local', 'remote'] as const).map((side) => (
              <label key={side} className="sync-choice">
                <input
                  type="radio"
                  name={`conflict-${index}`}
                  value={side}
                  checked={choices[conflict.path] === side}
                  onChange={() => setChoices((current) => ({ ...current, [conflict.path]: side }))}
                />
                <span>
                  {side === 'local' ? m.thisPhone : m.server}:{' '}
                  <span className="sync-choice-value">{formatValue(conflict[side], conflict.path, t, m)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        {left > 0 ? <p className="sync-note">{m.chooseAll(left)}</p> : null}
        {state === 'failed' ? <p className="sync-note sync-note-error" role="alert">{m.failed}</p> : null}
        {state === 'saved' ? <p className="sync-note" role="status">{m.saved}</p> : null}
        <div className="sync-actions">
          <button type="submit" className="sync-button sync-button-primary" disabled={left > 0 || state === 'saving'}>
            {m.save}
          </button>
          {onDone ? (
            <button type="button" className="sync-button" onClick={onDone}>
              {m.cancel}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
