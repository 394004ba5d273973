/**
 * The form a report answers or a round asks for (issue 22, src/domain/forms/reportForm.ts), as the
 * push and the rounds check it: a built-in form, or a published version in `report_forms` owned by a
 * node the union (or the round's node) is under. Anything else is 422 `unknown_form`, the same answer
 * for a form that does not exist, is a draft, or belongs to another branch of the tree, so that
 * nobody learns what another node holds.
 *
 * A published version never changes (store/forms.ts), so its parsed definition is kept for the life
 * of the process, per store: a push of a form report parses no form JSON after the first.
 */
import { formDefinitionSchema, formRows, isComputedRow, isNumericRow, type FormDefinition, type FormRow } from '../../domain/forms/definition';
import { builtinForm, type FormRef } from '../../domain/forms/reportForm';
import type { ReportDocument } from '../../domain/report';
import type { Store, StoreReads } from '../store/store';
import { ApiFailure, validationFailed } from './errors';

/** A published form as kept: its definition and the node that owns it (whose id is in every path below it). */
interface KnownForm {
  definition: FormDefinition;
  nodeId: string;
}

const published = new WeakMap<Store, Map<string, KnownForm | null>>();

export function unknownForm(ref: FormRef): ApiFailure {
  return new ApiFailure(422, 'unknown_form', `No form ${ref.id} version ${ref.version} applies here; name a built-in form or a published one of a node above.`, [
    { path: 'form', code: 'unknown_form', message: 'The form is not built in, not published, or not one of a node above.' },
  ]);
}

/** A published stored version, parsed once per store; undefined for one not (yet) published. */
async function publishedForm(store: Store, reads: StoreReads, ref: FormRef): Promise<KnownForm | undefined> {
  const key = `${ref.id}@${ref.version}`;
  let forms = published.get(store);
  if (!forms) published.set(store, (forms = new Map()));
  const known = forms.get(key);
  if (known) return known;
  const record = await reads.findForm(ref.id, ref.version);
  // A draft is not kept: it may be published (and then read again) later.
  if (!record || record.status !== 'published') return undefined;
  const found = { definition: formDefinitionSchema.parse(JSON.parse(record.definitionJson)), nodeId: record.nodeId };
  forms.set(key, found);
  return found;
}

/**
 * The definition of the form `ref`, if it applies under the node whose materialised path is `path`
 * (`/<root>/…/<node>/`): built in, or published by that node or one above it. 422 `unknown_form` otherwise.
 * `reads`: the transaction when the caller is in one, else the store.
 */
export async function formApplyingUnder(store: Store, reads: StoreReads, ref: FormRef, path: string | null): Promise<FormDefinition> {
  const builtin = builtinForm(ref);
  if (builtin) return builtin;
  const found = await publishedForm(store, reads, ref);
  if (!found || path === null || !path.includes(`/${found.nodeId}/`)) throw unknownForm(ref);
  return found.definition;
}

/** The definitions of these forms that do not ship with the code, for the phones (skipping any not found). */
export async function storedFormDefinitions(store: Store, refs: readonly FormRef[]): Promise<FormDefinition[]> {
  const seen = new Set<string>();
  const definitions: FormDefinition[] = [];
  for (const ref of refs) {
    const key = `${ref.id}@${ref.version}`;
    if (seen.has(key) || builtinForm(ref)) continue;
    seen.add(key);
    const found = await publishedForm(store, store, ref);
    if (found) definitions.push(found.definition);
  }
  return definitions;
}

/** The rows an officer fills in, by code, once per definition (definitions never change). */
const filledRows = new WeakMap<FormDefinition, Map<string, FormRow>>();
function filledRowsOf(definition: FormDefinition): Map<string, FormRow> {
  let rows = filledRows.get(definition);
  if (!rows) filledRows.set(definition, (rows = new Map(formRows(definition).filter((row) => !isComputedRow(row)).map((row) => [row.code, row]))));
  return rows;
}

function hasRowKind(row: FormRow, value: unknown): boolean {
  if (value === null) return true;
  if (isNumericRow(row)) return typeof value === 'number';
  if (row.kind === 'yesNo') return typeof value === 'boolean';
  return typeof value === 'string';
}

/**
 * A report's values and notes must name rows of its form that an officer fills in (not a computed
 * ratio), each value of its row's kind: a number for a count or money, true/false for yes/no, a text
 * for a date or a text (null: not answered). What the rules flag waits for "ready" (checkFormValues).
 */
export function checkValueKeys(document: Pick<ReportDocument, 'values' | 'valueNotes'>, definition: FormDefinition): void {
  // A Plan 94 report keeps its own fields: its push has nothing to look up here.
  if (document.values === undefined && document.valueNotes === undefined) return;
  const rows = filledRowsOf(definition);
  const issues = [];
  const values = document.values ?? {};
  for (const code of Object.keys(values)) {
    const value = values[code];
    const row = rows.get(code);
    if (!row) issues.push({ path: `values.${code}`, code: 'unknown_row', message: `The form has no row ${code} to fill in.` });
    else if (!hasRowKind(row, value)) issues.push({ path: `values.${code}`, code: 'wrong_kind', message: `Row ${code} takes a ${row.kind} value.` });
  }
  for (const code of Object.keys(document.valueNotes ?? {}))
    if (!rows.has(code)) issues.push({ path: `valueNotes.${code}`, code: 'unknown_row', message: `The form has no row ${code} to explain.` });
  if (issues.length > 0) throw validationFailed(issues, "The report's values do not fit its form.");
}
