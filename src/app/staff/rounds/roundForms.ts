/**
 * The forms a round may ask for (issue 22), and the title of the one it asks for: the built-in ones
 * (Plan 94 first, the default) and the published forms the node can use (its own and its ancestors',
 * `GET /api/staff/forms?node=`); a draft is never offered. Pure, so the choices are unit-tested.
 */
import type { FormSummary } from '../../../domain/forms/catalogue';
import { BUILTIN_FORMS, formRefKey, roundFormRef, type FormRef } from '../../../domain/forms/reportForm';

export interface RoundFormChoice {
  ref: FormRef;
  /** `ke-hoach-94@1`, the select's value. */
  key: string;
  title: string;
  version: number;
  builtin: boolean;
}

/** The choices in order: the built-in forms, then the published ones as listed; each version once. */
export function roundFormChoices(forms: readonly FormSummary[] | null): RoundFormChoice[] {
  const builtin = BUILTIN_FORMS.map((form) => ({ ref: { id: form.id, version: form.version }, title: form.title, builtin: true }));
  const published = (forms ?? []).filter((form) => form.status === 'published' && !form.builtin).map((form) => ({ ref: { id: form.code, version: form.version }, title: form.title, builtin: false }));
  const seen = new Set<string>();
  return [...builtin, ...published].flatMap((choice) => {
    const key = formRefKey(choice.ref);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...choice, key, version: choice.ref.version }];
  });
}

/** The title of the form a round asks for (Plan 94 for a round that names none); null when it is not among the choices. */
export function roundFormTitle(round: { form?: FormRef | null }, choices: readonly RoundFormChoice[]): string | null {
  const key = formRefKey(roundFormRef(round));
  return choices.find((choice) => choice.key === key)?.title ?? null;
}
