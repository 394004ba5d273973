/**
 * One row of a form (issue 22), drawn with Plan 94's own field controls at `values.<code>`: counts and
 * money as typed vi-VN numbers, yes/no, dates (dd/mm/yyyy), short and long texts. A ratio row is worked
 * out from its two rows and shown read-only; a row with a warning gets the explanation box
 * (`valueNotes.<code>`) as Plan 94's warnings do. `superior` names who reads the explanation (the phone's
 * `useSuperiorName`; the staff preview's own words).
 */
import { isComputedRow, type FormRow, type FormValues } from '../../domain/forms/definition';
import { computedValue } from '../../domain/forms/rollup';
import { formatCount, formatRate, useI18n } from '../i18n';
import { FieldRow, fieldId } from '../ui/FieldRow';
import { formMessages } from './formMessages';
import { CountInput, TextInput, YesNoInput, type FieldContext } from './ReportFields';

/** `1. Tổng số lao động (người)`: as printed, with its unit. */
export function rowLabel(row: FormRow): string {
  const number = row.number ? `${row.number}. ` : '';
  return `${number}${row.label}${row.unit ? ` (${row.unit})` : ''}`;
}

export function FormRowField({
  row,
  values,
  context,
  warned,
  superior,
}: {
  row: FormRow;
  values: FormValues;
  context: FieldContext;
  warned: boolean;
  superior: string;
}) {
  const { t, language } = useI18n();
  const f = formMessages(language);
  const path = `values.${row.code}`;
  const label = row.required ? `${rowLabel(row)} (${f.required})` : rowLabel(row);
  if (isComputedRow(row)) {
    const value = computedValue(row, values);
    const shown = value == null ? f.notComputed : row.unit === '%' ? formatRate(value) : formatCount(value);
    const id = fieldId(path);
    return (
      <FieldRow id={id} label={rowLabel(row)} hint={f.computed} testId={path}>
        <output id={id} className="input input-count input-computed" data-testid={`field-${path}`}>
          {shown}
        </output>
      </FieldRow>
    );
  }
  const field = (() => {
    switch (row.kind) {
      case 'count':
      case 'money':
        return <CountInput path={path} label={label} context={context} />;
      case 'yesNo':
        return <YesNoInput path={path} label={label} context={context} />;
      case 'date':
        return <TextInput path={path} label={label} context={context} kind="date" />;
      case 'longText':
        return <TextInput path={path} label={label} context={context} long />;
      default:
        return <TextInput path={path} label={label} context={context} />;
    }
  })();
  return (
    <>
      {field}
      {warned ? (
        <div className="explanation">
          <TextInput path={`valueNotes.${row.code}`} label={f.explanationFor(row.label)} context={context} long />
          <p className="field-hint">{t.superior.explanationHint(superior)}</p>
        </div>
      ) : null}
    </>
  );
}
