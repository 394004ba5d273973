/**
 * Report forms in the store (migration 0020_report_forms), called by store.ts with its connection or a
 * transaction. A version is read with the name and path of the node that owns it, for reach checks.
 * A published version never changes: the only updates are of drafts (`where status = 'draft'`), and
 * one that finds the version published throws `FormPublishedError` instead of changing it.
 */
import type { FormStatus } from '../../domain/forms/definition';
import type { Updateable } from 'kysely';
import type { Queries, ReportFormsTable } from './schema';

export interface FormRecord {
  code: string;
  version: number;
  title: string;
  status: FormStatus;
  /** The FormDefinition as JSON; the service parses it. */
  definitionJson: string;
  nodeId: string;
  nodeName: string;
  nodePath: string;
  createdAt: string;
  createdBy: { staffId: string | null; username: string };
  published: { at: string; staffId: string | null; username: string } | null;
}

export type NewFormRecord = Pick<FormRecord, 'code' | 'version' | 'title' | 'definitionJson' | 'nodeId' | 'createdAt' | 'createdBy'>;
export type FormPublication = NonNullable<FormRecord['published']>;

/** A write that would change a published version; the service checks first, so this is a race or a bug. */
export class FormPublishedError extends Error {
  constructor(code: string, version: number) {
    super(`Form ${code} version ${version} is published and never changes.`);
    this.name = 'FormPublishedError';
  }
}

function selectForms(q: Queries) {
  return q
    .selectFrom('report_forms as f')
    .innerJoin('nodes as n', 'n.id', 'f.node_id')
    .select([
      'f.code',
      'f.version',
      'f.title',
      'f.status',
      'f.definition',
      'f.node_id',
      'n.name as node_name',
      'n.path as node_path',
      'f.created_at',
      'f.created_by_staff_id',
      'f.created_by_username',
      'f.published_at',
      'f.published_by_staff_id',
      'f.published_by_username',
    ]);
}
type FormRow = Awaited<ReturnType<ReturnType<typeof selectForms>['executeTakeFirstOrThrow']>>;

function toRecord(row: FormRow): FormRecord {
  return {
    code: row.code,
    version: Number(row.version),
    title: row.title,
    status: row.status as FormStatus,
    definitionJson: row.definition,
    nodeId: row.node_id,
    nodeName: row.node_name,
    nodePath: row.node_path,
    createdAt: row.created_at,
    createdBy: { staffId: row.created_by_staff_id, username: row.created_by_username },
    published:
      row.published_at === null || row.published_by_username === null
        ? null
        : { at: row.published_at, staffId: row.published_by_staff_id, username: row.published_by_username },
  };
}

export async function findForm(q: Queries, code: string, version: number): Promise<FormRecord | undefined> {
  const row = await selectForms(q).where('f.code', '=', code).where('f.version', '=', version).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Every version of a form, oldest first. */
export async function listFormVersions(q: Queries, code: string): Promise<FormRecord[]> {
  return (await selectForms(q).where('f.code', '=', code).orderBy('f.version').execute()).map(toRecord);
}

/** Every version of the forms owned by these nodes, by code then version. */
export async function listFormsOfNodes(q: Queries, nodeIds: readonly string[]): Promise<FormRecord[]> {
  if (nodeIds.length === 0) return [];
  return (await selectForms(q).where('f.node_id', 'in', nodeIds).orderBy('f.code').orderBy('f.version').execute()).map(toRecord);
}

/** A new draft; a (code, version) that exists already is a unique violation. */
export async function insertFormDraft(q: Queries, form: NewFormRecord): Promise<void> {
  await q
    .insertInto('report_forms')
    .values({
      code: form.code,
      version: form.version,
      title: form.title,
      status: 'draft',
      definition: form.definitionJson,
      node_id: form.nodeId,
      created_at: form.createdAt,
      created_by_staff_id: form.createdBy.staffId,
      created_by_username: form.createdBy.username,
      published_at: null,
      published_by_staff_id: null,
      published_by_username: null,
    })
    .execute();
}

/** Updates the version only while it is a draft; throws FormPublishedError (changing nothing) otherwise. */
async function updateDraft(
  q: Queries,
  code: string,
  version: number,
  change: Updateable<ReportFormsTable>,
): Promise<void> {
  const result = await q
    .updateTable('report_forms')
    .set(change)
    .where('code', '=', code)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new FormPublishedError(code, version);
}

/** The draft uploaded again: its content and who uploaded it are the new ones. */
export async function replaceFormDraft(q: Queries, form: NewFormRecord): Promise<void> {
  await updateDraft(q, form.code, form.version, {
    title: form.title,
    definition: form.definitionJson,
    created_at: form.createdAt,
    created_by_staff_id: form.createdBy.staffId,
    created_by_username: form.createdBy.username,
  });
}

/** The draft becomes published with its final definition (its JSON's status `published`); from now on it never changes. */
export async function publishForm(q: Queries, code: string, version: number, definitionJson: string, publication: FormPublication): Promise<void> {
  await updateDraft(q, code, version, {
    status: 'published',
    definition: definitionJson,
    published_at: publication.at,
    published_by_staff_id: publication.staffId,
    published_by_username: publication.username,
  });
}
