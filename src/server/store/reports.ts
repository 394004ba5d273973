/**
 * Reports and their revisions' documents. A report's row also holds the figures the overviews sum
 * (./figures.ts), taken out of its document on every write. What a push reads and writes runs as
 * prepared statements (./push.ts); the list of revisions and the review decisions are in ./decisions.ts.
 */
import { PLAN94_FORM_REF, reportFormRef } from '../../domain/forms/reportForm';
import type { ReportDocument } from '../../domain/report';
import { type DialogueKindColumn, dialogueKindFigures, type ReportFigures, reportFigures } from './figures';
import { type NodeRecord, toNode } from './organisation';
import type { Queries, ReportsTable } from './schema';

export interface ReportRecord {
  id: string;
  unionId: string;
  year: number;
  kind: string;
  revision: number;
  documentJson: string;
  reviewJson: string | null;
  savedAt: string;
  createdAt: string;
  changeSeq: number;
  /** The superior the report was filed under (first marked ready); null for a draft never sent. */
  superiorId: string | null;
}

/** A report's columns but its document (the push reads no more). */
export function toReportHead(row: Omit<ReportsTable, 'document' | 'form_id' | 'form_version' | keyof ReportFigures | DialogueKindColumn>): Omit<ReportRecord, 'documentJson'> {
  return {
    id: row.id,
    unionId: row.union_id,
    year: Number(row.year),
    kind: row.kind,
    revision: Number(row.revision),
    reviewJson: row.review,
    savedAt: row.saved_at,
    createdAt: row.created_at,
    changeSeq: Number(row.change_seq),
    superiorId: row.superior_id,
  };
}

export function toReport(row: ReportsTable): ReportRecord {
  return { ...toReportHead(row), documentJson: row.document };
}

/** The row for a report, with the figures the overviews sum taken out of its document and review. */
export function fromReport(report: ReportRecord, document: object = JSON.parse(report.documentJson) as object): ReportsTable {
  return {
    ...reportFigures(document, report.reviewJson),
    ...dialogueKindFigures(document),
    id: report.id,
    union_id: report.unionId,
    year: report.year,
    kind: report.kind,
    form_id: reportFormRef(document as Pick<ReportDocument, 'form'>).id,
    form_version: reportFormRef(document as Pick<ReportDocument, 'form'>).version,
    revision: report.revision,
    document: report.documentJson,
    review: report.reviewJson,
    saved_at: report.savedAt,
    created_at: report.createdAt,
    change_seq: report.changeSeq,
    superior_id: report.superiorId,
  };
}

export async function findReportWithOwner(q: Queries, id: string): Promise<{ report: ReportRecord; owner: NodeRecord } | undefined> {
  const row = await q
    .selectFrom('reports as r')
    .innerJoin('unions as u', 'u.id', 'r.union_id')
    .innerJoin('nodes as n', (join) => join.on((eb) => eb('n.id', '=', eb.fn.coalesce('r.superior_id', 'u.superior_id'))))
    .selectAll('r')
    .select(['n.id as n_id', 'n.kind as n_kind', 'n.name as n_name', 'n.short_name as n_short_name', 'n.code as n_code', 'n.parent_id as n_parent_id', 'n.path as n_path', 'n.created_at as n_created_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    report: toReport(row),
    owner: toNode({
      id: row.n_id,
      kind: row.n_kind,
      name: row.n_name,
      short_name: row.n_short_name,
      code: row.n_code,
      parent_id: row.n_parent_id,
      path: row.n_path,
      created_at: row.n_created_at,
    }),
  };
}

/** The union's report of the period that answers the form `formId` (Plan 94 when not named). */
export async function findReportByPeriod(q: Queries, unionId: string, year: number, kind: string, formId: string = PLAN94_FORM_REF.id): Promise<ReportRecord | undefined> {
  const row = await q
    .selectFrom('reports')
    .selectAll()
    .where('union_id', '=', unionId)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where('form_id', '=', formId)
    .executeTakeFirst();
  return row && toReport(row);
}

export async function listReportsForPeriod(q: Queries, year: number, kind: string): Promise<ReportRecord[]> {
  const rows = await q.selectFrom('reports').selectAll().where('year', '=', year).where('kind', '=', kind).execute();
  return rows.map(toReport);
}

export async function listChanges(q: Queries, unionId: string, afterSeq: number, limit: number): Promise<ReportRecord[]> {
  const rows = await q
    .selectFrom('reports')
    .selectAll()
    .where('union_id', '=', unionId)
    .where('change_seq', '>', afterSeq)
    .orderBy('change_seq')
    .limit(limit)
    .execute();
  return rows.map(toReport);
}

export async function insertReport(q: Queries, report: ReportRecord): Promise<void> {
  await q.insertInto('reports').values(fromReport(report)).execute();
}

// ---- revisions ----

export async function findRevisionDocument(q: Queries, reportId: string, revision: number): Promise<string | undefined> {
  const row = await q
    .selectFrom('report_revisions')
    .select('document')
    .where('report_id', '=', reportId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row?.document;
}
