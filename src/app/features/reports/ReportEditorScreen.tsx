/**
 * The report editor: one section at a time (phone-first), a progress bar, the rules' messages
 * beside each field, live unionization rate, autosave, and "mark ready" on the last section.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ReportDocument } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import type { ReportAction } from '../../../domain/lifecycle';
import { checkReport, type ReportCheck } from '../../../domain/validation';
import { sameValue, mergeReports } from '../../../domain/merge';
import { getLocalStore, ReportNotReadyError, StorageFullError } from '../../db';
import { SyncRepository } from '../../db/syncRepository';
import { formatCount, formatTime, useI18n } from '../../i18n';
import { fieldId } from '../../ui/FieldRow';
import { navigate } from '../../ui/router';
import { DialoguesSection } from '../dialogues/DialoguesSection';
import { messagesByPath } from './issueMessages';
import { useReportLifecycle } from './useReportLifecycle';
import { ReportStanding } from './ReportStanding';
import { RateDisplay } from './RateDisplay';
import { SectionFields, TextInput, type FieldContext } from './ReportFields';
import { ReviewSection } from './ReviewSection';
import {
  SECTION_FIELDS,
  SECTION_IDS,
  documentFromForm,
  formFromDocument,
  keepTypedText,
  sectionOfPath,
  type ReportFormValues,
  type SectionId,
} from './reportForm';
import { useAutosave, type AutosaveState } from './useAutosave';

/** Same report content, whatever the edit time and status (status changes only through its own buttons). */
function sameContent(a: ReportDocument, b: ReportDocument): boolean {
  return sameValue({ ...a, updatedAt: '', status: 'draft' }, { ...b, updatedAt: '', status: 'draft' });
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'ready'; document: ReportDocument; sync: LocalReportSync; previous: ReportDocument | null };

export function ReportEditorScreen({ reportId, section }: { reportId: string; section: string | null }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const store = getLocalStore();
    void (async () => {
      const stored = await store.reports.get(reportId);
      const previous = stored ? await store.reports.previousOf(stored.document.period) : null;
      if (live)
        setLoaded(stored ? { kind: 'ready', document: stored.document, sync: stored.sync, previous } : { kind: 'missing' });
    })().catch(() => live && setLoaded({ kind: 'missing' }));
    return () => {
      live = false;
    };
  }, [reportId]);

  if (loaded.kind === 'loading') return <p className="muted">{t.common.loading}</p>;
  if (loaded.kind === 'missing')
    return (
      <div className="card">
        <p>{t.editor.notFound}</p>
        <a className="button" href="#/">
          {t.editor.backToList}
        </a>
      </div>
    );
  const current = (SECTION_IDS as readonly string[]).includes(section ?? '') ? (section as SectionId) : 'membership';
  return <ReportEditor key={reportId} initial={loaded.document} initialSync={loaded.sync} previous={loaded.previous} section={current} />;
}

function SaveIndicator({ state }: { state: AutosaveState }) {
  const { t } = useI18n();
  let text: string;
  let tone = 'ok';
  switch (state.phase) {
    case 'idle':
      text = t.editor.notSavedYet;
      break;
    case 'pending':
    case 'saving':
      text = t.editor.saving;
      break;
    case 'saved':
      text = t.editor.savedAt(formatTime(state.at));
      break;
    case 'failed':
      tone = 'error';
      text =
        state.reason === 'storageFull'
          ? t.editor.storageFull
          : state.reason === 'closed'
            ? t.editor.closedForUpgrade
            : t.editor.saveFailed;
  }
  return (
    <p className={`save-indicator save-indicator-${tone}`} data-testid="saved-at" data-phase={state.phase} aria-live="polite">
      {text}
      {state.phase === 'failed' && state.reason === 'storageFull' ? (
        <>
          {' '}
          <a href="#/backup" className="link-strong">
            {t.db.backupNow}
          </a>
        </>
      ) : null}
    </p>
  );
}

function ReportEditor({
  initial,
  initialSync,
  previous,
  section,
}: {
  initial: ReportDocument;
  initialSync: LocalReportSync;
  previous: ReportDocument | null;
  section: SectionId;
}) {
  const { t } = useI18n();
  const store = getLocalStore();
  // The stored document the form's content grew from: the base of every rebase and of each save's merge.
  const basis = useRef(initial);
  const [status, setStatus] = useState(initial.status);
  const [sync, setSync] = useState(initialSync);
  // The last stored document, for the sync badge and the conflict screen (which merges against it).
  const [savedDocument, setSavedDocument] = useState(initial);
  const [statusError, setStatusError] = useState<string | null>(null);
  const { register, control, setValue, getValues, watch, reset, formState } = useForm<ReportFormValues>({
    defaultValues: formFromDocument(initial),
  });

  /**
   * The stored copy moved on without this form (a sync pull or merge, a conflict decision, another
   * tab, or a save that merged such a change): carry the officer's unsaved typing over onto it.
   */
  const rebase = (from: ReportDocument, stored: ReportDocument) => {
    const typedValues = getValues();
    const typed = documentFromForm(typedValues, from).document;
    const rebased = { ...mergeReports(from, typed, stored).merged, status: stored.status };
    basis.current = stored;
    setSavedDocument(stored);
    setStatus(stored.status);
    reset(keepTypedText(typedValues, formFromDocument(rebased)), { keepTouched: true });
    if (!sameContent(rebased, stored)) autosave.queue.schedule(rebased);
  };

  const autosave = useAutosave(
    async (document) => {
      const from = basis.current;
      const saved = await store.reports.save(document, from);
      if (sameContent(saved, document)) {
        basis.current = saved;
        setSavedDocument(saved);
      } else rebase(document, saved);
      return saved;
    },
    () => {},
  );
  const { queue } = autosave;

  useEffect(() => {
    const subscription = watch((values, { name, type }) => {
      // A `reset` (the stored copy changed underneath) is not an edit.
      if (name === undefined && type === undefined) return;
      queue.schedule(documentFromForm(values as ReportFormValues, basis.current).document);
    });
    return () => subscription.unsubscribe();
  }, [watch, queue]);

  // Whatever writes this report (this editor, sync, another tab): show where it stands and, when
  // the document itself changed elsewhere and nothing is waiting to be saved here, take it in.
  // While a save waits or runs, that save merges the change itself (see ReportRepository.save).
  useEffect(
    () =>
      new SyncRepository(store).watchReport(initial.id, (stored) => {
        if (!stored) return;
        setSync(stored.sync);
        if (!queue.hasPendingWrites && stored.document.updatedAt !== basis.current.updatedAt) rebase(basis.current, stored.document);
      }),
    // `rebase` uses only refs, stable react-hook-form methods and state setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, initial.id, queue],
  );

  const values = useWatch({ control }) as ReportFormValues;
  const reading = useMemo(() => documentFromForm(values, savedDocument), [values, savedDocument]);
  const check: ReportCheck = useMemo(() => checkReport(reading.document, { previous }), [reading, previous]);
  const standing = useReportLifecycle(status, sync, reading.document, check.errors.length + reading.unparseable.length);
  const [reviewed, setReviewed] = useState(section === 'review');
  if (section === 'review' && !reviewed) setReviewed(true);
  const { touchedFields } = formState;
  // Not memoised: react-hook-form updates `touchedFields` in place, so its identity says nothing.
  const touched = (path: string) =>
    reviewed ||
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], touchedFields) === true;
  const messages = messagesByPath(t, check, reading.unparseable, initial.period, touched);
  const sectionsWithErrors = useMemo(
    () => new Set([...check.errors.map((e) => e.path), ...reading.unparseable].map(sectionOfPath)),
    [check, reading.unparseable],
  );

  const hints = useMemo(() => {
    const byPath = new Map<string, string>();
    if (!previous) return byPath;
    const label = t.periodLabel(previous.period.year, previous.period.kind);
    for (const key of ['workers', 'members'] as const) {
      const value = previous.membership[key];
      if (value != null) byPath.set(`membership.${key}`, t.editor.previousFigure(label, formatCount(value)));
    }
    return byPath;
  }, [previous, t]);
  const context: FieldContext = { register, control, setValue, messages, hints, changed: standing.changed, changedNote: standing.messages.changedMark };
  // "Sửa" in the review opens the field's section and puts the cursor in it once it is drawn.
  const focusAfterNavigation = useRef<string | null>(null);
  useEffect(() => {
    const path = focusAfterNavigation.current;
    if (!path) return;
    focusAfterNavigation.current = null;
    const element = document.getElementById(fieldId(path)) ?? document.getElementById(fieldId(path.replace(/\.\w+$/, '')));
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  }, [section]);
  const index = SECTION_IDS.indexOf(section);
  const go = (target: SectionId) => {
    navigate({ screen: 'report', reportId: initial.id, section: target });
    window.scrollTo(0, 0);
  };

  const markReady = async () => {
    setStatusError(null);
    try {
      await queue.flush();
      const saved = await store.reports.markReady(initial.id);
      basis.current = saved;
      setSavedDocument(saved);
      setStatus(saved.status);
      return true;
    } catch (error) {
      setStatusError(
        error instanceof ReportNotReadyError
          ? t.editor.markReadyBlocked
          : error instanceof StorageFullError
            ? t.db.storageFull
            : t.db.genericError,
      );
      return false;
    }
  };
  const reopen = async () => {
    setStatusError(null);
    try {
      const saved = await store.reports.reopen(initial.id);
      basis.current = saved;
      setSavedDocument(saved);
      setStatus(saved.status);
    } catch (error) {
      setStatusError(error instanceof StorageFullError ? t.db.storageFull : t.db.genericError);
    }
  };

  const readOnly = standing.lifecycle.locked;
  const lifecycleHandlers = {
    send: markReady,
    reopen,
    goToReview: () => go('review'),
  };
  const act = (action: ReportAction) => void standing.act(action, lifecycleHandlers);
  const warningFor = (path: string) => check.warnings.find((w) => w.path === path);

  return (
    <div className="editor">
      <div className="editor-head">
        <a href="#/" className="link-back">
          ‹ {t.editor.backToList}
        </a>
        <h2 className="editor-title">{t.periodLabel(initial.period.year, initial.period.kind)}</h2>
        <p className="editor-status">
          <SaveIndicator state={autosave.state} />
        </p>
        <ReportStanding reportId={initial.id} lifecycle={standing.lifecycle} sync={sync} variant="full" onAction={act} busy={standing.busy}>
          {standing.extras(initial.id, savedDocument, sync, statusError, lifecycleHandlers)}
        </ReportStanding>
        <div className="progress">
          <label className="progress-label" htmlFor="section-progress">
            {t.editor.progress(index + 1, SECTION_IDS.length)}: {t.editor.sections[section]}
          </label>
          <progress id="section-progress" max={SECTION_IDS.length} value={index + 1} />
        </div>
        <nav aria-label={t.editor.sectionList}>
          <ol className="section-chips">
            {SECTION_IDS.map((id, i) => (
              <li key={id}>
                <button
                  type="button"
                  className={`chip${id === section ? ' chip-current' : ''}${sectionsWithErrors.has(id) && id !== 'review' ? ' chip-error' : ''}`}
                  aria-current={id === section ? 'step' : undefined}
                  data-testid={`section-${id}`}
                  onClick={() => go(id)}
                >
                  {i + 1}. {t.editor.sections[id]}
                  {sectionsWithErrors.has(id) && id !== 'review' ? <span className="visually-hidden"> ({t.editor.hasErrors})</span> : null}
                  {standing.changedSections.has(id) ? <span className="chip-changed"> ✎<span className="visually-hidden">{standing.messages.changedMark}</span></span> : null}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      </div>

      <form className="editor-form" onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset
          className={`section${readOnly ? ' section-locked' : ''}`}
          disabled={readOnly && section !== 'review'}
          data-testid={`section-panel-${section}`}
        >
          <legend className="section-title">{t.editor.sections[section]}</legend>
          {section === 'membership' ? <RateDisplay members={reading.document.membership.members} workers={reading.document.membership.workers} /> : null}
          {section === 'dialogues' ? (
            <DialoguesSection control={control} register={register} context={context} disabled={readOnly} />
          ) : section === 'review' ? (
            <ReviewSection
              check={check}
              unparseable={reading.unparseable}
              period={initial.period}
              onGoTo={(path) => {
                focusAfterNavigation.current = path;
                go(sectionOfPath(path));
              }}
            />
          ) : (
            <SectionFields fields={SECTION_FIELDS[section]} context={context} />
          )}
          {(['membership.members', 'partyDevelopment.admitted'] as const).map((path) => {
            const warning = warningFor(path);
            if (!warning?.explanationPath || sectionOfPath(path) !== section) return null;
            return (
              <div className="explanation" key={path}>
                <TextInput path={warning.explanationPath} label={t.fields[warning.explanationPath] ?? t.editor.explanation} context={context} long />
                <p className="field-hint">{t.editor.explanationHint}</p>
              </div>
            );
          })}
        </fieldset>
      </form>

      <div className="section-nav">
        {index > 0 ? (
          <button type="button" className="button" data-testid="section-previous" onClick={() => go(SECTION_IDS[index - 1]!)}>
            ‹ {t.common.previous}
          </button>
        ) : (
          <span />
        )}
        {index < SECTION_IDS.length - 1 ? (
          <button type="button" className="button button-primary" data-testid="section-next" onClick={() => go(SECTION_IDS[index + 1]!)}>
            {t.common.next} ›
          </button>
        ) : null}
      </div>
    </div>
  );
}
