/**
 * Which form a report answers (issue 22). A report names its form by id and version (`document.form`);
 * a report without one answers the built-in Plan 94 form, as every report written before forms did,
 * and as a phone running an older build still sends. A round names the form it asks for the same way
 * (`ReportingRound.form`, absent meaning Plan 94). One report per CĐCS, period and form id.
 *
 * The values of a form's rows are `document.values` (row code → value) and the officer's explanations
 * of a row's warning `document.valueNotes` (row code → text). Plan 94 keeps its own fields
 * (builtin/plan94.ts maps them to rows); every form's built-in blocks keep theirs (`membership`,
 * `dialogues`), so a block looks and behaves the same in every form.
 */
import type { ReportDocument } from '../report';
import type { FormDefinition, FormValues } from './definition';
import { MAU_1_HDCD_FORM } from './builtin/mau1HDCD';
import { PLAN94_FORM, plan94Values } from './builtin/plan94';
import { isPlan94Report, type FormRef } from './formRef';

export { PLAN94_FORM_REF, formRefKey, isPlan94Report, reportFormRef, roundFormRef, sameFormRef, type FormRef } from './formRef';

/** The forms that ship with the code: every phone and server has them without a download. */
export const BUILTIN_FORMS: readonly FormDefinition[] = [PLAN94_FORM, MAU_1_HDCD_FORM];

export function builtinForm(ref: FormRef): FormDefinition | null {
  return BUILTIN_FORMS.find((form) => form.id === ref.id && form.version === ref.version) ?? null;
}

export function isBuiltinFormId(id: string): boolean {
  return BUILTIN_FORMS.some((form) => form.id === id);
}

/** A report's rows as form values, whatever its form: Plan 94 reads its own fields. */
export function reportValues(document: ReportDocument): FormValues {
  return isPlan94Report(document) ? plan94Values(document) : (document.values ?? {});
}
