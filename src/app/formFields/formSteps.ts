/**
 * A form report's steps (issue 22): one per section, then the review. The officer's editor moves between
 * them by address, the staff preview in its own state; both ask here which step a field is on.
 */
import { formRows, isComputedRow, isNumericRow, type FormDefinition } from '../../domain/forms/definition';

/** The codes of a form's rows typed as numbers (counts and money), for the form model (`reportForm.ts`). */
export function numericRowCodes(definition: FormDefinition): string[] {
  return formRows(definition)
    .filter((row) => isNumericRow(row) && !isComputedRow(row))
    .map((row) => row.code);
}

/** The steps of a form report: one per section (`section-0` …), then the review. */
export function formStepIds(definition: FormDefinition): string[] {
  return [...definition.sections.map((_, index) => `section-${index}`), 'review'];
}

/** The step a field's path is on: a row's code, a block's field, or the review for anything else. */
export function stepOfPath(definition: FormDefinition, path: string): string {
  const row = /^(?:values|valueNotes)\.(\w+)$/.exec(path)?.[1];
  const head = path.split('.')[0];
  const index = definition.sections.findIndex((section) =>
    section.kind === 'rows'
      ? row !== undefined && section.rows.some((r) => r.code === row)
      : section.block === head || (section.block === 'membership' && path === 'explanations.memberChange'),
  );
  return index >= 0 ? `section-${index}` : 'review';
}
