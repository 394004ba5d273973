/**
 * Report forms on the server (issue 22, docs/forms.md): an admin of a node uploads a form written as
 * a spreadsheet; every problem comes back named by sheet, row and column in Vietnamese (422
 * `form_invalid`), or the form is kept as a draft of the node. Publishing makes the draft a version
 * that never changes; the next version is uploaded with the next `phien_ban`. Staff read the forms
 * that apply to a node (the built-in ones, and those of the node and the nodes above it) and download
 * a published one as the same spreadsheet, to start its next version.
 *
 * Reach: a form is its node's. Its drafts are seen by the staff whose subtree holds that node; once
 * published, also by the staff of every node below it (whose CĐCS it is for). Anything else is 404,
 * as a form that does not exist.
 *
 * The built-in forms (Plan 94, Mẫu 1-HĐCĐ) are listed from src/domain/forms/builtin, not stored:
 * they ship with the code that draws their blocks, change only with a release, belong to no node,
 * and a row would be a second copy to keep equal to the code.
 */
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { type FormSummary, type FormVersion, formFileName } from '../../domain/forms/catalogue';
import { MAU_1_HDCD_FORM } from '../../domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../domain/forms/builtin/plan94';
import { FORM_ID, type FormDefinition, formDefinitionSchema, publish } from '../../domain/forms/definition';
import { formFromSheets, formToSheets, SETTINGS_SHEET, type SheetCell, type SheetProblem } from '../../domain/forms/spreadsheet';
import { isUniqueViolation } from '../store/errors';
import type { FormRecord, NodeRecord, StoreReads } from '../store/store';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { nodeInReach, noSuch, reaches, requireRole, type StaffActor } from './actors';

export const BUILTIN_FORMS: readonly FormDefinition[] = [PLAN94_FORM, MAU_1_HDCD_FORM];

/** A form version as the service works with it: the stored record (none for a built-in one) and its definition. */
interface FoundForm {
  record: FormRecord | null;
  definition: FormDefinition;
}

function builtinSummary(definition: FormDefinition): FormSummary {
  return {
    code: definition.id,
    version: definition.version,
    title: definition.title,
    basis: definition.basis ?? null,
    status: 'published',
    builtin: true,
    node: null,
    createdAt: null,
    createdBy: null,
    publishedAt: null,
    publishedBy: null,
  };
}

function storedSummary(record: FormRecord, definition: FormDefinition): FormSummary {
  return {
    code: record.code,
    version: record.version,
    title: record.title,
    basis: definition.basis ?? null,
    status: record.status,
    builtin: false,
    node: { id: record.nodeId, name: record.nodeName },
    createdAt: record.createdAt,
    createdBy: record.createdBy.username,
    publishedAt: record.published?.at ?? null,
    publishedBy: record.published?.username ?? null,
  };
}

function summaryOf(found: FoundForm): FormSummary {
  return found.record ? storedSummary(found.record, found.definition) : builtinSummary(found.definition);
}

function parseDefinition(record: FormRecord): FormDefinition {
  return formDefinitionSchema.parse(JSON.parse(record.definitionJson));
}

/** Drafts are their node's subtree's; a published form also applies to every node below its own. */
function mayRead(actor: StaffActor, record: FormRecord): boolean {
  return reaches(actor, record.nodePath) || (record.status === 'published' && actor.nodePath.startsWith(record.nodePath));
}

/** The version named by a path's `:code` and `:version`, as the actor may read it; 404 otherwise. */
async function formInReach(store: StoreReads, actor: StaffActor, code: unknown, version: unknown): Promise<FoundForm> {
  const number = typeof version === 'string' && /^[1-9]\d{0,4}$/.test(version) ? Number(version) : null;
  if (typeof code !== 'string' || !FORM_ID.test(code) || number === null) throw noSuch('form');
  const builtin = BUILTIN_FORMS.find((form) => form.id === code && form.version === number);
  if (builtin) return { record: null, definition: builtin };
  const record = await store.findForm(code, number);
  if (!record || !mayRead(actor, record)) throw noSuch('form');
  return { record, definition: parseDefinition(record) };
}

/** The node ids of a materialised path `/<root>/…/<node>/`, root first. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** `GET /api/staff/forms?node=`: the built-in forms, then every version of the forms of the node and the nodes above it. */
export async function listForms(context: ServiceContext, actor: StaffActor, nodeId: unknown): Promise<FormSummary[]> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const records = (await context.store.listFormsOfNodes(pathIds(node.path))).filter((record) => mayRead(actor, record));
  return [...BUILTIN_FORMS.map(builtinSummary), ...records.map((record) => storedSummary(record, parseDefinition(record)))];
}

/** `GET /api/staff/forms/:code/:version`: one version with its definition. */
export async function getForm(context: ServiceContext, actor: StaffActor, code: unknown, version: unknown): Promise<FormVersion> {
  const found = await formInReach(context.store, actor, code, version);
  return { form: summaryOf(found), definition: found.definition };
}

// ---- the spreadsheet ----

/** An .xlsx file is a zip archive: its first bytes say so before the reader is asked. */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function notASpreadsheet(): ApiFailure {
  return new ApiFailure(422, 'not_a_spreadsheet', 'The body is not an .xlsx spreadsheet; save the form as an Excel workbook (.xlsx) and upload that.');
}

/** Every sheet of the file by its name, as rows of cell values (read-excel-file). */
export async function readFormWorkbook(file: Buffer): Promise<Record<string, SheetCell[][]>> {
  if (!file.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) throw notASpreadsheet();
  const sheets = await readXlsxFile(file).catch(() => {
    throw notASpreadsheet();
  });
  return Object.fromEntries(sheets.map(({ sheet, data }) => [sheet, data as SheetCell[][]]));
}

/** The definition as the .xlsx file that uploads back to it (write-excel-file). */
export async function writeFormWorkbook(definition: FormDefinition): Promise<Buffer> {
  const sheets = Object.entries(formToSheets(definition)).map(([sheet, rows]) => ({
    sheet,
    data: rows.map((row) => row.map((value) => (value == null ? null : { value }))),
  }));
  return writeXlsxFile(sheets).toBuffer();
}

function formInvalid(problems: SheetProblem[]): ApiFailure {
  return new ApiFailure(422, 'form_invalid', `The spreadsheet has ${problems.length} problem(s); each is named by sheet, row and column.`, problems);
}

const settingsProblem = (column: string, message: string): SheetProblem => ({ sheet: SETTINGS_SHEET, row: 2, column, message });

/**
 * What the form's code and version may be at this node: not a built-in form's, not another node's
 * form, and the version after the last published one (a draft of that version is replaced).
 */
function versionProblems(definition: FormDefinition, node: NodeRecord, versions: readonly FormRecord[]): SheetProblem[] {
  if (BUILTIN_FORMS.some((form) => form.id === definition.id))
    return [settingsProblem('ma_bieu_mau', `“${definition.id}” là mã của một biểu mẫu dựng sẵn; chọn mã khác.`)];
  if (versions.some((record) => record.nodeId !== node.id))
    return [settingsProblem('ma_bieu_mau', `mã “${definition.id}” đã dùng cho biểu mẫu của một đơn vị khác; chọn mã khác.`)];
  const lastPublished = Math.max(0, ...versions.filter((record) => record.status === 'published').map((record) => record.version));
  const next = lastPublished + 1;
  if (definition.version === next) return [];
  const why = definition.version <= lastPublished ? `phiên bản ${definition.version} đã ban hành và không thay đổi được` : `phiên bản ${lastPublished} là phiên bản ban hành gần nhất`;
  return [settingsProblem('phien_ban', `${why}; phiên bản mới của biểu mẫu này phải là ${next}.`)];
}

/**
 * `POST /api/staff/nodes/:id/forms` (the .xlsx as the body), `admin import-form`: the form becomes a
 * draft of the node (admin), replacing the draft of the same version, or every problem is a 422.
 */
export async function importForm(context: ServiceContext, actor: StaffActor, nodeId: unknown, file: Buffer): Promise<FormVersion> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'upload report forms');
  const read = formFromSheets(await readFormWorkbook(file));
  if (!read.ok) throw formInvalid(read.problems);
  const definition = read.definition;
  const draft = {
    code: definition.id,
    version: definition.version,
    title: definition.title,
    definitionJson: JSON.stringify(definition),
    nodeId: node.id,
    createdAt: isoNow(context),
    createdBy: { staffId: actor.staffId, username: actor.username },
  };
  await context.store
    .write(async (tx) => {
      const versions = await tx.listFormVersions(definition.id);
      const problems = versionProblems(definition, node, versions);
      if (problems.length > 0) throw formInvalid(problems);
      const existing = versions.find((record) => record.version === definition.version);
      if (existing) await tx.replaceFormDraft(draft);
      else await tx.insertFormDraft(draft);
      await recordAudit(tx, context, actor, {
        action: 'form.imported',
        node: { id: node.id, path: node.path },
        target: { kind: 'form', id: `${definition.id}/${definition.version}` },
        after: { code: definition.id, version: definition.version, title: definition.title, replacedDraft: Boolean(existing) },
      });
    })
    .catch((error: unknown) => {
      // Two uploads of the same new version at once: the second finds it taken.
      throw isUniqueViolation(error) ? formInvalid([settingsProblem('phien_ban', `phiên bản ${definition.version} vừa được tải lên; tải lại danh sách rồi thử lại.`)]) : error;
    });
  return getForm(context, actor, definition.id, String(definition.version));
}

/** `POST /api/staff/forms/:code/:version/publish`, `admin import-form --publish`: the draft becomes a version that never changes (admin of its node or above). */
export async function publishForm(context: ServiceContext, actor: StaffActor, code: unknown, version: unknown): Promise<FormVersion> {
  const found = await formInReach(context.store, actor, code, version);
  const record = found.record;
  // A published form applies below its node, but only its node's subtree may act on it.
  if (record && !reaches(actor, record.nodePath)) throw noSuch('form');
  requireRole(actor, 'admin', 'publish report forms');
  if (!record || record.status === 'published') throw new ApiFailure(409, 'form_published', 'This version of the form is published and never changes; upload the next version.');
  const published = publish(found.definition);
  await context.store.write(async (tx) => {
    await tx.publishForm(record.code, record.version, JSON.stringify(published), { at: isoNow(context), staffId: actor.staffId, username: actor.username });
    await recordAudit(tx, context, actor, {
      action: 'form.published',
      node: { id: record.nodeId, path: record.nodePath },
      target: { kind: 'form', id: `${record.code}/${record.version}` },
      before: { status: 'draft' },
      after: { code: record.code, version: record.version, title: record.title, status: 'published' },
    });
  });
  return getForm(context, actor, record.code, String(record.version));
}

/** `GET /api/staff/forms/:code/:version.xlsx`, `admin export-form`: a published or built-in form as its spreadsheet. */
export async function exportForm(context: ServiceContext, actor: StaffActor, code: unknown, version: unknown): Promise<{ fileName: string; file: Buffer }> {
  const found = await formInReach(context.store, actor, code, version);
  if (found.record && found.record.status !== 'published')
    throw new ApiFailure(409, 'form_not_published', 'Only a published form is downloaded; publish the draft first, or upload its spreadsheet again.');
  return { fileName: formFileName(found.definition.id, found.definition.version), file: await writeFormWorkbook(found.definition) };
}
