/**
 * The open editor and the stored copy of its report: autosave of the officer's typing, and what
 * anything else wrote (sync, a conflict decision, another tab) taken into the form at once.
 * The logic is `ReportEditSession`; this hook wires it to react-hook-form, the autosave queue and
 * the database's watch.
 */
import { startTransition, useEffect, useState } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { sameValue } from '../../../domain/merge';
import type { ReportDocument } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import { getLocalStore, type ReportVersion } from '../../db';
import { SyncRepository } from '../../db/syncRepository';
import { ReportEditSession } from './reportEditSession';
import { documentFromForm, type ReportFormValues } from '../../formFields/reportForm';
import { useAutosave, type Autosave } from './useAutosave';

export interface StoredReportUpdates {
  session: ReportEditSession;
  autosave: Autosave;
  /** The last stored document, for the sync badge and the conflict screen (which merges against it). */
  savedDocument: ReportDocument;
  sync: LocalReportSync;
}

type FormMethods = Pick<UseFormReturn<ReportFormValues>, 'getValues' | 'reset' | 'setValue' | 'watch'>;
type FormWriter = Pick<FormMethods, 'getValues' | 'reset' | 'setValue'>;

/** The leaves where `next` differs from `current` (both of the same shape), as react-hook-form paths. */
function changedLeaves(current: unknown, next: unknown, prefix: string, out: [string, unknown][]): void {
  if (sameValue(current, next)) return;
  if (typeof next === 'object' && next !== null && typeof current === 'object' && current !== null && !Array.isArray(next)) {
    for (const key of Object.keys(next)) {
      changedLeaves((current as Record<string, unknown>)[key], (next as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, out);
    }
    return;
  }
  out.push([prefix, next]);
}

/**
 * Shows `next` in the form by setting only the fields whose value changed, so the field the officer
 * is typing in (whose text `next` keeps) is not touched: it keeps its focus, caret and text. When
 * dialogue sessions were added or removed, the whole form is reset (the session list is redrawn).
 */
function showInForm(form: FormWriter, next: ReportFormValues): void {
  const current = form.getValues();
  const sessionIds = (values: ReportFormValues) => values.dialogues.map((session) => session.id);
  if (!sameValue(sessionIds(current), sessionIds(next))) {
    form.reset(next, { keepTouched: true });
    return;
  }
  const changes: [string, unknown][] = [];
  const { dialogues: currentSessions, ...currentRest } = current;
  const { dialogues: nextSessions, ...nextRest } = next;
  changedLeaves(currentRest, nextRest, '', changes);
  nextSessions.forEach((session, index) => changedLeaves(currentSessions[index], session, `dialogues.${index}`, changes));
  for (const [path, value] of changes) form.setValue(path as FieldPath<ReportFormValues>, value as never, { shouldDirty: false });
}

/** `numericCodes`: a form report's rows typed as numbers (`numericRowCodes`); none for Plan 94. */
const NO_CODES: readonly string[] = [];

export function useStoredReportUpdates(
  initial: ReportVersion,
  initialSync: LocalReportSync,
  form: FormMethods,
  numericCodes: readonly string[] = NO_CODES,
): StoredReportUpdates {
  const store = getLocalStore();
  const [sync, setSync] = useState(initialSync);
  const [savedDocument, setSavedDocument] = useState(initial.document);
  const { getValues, reset, setValue, watch } = form;

  const [session] = useState(
    () =>
      new ReportEditSession(initial, {
        form: { values: () => getValues(), replace: (values) => showInForm({ getValues, reset, setValue }, values) },
        save: (document, basis) => store.reports.saveEdit(document, basis),
        // A transition: the editor is drawn again with the stored copy in slices that give way to the
        // officer's next keystroke, instead of holding it up right after each save on a slow phone.
        onStored: (document) => startTransition(() => setSavedDocument(document)),
        numericCodes,
      }),
  );
  const autosave = useAutosave(
    (document) => session.save(document),
    () => {},
  );
  const { queue } = autosave;
  // Before the watches below: a rebase they start may queue a save.
  useEffect(() => session.connect(queue), [session, queue]);

  useEffect(() => {
    const subscription = watch((values, { name, type }) => {
      // A `reset` or what the session shows from storage is not an edit.
      if ((name === undefined && type === undefined) || session.showingStored) return;
      queue.schedule(documentFromForm(values as ReportFormValues, session.basis.document, numericCodes).document);
    });
    return () => subscription.unsubscribe();
  }, [watch, queue, session, numericCodes]);

  // Whatever writes this report (this editor, sync, another tab): show where it stands and take in
  // what changed underneath the form.
  useEffect(
    () =>
      new SyncRepository(store).watchReport(initial.document.id, (stored) => {
        if (!stored) return;
        // Usually the editor's own save, which leaves the sync fields as they were: nothing to draw.
        startTransition(() => setSync((current) => (sameValue(current, stored.sync) ? current : stored.sync)));
        session.storedChanged(stored);
      }),
    [store, initial.document.id, session],
  );

  return { session, autosave, savedDocument, sync };
}
