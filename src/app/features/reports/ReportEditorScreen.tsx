/**
 * The report editor: one section at a time (phone-first), a progress bar, the rules' messages
 * beside each field, live unionization rate, autosave, and "mark ready" on the last section.
 */
import { lazy, memo, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useFormState, type UseFormReturn } from 'react-hook-form';
import type { ReportDocument } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import type { ReportAction } from '../../../domain/lifecycle';
import { activityRange, roundOfPeriod } from '../../../domain/round';
import { checkReport, type ReportCheck } from '../../../domain/validation';
import { newUuid, type ReportVersion } from '../../db';
import { useI18n } from '../../i18n';
import { PushOffer } from '../../pwa';
import { fieldId } from '../../ui/FieldRow';
import { navigate } from '../../ui/router';
import { noteFirstScreenDrawn } from '../../ui/firstScreen';
import { DialoguesSection } from '../../formFields/DialoguesSection';
import { useSuperiorName } from '../syncStatus';
import { messagesByPath } from '../../formFields/issueText';
import { useReportLifecycle } from './useReportLifecycle';
import { ReportStanding } from './ReportStanding';
import { RateDisplay } from '../../formFields/RateDisplay';
import { FormStepChips, StepNav, StepProgress } from '../../formFields/StepFrame';
import { SectionFields, TextInput, type FieldContext } from '../../formFields/ReportFields';
import { ReviewSection } from './ReviewSection';
import { RoundNotice } from './RoundNotice';
import { useReportingRounds } from './useReportingRounds';
import {
  SECTION_FIELDS,
  SECTION_IDS,
  documentFromForm,
  formFromDocument,
  sectionOfPath,
  type ReportFormValues,
  type SectionId,
} from '../../formFields/reportForm';
import { SaveIndicator, usePreviousFigureHints, useValuesInTransition } from './editorParts';
import type { FormDefinition } from '../../../domain/forms/definition';
import { isPlan94Report } from '../../../domain/forms/formRef';
import { useStoredReportUpdates } from './useStoredReportUpdates';
import { useStatusActions } from './useStatusActions';
import { readOpenedReport, takePreloadedReport, type OpenedReport } from './openingReport';

/** A report of another form than Plan 94 (issue 22): its editor and the forms' rules load on their own. */
const LazyFormReportEditor = lazy(() => import('./FormReportEditor'));

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'ready'; stored: ReportVersion; sync: LocalReportSync; previous: ReportDocument | null; definition: FormDefinition | null };

function toLoaded({ stored, previous, definition }: OpenedReport): Loaded {
  return stored ? { kind: 'ready', stored, sync: stored.sync, previous, definition } : { kind: 'missing' };
}

export function ReportEditorScreen({ reportId, section }: { reportId: string; section: string | null }) {
  const { t } = useI18n();
  // What the app read while it opened (the usual start on a report's address): drawn at once.
  const [preloaded] = useState(() => takePreloadedReport(reportId));
  const [loaded, setLoaded] = useState<Loaded>(() => (preloaded?.value ? toLoaded(preloaded.value) : { kind: 'loading' }));
  useEffect(() => {
    if (preloaded?.value) return;
    let live = true;
    void (preloaded?.promise ?? readOpenedReport(reportId))
      .then((opened) => live && setLoaded(toLoaded(opened)))
      .catch(() => live && setLoaded({ kind: 'missing' }));
    return () => {
      live = false;
    };
  }, [reportId, preloaded]);

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
  if (!isPlan94Report(loaded.stored.document)) {
    // A report of another form (issue 22): its own steps (and, without its definition, the notice that it cannot be drawn).
    const { definition } = loaded;
    return (
      <Suspense fallback={<p className="muted">{t.common.loading}</p>}>
        <LazyFormReportEditor key={reportId} stored={loaded.stored} initialSync={loaded.sync} previous={loaded.previous} definition={definition} section={section} />
      </Suspense>
    );
  }
  const current = (SECTION_IDS as readonly string[]).includes(section ?? '') ? (section as SectionId) : 'membership';
  return <ReportEditor key={reportId} stored={loaded.stored} initialSync={loaded.sync} previous={loaded.previous} section={current} />;
}

interface ReportEditorProps {
  stored: ReportVersion;
  initialSync: LocalReportSync;
  previous: ReportDocument | null;
  section: SectionId;
}

/**
 * Holds the form and nothing else. react-hook-form draws the component that calls `useForm` a second
 * time right after mounting (its `isReady`, set in a layout effect, before the first paint); the
 * editor below is memoised on props that stay the same then, so that second drawing costs nothing
 * instead of a whole editor on a slow phone's cold start.
 */
function ReportEditor(props: ReportEditorProps) {
  const [defaultValues] = useState(() => formFromDocument(props.stored.document));
  const form = useForm<ReportFormValues>({ defaultValues });
  return <ReportEditorBody {...props} form={form} />;
}

const ReportEditorBody = memo(function ReportEditorBody({
  stored,
  initialSync,
  previous,
  section,
  form,
}: ReportEditorProps & { form: UseFormReturn<ReportFormValues> }) {
  const { t, language } = useI18n();
  const superior = useSuperiorName();
  const initial = stored.document;
  const { register, control, setValue, getValues, watch, reset } = form;
  // Its own subscription: the editor is drawn again when a field is touched, as before.
  const { touchedFields } = useFormState({ control });
  const { autosave, savedDocument, sync } = useStoredReportUpdates(stored, initialSync, { getValues, reset, setValue, watch });
  const { queue } = autosave;
  const status = savedDocument.status;

  const values = useValuesInTransition(watch, getValues);
  const reading = useMemo(() => documentFromForm(values, savedDocument), [values, savedDocument]);
  // The superior's round sets the dates the activities must fall within, and may be closed.
  const round = roundOfPeriod(useReportingRounds(), initial.period);
  // The days left are counted from when the editor opened (render stays pure).
  const [openedAt] = useState(() => Date.now());
  const activities = useMemo(() => activityRange(initial.period, round), [initial.period, round]);
  const check: ReportCheck = useMemo(() => checkReport(reading.document, { previous, activities }), [reading, previous, activities]);
  const standing = useReportLifecycle(status, sync, reading.document, check.errors.length + reading.unparseable.length, round);
  const [reviewed, setReviewed] = useState(section === 'review');
  if (section === 'review' && !reviewed) setReviewed(true);
  // Not memoised: react-hook-form updates `touchedFields` in place, so its identity says nothing.
  const touched = (path: string) =>
    reviewed ||
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], touchedFields) === true;
  const messages = messagesByPath(t, check, reading.unparseable, activities, touched);
  const sectionsWithErrors = useMemo(
    () => new Set([...check.errors.map((e) => e.path), ...reading.unparseable].map(sectionOfPath)),
    [check, reading.unparseable],
  );

  const hints = usePreviousFigureHints(previous);
  const context: FieldContext = { register, control, setValue, messages, hints, changed: standing.changed, changedNote: standing.messages.changedMark };
  // "Sửa" in the review opens the field's section and puts the cursor in it once it is drawn.
  const focusAfterNavigation = useRef<string | null>(null);
  // The draft is on screen: what waited for it (sync engine, service worker) may start.
  useEffect(noteFirstScreenDrawn, []);
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

  const readOnly = standing.lifecycle.locked;
  const { statusError, handlers: lifecycleHandlers } = useStatusActions(initial.id, queue, () => go('review'));
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
          <SaveIndicator status={autosave.state} />
        </p>
        <ReportStanding reportId={initial.id} lifecycle={standing.lifecycle} sync={sync} variant="full" onAction={act} busy={standing.busy}>
          {standing.extras(initial.id, savedDocument, sync, statusError, lifecycleHandlers)}
        </ReportStanding>
        {/* Just sent: the moment to ask about notifications (asked once; pwa/pushRules.ts). */}
        <PushOffer moment={status === 'ready'} superior={superior} language={language} />
        <RoundNotice round={round} period={initial.period} now={openedAt} />
        <StepProgress id="section-progress" index={index} count={SECTION_IDS.length} title={t.editor.sections[section]} />
        <FormStepChips
          steps={SECTION_IDS}
          current={section}
          title={(id) => t.editor.sections[id as SectionId]}
          withErrors={sectionsWithErrors}
          changed={{ steps: standing.changedSections, mark: standing.messages.changedMark }}
          onGo={(id) => go(id as SectionId)}
        />
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
            <DialoguesSection control={control} register={register} context={context} disabled={readOnly} newSessionId={newUuid} />
          ) : section === 'review' ? (
            <ReviewSection
              check={check}
              unparseable={reading.unparseable}
              activities={activities}
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
                <p className="field-hint">{t.superior.explanationHint(superior)}</p>
              </div>
            );
          })}
        </fieldset>
      </form>

      <StepNav steps={SECTION_IDS} index={index} onGo={(id) => go(id as SectionId)} />
    </div>
  );
});
