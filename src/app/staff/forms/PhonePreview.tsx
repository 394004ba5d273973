/**
 * A form as the officer's phone will show it (issue 22), for the staff to look at before publishing: a
 * frame 360 CSS px wide, the form's sections as the phone's steps, the phone's own field controls and
 * built-in blocks (`app/formFields`), and the rules at work as figures are typed: the errors and warnings
 * appear beside the field exactly as on the phone (`checkReportForm`, `formIssuesByPath`). Nothing typed
 * here is kept. Loaded on its own (FormPreview's lazy import): react-hook-form, the form model and the
 * rules stay out of the staff entry.
 */
import { useEffect, useMemo, useState } from 'react';
import { useForm, useFormState } from 'react-hook-form';
import type { FormDefinition } from '../../../domain/forms/definition';
import { checkReportForm } from '../../../domain/forms/reportCheck';
import type { ReportPeriod } from '../../../domain/period';
import { emptyReport, type ReportDocument } from '../../../domain/report';
import { activityRange } from '../../../domain/round';
import { useI18n } from '../../i18n';
import { formIssuesByPath, rowIssues } from '../../formFields/formIssues';
import { formMessages } from '../../formFields/formMessages';
import { rowLabel } from '../../formFields/FormRowField';
import { FormSectionFields } from '../../formFields/FormStep';
import { FormStepChips, StepNav, StepProgress } from '../../formFields/StepFrame';
import { formStepIds, numericRowCodes, stepOfPath } from '../../formFields/formSteps';
import { fieldLabel } from '../../formFields/issueText';
import type { FieldContext } from '../../formFields/ReportFields';
import { documentFromForm, formFromDocument, type ReportFormValues } from '../../formFields/reportForm';
import { formsMessages } from './messages';
import './phonePreview.css';

/** A new report of the form, as the phone starts one: the blocks' fields empty, no row answered. */
function blankReport(definition: FormDefinition, period: ReportPeriod): ReportDocument {
  const now = new Date().toISOString();
  return { ...emptyReport('xem-truoc', period, now), form: { id: definition.id, version: definition.version }, values: {}, valueNotes: {} };
}

let sessions = 0;
/** Dialogue sessions added in the preview need ids only to tell them apart: nothing is stored. */
const previewSessionId = () => `xem-truoc-${++sessions}`;

export interface PhonePreviewProps {
  definition: FormDefinition;
  /** The period the phone's title names (a round's, or the one due now). */
  period: ReportPeriod;
  /** Rows already typed, by row code, as the officer would type them (`1.234`); none by default. */
  typed?: Readonly<Record<string, string>>;
  /** The step shown first: `section-0` unless said. */
  initialStep?: string;
}

export default function PhonePreview({ definition, period, typed, initialStep }: PhonePreviewProps) {
  const { t, language } = useI18n();
  const m = formsMessages(language);
  const f = formMessages(language);
  const numericCodes = useMemo(() => numericRowCodes(definition), [definition]);
  const [blank] = useState(() => blankReport(definition, period));
  const form = useForm<ReportFormValues>({
    defaultValues: (() => {
      const values = formFromDocument(blank, numericCodes);
      return { ...values, values: { ...values.values, ...typed } };
    })(),
  });
  const { register, control, setValue, watch, getValues } = form;
  const { touchedFields } = useFormState({ control });
  const [values, setValues] = useState(() => getValues());
  useEffect(() => {
    // A fresh object at each change (getValues copies the top level), so the rules run again.
    const subscription = watch(() => setValues(getValues()));
    return () => subscription.unsubscribe();
  }, [watch, getValues]);

  const steps = formStepIds(definition);
  const [step, setStep] = useState(() => (initialStep && steps.includes(initialStep) ? initialStep : steps[0]!));
  const [reviewed, setReviewed] = useState(step === 'review');
  if (step === 'review' && !reviewed) setReviewed(true);

  const reading = useMemo(() => documentFromForm(values, blank, numericCodes), [values, blank, numericCodes]);
  const activities = useMemo(() => activityRange(period, null), [period]);
  const check = useMemo(() => checkReportForm(reading.document, definition, { activities }), [reading, definition, activities]);
  const valueIssues = rowIssues(check);
  const touched = (path: string) =>
    reviewed ||
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], touchedFields) === true ||
    (/^values\.\w+$/.test(path) && typed?.[path.slice('values.'.length)] !== undefined);
  const messages = formIssuesByPath(t, check, reading, activities, touched);
  const context: FieldContext = { register, control, setValue, messages };

  const index = Math.max(0, steps.indexOf(step));
  const section = definition.sections[index];
  const stepTitle = (id: string) => definition.sections[steps.indexOf(id)]?.title ?? f.review;
  const stepsWithErrors = new Set(
    [...check.report.errors.map((issue) => issue.path), ...valueIssues.errors.map((issue) => `values.${issue.code}`), ...reading.unparseable].map((path) =>
      stepOfPath(definition, path),
    ),
  );
  const rows = definition.sections.flatMap((s) => (s.kind === 'rows' ? s.rows : []));
  const label = (path: string) => {
    const code = /^values\.(\w+)$/.exec(path)?.[1];
    const row = code ? rows.find((r) => r.code === code) : undefined;
    return f.rowIn(row ? rowLabel(row) : fieldLabel(t, path), stepTitle(stepOfPath(definition, path)));
  };
  const reasons = [
    ...reading.unparseable.map((path) => ({ path, text: t.unparseable })),
    ...check.report.errors.map((issue) => ({ path: issue.path, text: messages.get(issue.path)?.[0]?.text ?? '' })),
    ...valueIssues.errors.filter((issue) => !reading.unparseable.includes(`values.${issue.code}`)).map((issue) => ({ path: `values.${issue.code}`, text: issue.message })),
  ];

  return (
    <div className="phone-preview" data-testid="phone-preview">
      <p className="notice phone-preview-note" data-testid="phone-preview-note">
        {m.phoneNotSaved}
      </p>
      <div className="phone-frame" role="region" aria-label={m.phoneFrame} data-testid="phone-frame">
        <div className="editor" data-form={definition.id}>
          <div className="editor-head">
            <h2 className="editor-title">{t.periodLabel(period.year, period.kind)}</h2>
            <p className="editor-form-title">{definition.title}</p>
            <StepProgress id="preview-section-progress" index={index} count={steps.length} title={stepTitle(steps[index]!)} />
            <FormStepChips steps={steps} current={steps[index]!} title={stepTitle} withErrors={stepsWithErrors} onGo={setStep} />
          </div>
          <form className="editor-form" onSubmit={(event) => event.preventDefault()} noValidate>
            <fieldset className="section" data-testid={`section-panel-${steps[index]}`}>
              <legend className="section-title">{stepTitle(steps[index]!)}</legend>
              {section ? (
                <FormSectionFields
                  section={section}
                  document={reading.document}
                  check={check}
                  context={context}
                  superior={t.superior.fallback}
                  readOnly={false}
                  newSessionId={previewSessionId}
                />
              ) : (
                <div className="review" data-testid="phone-preview-review">
                  {reasons.length > 0 ? (
                    <>
                      <p className="review-heading">{t.editor.markReadyBlocked}</p>
                      <ul className="issue-list">
                        {reasons.map((reason, i) => (
                          <li key={i} className="issue issue-error">
                            <span>
                              <strong>{label(reason.path)}</strong>: {reason.text}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="notice notice-ok">{t.editor.noIssues}</p>
                  )}
                  {valueIssues.warnings.length > 0 ? (
                    <>
                      <p className="review-heading">{t.editor.warningsTitle}</p>
                      <ul className="issue-list">
                        {valueIssues.warnings.map((issue, i) => (
                          <li key={i} className="issue issue-warning">
                            <span>
                              <strong>{label(`values.${issue.code}`)}</strong>: {issue.message}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </div>
              )}
            </fieldset>
          </form>
          <StepNav steps={steps} index={index} onGo={setStep} />
        </div>
      </div>
    </div>
  );
}
