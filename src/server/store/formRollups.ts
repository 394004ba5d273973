/**
 * A node's roll-up of one report form for a period (issue 22): its sums read from the running sums
 * (./reportValueSums.ts), the sheet of CĐCS from report_values (one row per answered numeric or yes/no
 * row of a counted report, ./reportValues.ts), never from the documents.
 *
 * Which reports count follows the period table (./overviews.ts `overviewTotals`): a report filed under
 * the node's subtree (`superior_id`, the superior it was sent to) that is ready, or that a reviewer
 * decided on (accepted, returned, an acceptance withdrawn): a returned report stays counted until the
 * CĐCS sends it again, as in the overviews. The sums are kept per node each report was filed
 * under (at most one row per node of the subtree and code); the service folds them into the node's
 * total and one column per direct child, as services/overview.ts does with the overview's totals.
 */
import { sql } from 'kysely';
import type { NodeRecord } from './organisation';
import type { Queries } from './schema';

/** The form and period a roll-up is of. */
export interface FormRollupQuery {
  formId: string;
  year: number;
  kind: string;
  /** The ratio rows of the form: their two rows are paired report by report (a ratio is never stored). */
  ratios: readonly { code: string; numerator: string; denominator: string }[];
}

/** The sums of one row over the counted reports filed under one node. */
export interface FormRollupSumsRecord {
  /** The node the reports were filed under. */
  nodeId: string;
  code: string;
  /**
   * For a stored row: the reports that gave it, Σ number, and over those with a positive weight (a
   * weighted mean's): their count, Σ number × weight, Σ weight. For a ratio row: the reports that gave
   * both rows with a positive denominator, Σ numerator (`total`) and Σ denominator (`weightTotal`).
   */
  ratio: boolean;
  count: number;
  total: number;
  weighted: number;
  weightedTotal: number;
  weightTotal: number;
}

/** How many CĐCS one node of the subtree owes the period's report of the form, and how many sent it. */
export interface FormRollupCountsRecord {
  nodeId: string;
  expected: number;
  reported: number;
}

/** A CĐCS of the roll-up: its counted report (filed under `nodeId`), or none (its current superior is `nodeId`). */
export interface FormRollupUnionRecord {
  unionId: string;
  name: string;
  code: string | null;
  nodeId: string;
  nodeName: string;
  reportId: string | null;
}

/** A value of a counted report, for the roll-up's sheet of CĐCS. */
export interface FormRollupValueRecord {
  reportId: string;
  code: string;
  number: number;
}

const counted = sql`(r.status = 'ready' or r.review_status is not null)`;

/** The counted reports of the form and period filed under the subtree (reports_filed covers it). */
function filedReports(node: NodeRecord, query: Pick<FormRollupQuery, 'formId' | 'year' | 'kind'>) {
  return sql`
    select r.id, r.union_id, r.superior_id from reports r
    where r.superior_id in (select id from nodes where path like ${`${node.path}%`})
      and r.year = ${query.year} and r.kind = ${query.kind} and r.form_id = ${query.formId} and ${counted}`;
}

const numberOrZero = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The running sums (./reportValueSums.ts, kept by each push) of every node of the subtree for the form
 * and period: at most one row per node and code, whatever the number of reports. A ratio row's sums
 * are its pairs' (Σ numerator in `total`, Σ denominator in `weight`).
 */
export function formRollupSumsQuery(node: NodeRecord, query: FormRollupQuery) {
  return sql<Record<string, unknown>>`
    select s.node_id, s.code, s.reports, s.total, s.weighted_reports, s.weighted, s.weight
    from report_value_sums s
    where s.node_id in (select id from nodes where path like ${`${node.path}%`})
      and s.form_id = ${query.formId} and s.year = ${query.year} and s.kind = ${query.kind}`;
}

export async function formRollupSums(q: Queries, node: NodeRecord, query: FormRollupQuery): Promise<FormRollupSumsRecord[]> {
  const ratios = new Set(query.ratios.map((ratio) => ratio.code));
  const result = await formRollupSumsQuery(node, query).execute(q);
  return result.rows.map((row) => {
    const ratio = ratios.has(String(row.code));
    return {
      nodeId: String(row.node_id),
      code: String(row.code),
      ratio,
      count: numberOrZero(row.reports),
      total: numberOrZero(row.total),
      weighted: ratio ? 0 : numberOrZero(row.weighted_reports),
      weightedTotal: ratio ? 0 : numberOrZero(row.weighted),
      weightTotal: numberOrZero(row.weight),
    };
  });
}

/**
 * The CĐCS of the roll-up: those whose counted report was filed under the subtree, and those whose
 * current superior is in it and that sent none anywhere (a CĐCS that moved after it reported is its
 * old superior's for this period, not missing at the new one).
 */
function rollupUnions(node: NodeRecord, query: Pick<FormRollupQuery, 'formId' | 'year' | 'kind'>) {
  return sql`
    select f.union_id, f.superior_id as node_id, f.id as report_id from (${filedReports(node, query)}) f
    union all
    select u.id, u.superior_id, null from unions u
    where u.superior_id in (select id from nodes where path like ${`${node.path}%`})
      and not exists (
        select 1 from reports r
        where r.union_id = u.id and r.year = ${query.year} and r.kind = ${query.kind} and r.form_id = ${query.formId}
          and r.superior_id is not null and ${counted})`;
}

/** Expected and reported CĐCS per node of the subtree (nodes with none are left out). */
export async function formRollupCounts(q: Queries, node: NodeRecord, query: Pick<FormRollupQuery, 'formId' | 'year' | 'kind'>): Promise<FormRollupCountsRecord[]> {
  const result = await sql<Record<string, unknown>>`
    select l.node_id, count(*) as expected, sum(case when l.report_id is null then 0 else 1 end) as reported
    from (${rollupUnions(node, query)}) l
    group by l.node_id`.execute(q);
  return result.rows.map((row) => ({ nodeId: String(row.node_id), expected: numberOrZero(row.expected), reported: numberOrZero(row.reported) }));
}

/** Every CĐCS of the roll-up with the node it is counted under (unordered: the service sorts by name). */
export async function formRollupUnions(q: Queries, node: NodeRecord, query: Pick<FormRollupQuery, 'formId' | 'year' | 'kind'>): Promise<FormRollupUnionRecord[]> {
  const result = await sql<{ union_id: string; name: string; code: string | null; node_id: string; node_name: string; report_id: string | null }>`
    select l.union_id, u.name, u.code, l.node_id, n.name as node_name, l.report_id
    from (${rollupUnions(node, query)}) l
    join unions u on u.id = l.union_id
    join nodes n on n.id = l.node_id`.execute(q);
  return result.rows.map((row) => ({
    unionId: row.union_id,
    name: row.name,
    code: row.code,
    nodeId: row.node_id,
    nodeName: row.node_name,
    reportId: row.report_id,
  }));
}

/** The stored values of every counted report of the roll-up (for the sheet of CĐCS). */
export async function formRollupValues(q: Queries, node: NodeRecord, query: Pick<FormRollupQuery, 'formId' | 'year' | 'kind'>): Promise<FormRollupValueRecord[]> {
  const result = await sql<{ report_id: string; code: string; number: unknown }>`
    select v.report_id, v.code, v.number
    from (${filedReports(node, query)}) f
    join report_values v on v.report_id = f.id`.execute(q);
  return result.rows.map((row) => ({ reportId: row.report_id, code: row.code, number: Number(row.number) }));
}
