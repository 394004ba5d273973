/**
 * The editor of a report answering a form other than Plan 94 (issue 22): the form's sections as steps,
 * then a last step that says what still stops sending. A `rows` section draws a field per row
 * (`FormRowField`); a `block` section draws today's membership block (with the live 80 % indicator) or
 * dialogue sessions, the same components as Plan 94's editor. Autosave, sync, the lifecycle and the
 * standing card are Plan 94's own (`useStoredReportUpdates`, `useReportLifecycle`, `ReportStanding`).
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { useForm, useFormState, type UseFormReturn } from 'react-hook-form';
import type { FormDefinition, FormSection } from '../../../domain/forms/definition';
import { checkReportForm } from '../../../domain/forms/reportCheck';
import type { ReportDocument } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import type { ReportAction } from '../../../domain/lifecycle';
import { activityRange } from '../../../domain/round';
import { newUuid, type ReportVersion } from '../../db';
import { useI18n } from '../../i18n';
import { PushOffer } from '../../pwa';
import { navigate } from '../../ui/router';
import { noteFirstScreenDrawn } from '../../ui/firstScreen';
import { useSuperiorName } from '../syncStatus';
import { rowLabel } from '../../formFields/FormRowField';
import { formIssuesByPath, rowIssues } from '../../formFields/formIssues';
import { formStepIds, numericRowCodes, stepOfPath } from '../../formFields/formSteps';
import { FormSectionFields } from '../../formFields/FormStep';
import { FormStepChips, StepNav, StepProgress } from '../../formFields/StepFrame';
import { formMessages } from '../../formFields/formMessages';
import { fieldLabel } from '../../formFields/issueText';
import type { FieldContext } from '../../formFields/ReportFields';
import { ReportStanding } from './ReportStanding';
import { ReviewIssues } from './ReviewSection';
import { RoundNotice } from './RoundNotice';
import { SaveIndicator, usePreviousFigureHints, useValuesInTransition } from './editorParts';
import { documentFromForm, formFromDocument, type ReportFormValues } from '../../formFields/reportForm';
import { useReportingRounds } from './useReportingRounds';
import { roundOfForm } from './useFormDefinition';
import { useReportLifecycle } from './useReportLifecycle';
import { useStoredReportUpdates } from './useStoredReportUpdates';
import { useStatusActions } from './useStatusActions';

interface FormReportEditorProps {
  stored: ReportVersion;
  initialSync: LocalReportSync;
  previous: ReportDocument | null;
  definition: FormDefinition;
  step: string;
}

/**
 * Loaded on its own by `ReportEditorScreen` (the default export): the forms' rules and schemas stay out
 * of the editor chunk a Plan 94 report's start loads. `section`: the address's step, if it is one.
 */
export default function FormReportEditorScreen({
  section,
  definition,
  ...props
}: Omit<FormReportEditorProps, 'step' | 'definition'> & { definition: FormDefinition | null; section: string | null }) {
  if (!definition) return <FormMissing />;
  const steps = formStepIds(definition);
  const step = steps.includes(section ?? '') ? (section as string) : steps[0]!;
  return <FormReportEditor {...props} definition={definition} step={step} />;
}

/** A form the change feed has not brought to this phone yet: nothing to draw its report with. */
function FormMissing() {
  const { t, language } = useI18n();
  return (
    <div className="card" data-testid="form-missing">
      <p>{formMessages(language).formMissing}</p>
      <a className="button" href="#/">
        {t.editor.backToList}
      </a>
    </div>
  );
}

function FormReportEditor(props: FormReportEditorProps) {
  const numericCodes = useMemo(() => numericRowCodes(props.definition), [props.definition]);
  const [defaultValues] = useState(() => formFromDocument(props.stored.document, numericCodes));
  const form = useForm<ReportFormValues>({ defaultValues });
  return <FormReportEditorBody {...props} form={form} numericCodes={numericCodes} />;
}

const FormReportEditorBody = memo(function FormReportEditorBody({
  stored,
  initialSync,
  previous,
  definition,
  step,
  form,
  numericCodes,
}: FormReportEditorProps & { form: UseFormReturn<ReportFormValues>; numericCodes: readonly string[] }) {
  const { t, language } = useI18n();
  const f = formMessages(language);
  const superior = useSuperiorName();
  const initial = stored.document;
  const { register, control, setValue, getValues, watch, reset } = form;
  const { touchedFields } = useFormState({ control });
  const { autosave, savedDocument, sync } = useStoredReportUpdates(stored, initialSync, { getValues, reset, setValue, watch }, numericCodes);
  const { queue } = autosave;
  const status = savedDocument.status;

  const values = useValuesInTransition(watch, getValues);
  const reading = useMemo(() => documentFromForm(values, savedDocument, numericCodes), [values, savedDocument, numericCodes]);
  const round = roundOfForm(useReportingRounds(), initial, definition.id);
  const [openedAt] = useState(() => Date.now());
  const activities = useMemo(() => activityRange(initial.period, round), [initial.period, round]);
  const check = useMemo(() => checkReportForm(reading.document, definition, { previous, activities }), [reading, definition, previous, activities]);
  const valueIssues = rowIssues(check);
  const errorCount = check.report.errors.length + valueIssues.errors.length + reading.unparseable.length;
  const standing = useReportLifecycle(status, sync, reading.document, errorCount, round);
  const [reviewed, setReviewed] = useState(step === 'review');
  if (step === 'review' && !reviewed) setReviewed(true);
  const touched = (path: string) =>
    reviewed ||
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], touchedFields) === true;

  const messages = formIssuesByPath(t, check, reading, activities, touched);

  const hints = usePreviousFigureHints(previous, numericCodes);
  const context: FieldContext = { register, control, setValue, messages, hints, changed: standing.changed, changedNote: standing.messages.changedMark };
  useEffect(noteFirstScreenDrawn, []);

  const steps = formStepIds(definition);
  const index = Math.max(0, steps.indexOf(step));
  const stepTitle = (id: string) => {
    const section = definition.sections[steps.indexOf(id)];
    return section ? section.title : f.review;
  };
  const stepsWithErrors = new Set(
    [
      ...check.report.errors.map((issue) => issue.path),
      ...valueIssues.errors.map((issue) => `values.${issue.code}`),
      ...reading.unparseable,
    ].map((path) => stepOfPath(definition, path)),
  );
  const go = (target: string) => {
    navigate({ screen: 'report', reportId: initial.id, section: target });
    window.scrollTo(0, 0);
  };

  const readOnly = standing.lifecycle.locked;
  const { statusError, handlers: lifecycleHandlers } = useStatusActions(initial.id, queue, () => go('review'));
  const act = (action: ReportAction) => void standing.act(action, lifecycleHandlers);
  const section: FormSection | undefined = definition.sections[index];

  return (
    <div className="editor" data-testid="form-report-editor" data-form={definition.id}>
      <div className="editor-head">
        <a href="#/" className="link-back">
          ‹ {t.editor.backToList}
        </a>
        <h2 className="editor-title">{t.periodLabel(initial.period.year, initial.period.kind)}</h2>
        <p className="editor-form-title" data-testid="form-title">
          {definition.title}
        </p>
        <p className="editor-status">
          <SaveIndicator status={autosave.state} />
        </p>
        <ReportStanding reportId={initial.id} lifecycle={standing.lifecycle} sync={sync} variant="full" onAction={act} busy={standing.busy}>
          {standing.extras(initial.id, savedDocument, sync, statusError, lifecycleHandlers)}
        </ReportStanding>
        <PushOffer moment={status === 'ready'} superior={superior} language={language} />
        <RoundNotice round={round} period={initial.period} now={openedAt} />
        <StepProgress id="section-progress" index={index} count={steps.length} title={stepTitle(steps[index]!)} />
        <FormStepChips steps={steps} current={steps[index]!} title={stepTitle} withErrors={stepsWithErrors} onGo={go} />
      </div>

      <form className="editor-form" onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset className={`section${readOnly ? ' section-locked' : ''}`} disabled={readOnly && section !== undefined} data-testid={`section-panel-${steps[index]}`}>
          <legend className="section-title">{stepTitle(steps[index]!)}</legend>
          {section ? (
            <FormSectionFields
              section={section}
              document={reading.document}
              check={check}
              context={context}
              superior={superior}
              readOnly={readOnly}
              newSessionId={newUuid}
            />
          ) : (
            <ReviewIssues
              reasons={[
                ...reading.unparseable.map((path) => ({ path, text: t.unparseable })),
                ...check.report.errors.map((issue) => ({ path: issue.path, text: messages.get(issue.path)?.[0]?.text ?? '' })),
                ...valueIssues.errors.filter((issue) => !reading.unparseable.includes(`values.${issue.code}`)).map((issue) => ({ path: `values.${issue.code}`, text: issue.message })),
              ]}
              warnings={valueIssues.warnings.map((issue) => ({ path: `values.${issue.code}`, text: issue.message, explained: issue.explained === true }))}
              label={(path) => {
                const code = /^values\.(\w+)$/.exec(path)?.[1];
                const row = code ? definition.sections.flatMap((s) => (s.kind === 'rows' ? s.rows : [])).find((r) => r.code === code) : undefined;
                return f.rowIn(row ? rowLabel(row) : fieldLabel(t, path), stepTitle(stepOfPath(definition, path)));
              }}
              onGoTo={(path) => go(stepOfPath(definition, path))}
            />
          )}
        </fieldset>
      </form>

      <StepNav steps={steps} index={index} onGo={go} />
    </div>
  );
});
