/**
 * The report forms this phone can fill offline (issue 22): the built-in ones from the code, the others
 * as the change feed brought them (`forms` table, by id and version). A published version never
 * changes, so a definition once stored is simply replaced by the same one on the next pull.
 */
import type { FormRef } from '../../domain/forms/formRef';
import type { FormDefinition } from '../../domain/forms/definition';
import type { LocalStore } from './database';
import { withStorageErrors } from './errors';

/** The built-in forms load with the first screen that draws a form, not with the app's start (bundle budget). */
function builtinForms() {
  return import('../../domain/forms/reportForm');
}

export class FormRepository {
  constructor(private readonly store: LocalStore) {}

  /** The definition of `ref`: built in, or stored; null when this phone has never received it. */
  async get(ref: FormRef): Promise<FormDefinition | null> {
    const builtin = (await builtinForms()).builtinForm(ref);
    if (builtin) return builtin;
    return withStorageErrors(async () => (await this.store.db.forms.get([ref.id, ref.version])) ?? null);
  }

  /** Keeps the definitions that do not ship with the code; built-in ones are skipped. */
  async put(definitions: readonly FormDefinition[]): Promise<void> {
    const { isBuiltinFormId } = await builtinForms();
    const stored = definitions.filter((definition) => !isBuiltinFormId(definition.id));
    if (stored.length === 0) return;
    return withStorageErrors(async () => {
      await this.store.db.forms.bulkPut(stored);
    });
  }

  /** Every stored (non-built-in) definition, for the backup. */
  listStored(): Promise<FormDefinition[]> {
    return withStorageErrors(() => this.store.db.forms.toArray());
  }
}
