/**
 * What a form report's step draws (issue 22), the same on the officer's phone and in the staff preview:
 * a section's fields, the membership block with the live 80 % indicator, the dialogue sessions, or the
 * form's rows. The chips and the step buttons around it are ./StepFrame.tsx.
 */
import type { FormSection } from '../../domain/forms/definition';
import type { ReportFormCheck } from '../../domain/forms/reportCheck';
import type { ReportDocument } from '../../domain/report';
import { useI18n } from '../i18n';
import { DialoguesSection } from './DialoguesSection';
import { rowIssues } from './formIssues';
import { FormRowField } from './FormRowField';
import { RateDisplay } from './RateDisplay';
import { SectionFields, TextInput, type FieldContext } from './ReportFields';
import { SECTION_FIELDS } from './reportForm';

/**
 * A section's fields. `document`: the report as typed (for the rate and the worked-out rows); `superior`:
 * who asks for the explanations; `newSessionId`: how a new dialogue session gets its id.
 */
export function FormSectionFields({
  section,
  document,
  check,
  context,
  superior,
  readOnly,
  newSessionId,
}: {
  section: FormSection;
  document: ReportDocument;
  check: ReportFormCheck;
  context: FieldContext;
  superior: string;
  readOnly: boolean;
  newSessionId: () => string;
}) {
  const { t } = useI18n();
  if (section.kind === 'block' && section.block === 'membership') {
    const memberWarning = check.report.warnings.find((warning) => warning.path === 'membership.members');
    return (
      <>
        <RateDisplay members={document.membership.members} workers={document.membership.workers} />
        <SectionFields fields={SECTION_FIELDS.membership} context={context} />
        {memberWarning?.explanationPath ? (
          <div className="explanation">
            <TextInput path={memberWarning.explanationPath} label={t.fields[memberWarning.explanationPath] ?? t.editor.explanation} context={context} long />
            <p className="field-hint">{t.superior.explanationHint(superior)}</p>
          </div>
        ) : null}
      </>
    );
  }
  if (section.kind === 'block') {
    return <DialoguesSection control={context.control} register={context.register} context={context} disabled={readOnly} newSessionId={newSessionId} />;
  }
  const warnings = rowIssues(check).warnings;
  return (
    <>
      {section.rows.map((row) => (
        <FormRowField
          key={row.code}
          row={row}
          values={document.values ?? {}}
          context={context}
          warned={warnings.some((warning) => warning.code === row.code)}
          superior={superior}
        />
      ))}
    </>
  );
}
