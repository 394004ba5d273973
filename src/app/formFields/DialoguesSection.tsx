/**
 * Dialogue sessions (plan II.5, II.7): a list to add, edit in place and remove (after asking).
 * Each session keeps the UUID it was made with, so the sync merge can tell sessions apart; the caller
 * says how ids are made (the phone's `newUuid` from its database room; the staff preview its own), as
 * this room imports neither.
 */
import { useFieldArray, type Control, type Path, type UseFormRegister } from 'react-hook-form';
import { DIALOGUE_KINDS } from '../../domain/report';
import { useI18n } from '../i18n';
import { ConfirmAction } from '../ui/ConfirmAction';
import { FieldRow, describedBy, fieldId } from '../ui/FieldRow';
import { CountInput, TextInput, type FieldContext } from './ReportFields';
import type { ReportFormValues } from './reportForm';

type SessionForm = ReportFormValues['dialogues'][number];

function newSession(id: string): SessionForm {
  return {
    id,
    date: '',
    kind: 'workplace',
    ledBy: '',
    participants: '',
    recommendationsRaised: '',
    recommendationsResolved: '',
    notes: '',
  };
}

export function DialoguesSection({
  control,
  register,
  context,
  disabled,
  newSessionId,
}: {
  control: Control<ReportFormValues>;
  register: UseFormRegister<ReportFormValues>;
  context: FieldContext;
  disabled: boolean;
  newSessionId: () => string;
}) {
  const { t } = useI18n();
  // `keyName` keeps react-hook-form's own key away from the session's `id`, which is data.
  const { fields, append, remove } = useFieldArray({ control, name: 'dialogues', keyName: 'key' });
  return (
    <div className="dialogues">
      <p className="muted">{t.dialogues.intro}</p>
      {fields.length === 0 ? <p className="empty">{t.dialogues.empty}</p> : <p className="muted">{t.dialogues.count(fields.length)}</p>}
      {fields.map((session, index) => {
        const base = `dialogues.${index}`;
        const kindPath = `${base}.kind`;
        const kindId = fieldId(kindPath);
        const kindMessages = context.messages.get(kindPath);
        return (
          <fieldset key={session.key} className="card session" data-testid={`dialogue-${index}`}>
            <legend className="session-title">{t.dialogues.session(index + 1)}</legend>
            <TextInput path={`${base}.date`} label={t.dialogues.date} context={context} kind="date" />
            <FieldRow id={kindId} label={t.dialogues.kind} messages={kindMessages} testId={kindPath}>
              <select
                id={kindId}
                className="input"
                data-testid={`field-${kindPath}`}
                aria-describedby={describedBy(kindId, kindMessages)}
                {...register(kindPath as Path<ReportFormValues>)}
              >
                {DIALOGUE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t.dialogueKinds[kind]}
                  </option>
                ))}
              </select>
            </FieldRow>
            <TextInput path={`${base}.ledBy`} label={t.dialogues.ledBy} context={context} />
            <CountInput path={`${base}.participants`} label={t.dialogues.participants} context={context} />
            <CountInput path={`${base}.recommendationsRaised`} label={t.dialogues.recommendationsRaised} context={context} />
            <CountInput path={`${base}.recommendationsResolved`} label={t.dialogues.recommendationsResolved} context={context} />
            <TextInput path={`${base}.notes`} label={t.dialogues.notes} context={context} long />
            <ConfirmAction
              label={t.dialogues.remove}
              question={t.dialogues.removeConfirm}
              confirmLabel={t.dialogues.removeYes}
              cancelLabel={t.common.cancel}
              testId={`dialogue-remove-${index}`}
              disabled={disabled}
              onConfirm={() => remove(index)}
            />
          </fieldset>
        );
      })}
      <button type="button" className="button button-wide" data-testid="dialogue-add" disabled={disabled} onClick={() => append(newSession(newSessionId()))}>
        + {t.dialogues.add}
      </button>
    </div>
  );
}
