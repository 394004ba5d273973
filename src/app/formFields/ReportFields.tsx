/** The controls of a simple section, drawn from the field catalog in `reportForm.ts`. */
import { Controller, type Control, type UseFormRegister, type UseFormSetValue, type Path } from 'react-hook-form';
import { parseCount, countToInput, useI18n } from '../i18n';
import { DateInput } from '../ui/DateInput';
import { FieldRow, describedBy, fieldId } from '../ui/FieldRow';
import type { MessagesByPath } from './issueText';
import type { FieldDefinition, ReportFormValues } from './reportForm';

export interface FieldContext {
  register: UseFormRegister<ReportFormValues>;
  control: Control<ReportFormValues>;
  setValue: UseFormSetValue<ReportFormValues>;
  messages: MessagesByPath;
  /** A line under a field, e.g. the previous period's figure. */
  hints?: ReadonlyMap<string, string>;
  /** Fields changed since the superior returned the report, marked with `changedNote`. */
  changed?: ReadonlySet<string>;
  changedNote?: string;
}

function changedNote(context: FieldContext, path: string): string | undefined {
  return context.changed?.has(path) ? context.changedNote : undefined;
}

/** A count typed in vi-VN form; tidied to `1.234` when the officer leaves the field. */
export function CountInput({ path, label, context }: { path: string; label: string; context: FieldContext }) {
  const id = fieldId(path);
  const messages = context.messages.get(path);
  const hint = context.hints?.get(path);
  const name = path as Path<ReportFormValues>;
  const registration = context.register(name, {
    onBlur: (event: { target: HTMLInputElement }) => {
      const parsed = parseCount(event.target.value);
      const tidy = parsed.ok ? countToInput(parsed.value) : null;
      if (tidy != null && tidy !== event.target.value) context.setValue(name, tidy as never, { shouldDirty: true });
    },
  });
  return (
    <FieldRow id={id} label={label} messages={messages} hint={hint} testId={path} changed={changedNote(context, path)}>
      <input
        id={id}
        className="input input-count"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="next"
        data-testid={`field-${path}`}
        aria-invalid={messages?.some((m) => m.kind === 'error') || undefined}
        aria-describedby={describedBy(id, messages, hint)}
        {...registration}
      />
    </FieldRow>
  );
}

export function TextInput({
  path,
  label,
  context,
  long,
  kind = 'text',
}: {
  path: string;
  label: string;
  context: FieldContext;
  long?: boolean;
  kind?: 'text' | 'date';
}) {
  if (kind === 'date') return <DateField path={path} label={label} context={context} />;
  const id = fieldId(path);
  const messages = context.messages.get(path);
  const common = {
    id,
    'data-testid': `field-${path}`,
    'aria-invalid': messages?.some((m) => m.kind === 'error') || undefined,
    'aria-describedby': describedBy(id, messages),
    ...context.register(path as Path<ReportFormValues>),
  };
  return (
    <FieldRow id={id} label={label} messages={messages} testId={path} changed={changedNote(context, path)}>
      {long ? <textarea className="input input-long" rows={4} {...common} /> : <input className="input" type="text" {...common} />}
    </FieldRow>
  );
}

/** A date of the report, typed dd/mm/yyyy whatever the phone's language (ui/DateInput); the form holds the ISO date. */
function DateField({ path, label, context }: { path: string; label: string; context: FieldContext }) {
  const id = fieldId(path);
  const messages = context.messages.get(path);
  return (
    <FieldRow id={id} label={label} messages={messages} testId={path} changed={changedNote(context, path)}>
      <Controller
        control={context.control}
        name={path as Path<ReportFormValues>}
        render={({ field }) => (
          <DateInput
            id={id}
            name={field.name}
            testId={`field-${path}`}
            value={typeof field.value === 'string' ? field.value : ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            invalid={messages?.some((m) => m.kind === 'error')}
            aria-describedby={describedBy(id, messages)}
          />
        )}
      />
    </FieldRow>
  );
}

/** Yes / no / not answered, as large radio buttons. */
export function YesNoInput({ path, label, context }: { path: string; label: string; context: FieldContext }) {
  const { t } = useI18n();
  const id = fieldId(path);
  const messages = context.messages.get(path);
  return (
    <Controller
      control={context.control}
      name={path as Path<ReportFormValues>}
      render={({ field }) => (
        <fieldset className="field choice" aria-describedby={describedBy(id, messages)} data-testid={`field-${path}`}>
          <legend className="field-label">{label}</legend>
          {changedNote(context, path) ? (
            <p className="field-changed" data-testid={`changed-${path}`}>
              <span aria-hidden="true">✎</span> {changedNote(context, path)}
            </p>
          ) : null}
          <div className="choice-options">
            {([true, false] as const).map((option) => (
              <label key={String(option)} className="choice-option">
                <input
                  type="radio"
                  name={id}
                  data-testid={`field-${path}-${option ? 'yes' : 'no'}`}
                  checked={field.value === option}
                  onChange={() => field.onChange(option)}
                  onBlur={field.onBlur}
                />
                {option ? t.common.yes : t.common.no}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    />
  );
}

export function SectionFields({ fields, context }: { fields: FieldDefinition[]; context: FieldContext }) {
  const { t } = useI18n();
  return (
    <>
      {fields.map((field) => {
        const label = t.fields[field.path] ?? field.path;
        switch (field.kind) {
          case 'count':
            return <CountInput key={field.path} path={field.path} label={label} context={context} />;
          case 'yesNo':
            return <YesNoInput key={field.path} path={field.path} label={label} context={context} />;
          case 'date':
            return <TextInput key={field.path} path={field.path} label={label} context={context} kind="date" />;
          case 'longText':
            return <TextInput key={field.path} path={field.path} label={label} context={context} long />;
          default:
            return <TextInput key={field.path} path={field.path} label={label} context={context} />;
        }
      })}
    </>
  );
}
