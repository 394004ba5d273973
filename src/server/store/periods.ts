/**
 * Which periods a node's reports were sent for: the latest one (the staff screens' default when no
 * round is open), and the reports sent for a neighbouring period (the overview's "sent for another
 * year" note). Kept apart from store.ts's other queries, which call these with their own connection
 * or transaction. "Sent" is what the overview counts as reported: marked ready, or decided on.
 */
import { sql } from 'kysely';
import { PLAN94_FORM_REF } from '../../domain/forms/reportForm';
import type { PeriodKind, ReportPeriod } from '../../domain/period';
import type { OverviewScope } from '../../domain/staff';
import type { NodesTable, Queries } from './schema';

/** The reports filed under a node (`direct`) or anywhere in its subtree. */
function filedUnder(node: Pick<NodesTable, 'id' | 'path'>, scope: OverviewScope) {
  return scope === 'direct' ? sql`(${node.id})` : sql`(select id from nodes where path like ${`${node.path}%`})`;
}

const SENT = sql`(r.status = 'ready' or r.review_status is not null)`;

/**
 * The latest period with a report sent under a node's subtree: the greatest year, and of its kinds
 * the one sent to most recently. Null when nothing was sent there yet.
 */
export async function latestSentPeriod(q: Queries, node: Pick<NodesTable, 'id' | 'path'>): Promise<ReportPeriod | null> {
  const result = await sql<{ year: unknown; kind: string }>`
    select r.year, r.kind, max(r.saved_at) as last_sent
    from reports r
    where r.superior_id in ${filedUnder(node, 'subtree')} and ${SENT}
    group by r.year, r.kind
    order by r.year desc, last_sent desc, r.kind
    limit 1`.execute(q);
  const row = result.rows[0];
  return row ? { year: Number(row.year), kind: row.kind as PeriodKind } : null;
}

export interface SentReportOfPeriod {
  unionId: string;
  period: ReportPeriod;
}

/**
 * Reports sent under a node (its own, or its subtree's) for a period of the years around `period`
 * (one before to one after) other than `period` itself, last saved at or after `since` (ISO), of the form `formId`.
 */
export async function sentNearPeriod(
  q: Queries,
  node: Pick<NodesTable, 'id' | 'path'>,
  scope: OverviewScope,
  period: ReportPeriod,
  since: string,
  formId: string = PLAN94_FORM_REF.id,
): Promise<SentReportOfPeriod[]> {
  const result = await sql<{ union_id: string; year: unknown; kind: string }>`
    select r.union_id, r.year, r.kind
    from reports r
    where r.superior_id in ${filedUnder(node, scope)} and ${SENT} and r.form_id = ${formId}
      and r.year between ${period.year - 1} and ${period.year + 1}
      and not (r.year = ${period.year} and r.kind = ${period.kind})
      and r.saved_at >= ${since}`.execute(q);
  return result.rows.map((row) => ({ unionId: row.union_id, period: { year: Number(row.year), kind: row.kind as PeriodKind } }));
}
