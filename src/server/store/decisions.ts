/**
 * What the superior's review reads and writes in the store, kept apart from store.ts's other queries,
 * which call these with their own connection or transaction: the revisions with whether each was a
 * send, and the decisions with the node each was made at (who may withdraw an acceptance).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ReviewDecisionEntry, RevisionSummary } from '../../domain/staff';
import type { DecisionStatus } from '../../domain/sync';
import type { Queries } from './schema';

/**
 * A report's kept revisions, oldest first, each with its document's status. Documents are stored as
 * canonical JSON and only the top level has a `status` key (a quote inside a text field is escaped),
 * so the pattern reads the report's own status without parsing every document (as thinDraftRevision).
 */
export async function listRevisions(q: Queries, reportId: string): Promise<RevisionSummary[]> {
  const rows = await q
    .selectFrom('report_revisions as r')
    .leftJoin('devices as d', 'd.id', 'r.device_id')
    .select(['r.revision', 'r.device_id', 'd.name', 'r.saved_at'])
    .select(sql<number>`case when r.document like ${sql.lit('%"status":"ready"%')} then 1 else 0 end`.as('ready'))
    .where('r.report_id', '=', reportId)
    .orderBy('r.revision')
    .execute();
  return rows.map((row) => ({
    revision: Number(row.revision),
    status: Number(row.ready) === 1 ? 'ready' : 'draft',
    deviceId: row.device_id,
    deviceName: row.name,
    savedAt: row.saved_at,
  }));
}

/** Every review decision on a report, oldest first. */
export async function listReviewDecisions(q: Queries, reportId: string): Promise<ReviewDecisionEntry[]> {
  const rows = await q
    .selectFrom('review_decisions')
    .select(['revision', 'status', 'comment', 'decided_at', 'staff_id', 'staff_username', 'node_id', 'node_name'])
    .where('report_id', '=', reportId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return rows.map(
    (row): ReviewDecisionEntry => ({
      status: row.status as DecisionStatus,
      comment: row.comment,
      decidedAt: row.decided_at,
      revision: row.revision === null ? null : String(row.revision),
      decidedBy: row.staff_username === null ? null : { id: row.staff_id, username: row.staff_username },
      node: row.node_id === null || row.node_name === null ? null : { id: row.node_id, name: row.node_name },
    }),
  );
}

/** Keeps one decision in the report's history, with the node that made it as named now (`decision.node`; null for the command line). */
export async function insertDecision(q: Queries, reportId: string, decision: ReviewDecisionEntry): Promise<void> {
  await q
    .insertInto('review_decisions')
    .values({
      id: randomUUID(),
      report_id: reportId,
      revision: decision.revision === null ? null : Number(decision.revision),
      status: decision.status,
      comment: decision.comment,
      decided_at: decision.decidedAt,
      staff_id: decision.decidedBy?.id ?? null,
      staff_username: decision.decidedBy?.username ?? null,
      node_id: decision.node?.id ?? null,
      node_name: decision.node?.name ?? null,
    })
    .execute();
}

/**
 * The path of the node whose staff made the report's last acceptance, or null when the history does
 * not say (the command line's, or one kept before decisions named their node) or has no acceptance.
 */
export async function findAcceptanceNodePath(q: Queries, reportId: string): Promise<string | null> {
  const row = await q
    .selectFrom('review_decisions as v')
    .leftJoin('nodes as n', 'n.id', 'v.node_id')
    .select('n.path')
    .where('v.report_id', '=', reportId)
    .where('v.status', '=', 'accepted')
    .orderBy('v.decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.path ?? null;
}
