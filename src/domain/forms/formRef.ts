/**
 * Which form a report or a round names, without the forms themselves (`reportForm.ts` re-exports all of
 * this beside the built-in forms): the phone's start reads a report's form and a round's from here, so
 * the built-in definitions and the schemas load only with a screen that draws a form.
 */
export interface FormRef {
  id: string;
  version: number;
}

/** The built-in Plan 94 form (`builtin/plan94.ts`; a test holds the two equal). */
export const PLAN94_FORM_REF: FormRef = { id: 'ke-hoach-94', version: 1 };

export function sameFormRef(a: FormRef, b: FormRef): boolean {
  return a.id === b.id && a.version === b.version;
}

/** `ke-hoach-94@1` */
export function formRefKey(ref: FormRef): string {
  return `${ref.id}@${ref.version}`;
}

/** The form a report answers: its own, or Plan 94 for a report that names none. */
export function reportFormRef(document: { form?: FormRef | undefined }): FormRef {
  return document.form ?? PLAN94_FORM_REF;
}

export function isPlan94Report(document: { form?: FormRef | undefined }): boolean {
  return reportFormRef(document).id === PLAN94_FORM_REF.id;
}

/** The form a round asks for (absent from a round opened before forms: Plan 94). */
export function roundFormRef(round: { form?: FormRef | null | undefined }): FormRef {
  return round.form ?? PLAN94_FORM_REF;
}
