/**
 * Reporting rounds in the store, called by store.ts with its connection or a transaction. A round is
 * read with the name of the node that opened it and its reopenings, as `NodeRound` (src/domain/round.ts)
 * plus the node's path for reach checks.
 */
import { roundFormRef, type FormRef } from '../../domain/forms/reportForm';
import type { PeriodKind } from '../../domain/period';
import type { NodeRound } from '../../domain/round';
import type { Queries, ReportingRoundsTable } from './schema';

export interface RoundRecord extends NodeRound {
  /** The materialised path of the node that opened it (NodesTable.path). */
  nodePath: string;
}

export interface NewRoundRecord {
  id: string;
  nodeId: string;
  period: { year: number; kind: PeriodKind };
  /** The form the round asks for; absent: Plan 94. */
  form?: FormRef;
  title: string;
  plan: string;
  activities: { from: string; to: string };
  deadline: string;
  openedAt: string;
  openedByStaffId: string | null;
}

async function withReopenings(q: Queries, rows: RoundRow[]): Promise<RoundRecord[]> {
  if (rows.length === 0) return [];
  const reopenings = await q
    .selectFrom('round_reopenings')
    .selectAll()
    .where(
      'round_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('reopened_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    period: { year: row.year, kind: row.kind as PeriodKind },
    form: { id: row.form_id, version: Number(row.form_version) },
    title: row.title,
    plan: row.plan,
    activities: { from: row.activities_from, to: row.activities_to },
    deadline: row.deadline,
    openedBy: { nodeId: row.node_id, name: row.node_name },
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    reopenings: reopenings
      .filter((r) => r.round_id === row.id)
      .map((r) => ({ unionId: r.union_id, reopenedAt: r.reopened_at, deadline: r.deadline })),
    nodePath: row.node_path,
  }));
}

interface RoundRow extends ReportingRoundsTable {
  node_name: string;
  node_path: string;
}

/** Rounds with the name and path of the node that opened each. */
function roundsWithNode(q: Queries) {
  return q
    .selectFrom('reporting_rounds')
    .innerJoin('nodes', 'nodes.id', 'reporting_rounds.node_id')
    .selectAll('reporting_rounds')
    .select(['nodes.name as node_name', 'nodes.path as node_path']);
}

export async function findRound(q: Queries, id: string): Promise<RoundRecord | undefined> {
  const rows = await roundsWithNode(q).where('reporting_rounds.id', '=', id).execute();
  return (await withReopenings(q, rows))[0];
}

/** The rounds opened on any of these nodes, newest period first; optionally of one period only. */
export async function listRoundsOfNodes(q: Queries, nodeIds: readonly string[], period?: { year: number; kind: string }): Promise<RoundRecord[]> {
  if (nodeIds.length === 0) return [];
  let query = roundsWithNode(q).where('reporting_rounds.node_id', 'in', [...nodeIds]);
  if (period) query = query.where('reporting_rounds.year', '=', period.year).where('reporting_rounds.kind', '=', period.kind);
  const rows = await query
    .orderBy('reporting_rounds.year', 'desc')
    .orderBy('reporting_rounds.kind')
    .orderBy('reporting_rounds.form_id')
    .orderBy('reporting_rounds.id')
    .execute();
  return withReopenings(q, rows);
}

export async function insertRound(q: Queries, round: NewRoundRecord): Promise<void> {
  await q
    .insertInto('reporting_rounds')
    .values({
      id: round.id,
      node_id: round.nodeId,
      year: round.period.year,
      kind: round.period.kind,
      form_id: roundFormRef(round).id,
      form_version: roundFormRef(round).version,
      title: round.title,
      plan: round.plan,
      activities_from: round.activities.from,
      activities_to: round.activities.to,
      deadline: round.deadline,
      opened_at: round.openedAt,
      opened_by_staff_id: round.openedByStaffId,
      closed_at: null,
    })
    .execute();
}

/** Closes for everyone (`at`), or opens again for everyone (null); reopenings for one union go with either. */
export async function setRoundClosed(q: Queries, id: string, at: string | null): Promise<void> {
  await q.updateTable('reporting_rounds').set({ closed_at: at }).where('id', '=', id).execute();
  await q.deleteFrom('round_reopenings').where('round_id', '=', id).execute();
}

export async function putReopening(q: Queries, roundId: string, unionId: string, at: string, deadline: string | null): Promise<void> {
  await q.deleteFrom('round_reopenings').where('round_id', '=', roundId).where('union_id', '=', unionId).execute();
  await q.insertInto('round_reopenings').values({ round_id: roundId, union_id: unionId, reopened_at: at, deadline }).execute();
}

export async function deleteReopening(q: Queries, roundId: string, unionId: string): Promise<boolean> {
  const result = await q.deleteFrom('round_reopenings').where('round_id', '=', roundId).where('union_id', '=', unionId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One change of a round, as its history keeps it (oldest first). */
export interface RoundChangeRecord {
  changedAt: string;
  changedByStaffId: string | null;
  field: 'deadline';
  from: string | null;
  to: string | null;
}

/** Moves the round's deadline and keeps the change in its history, in the caller's transaction. */
export async function setDeadline(q: Queries, id: string, deadline: string, change: Pick<RoundChangeRecord, 'changedAt' | 'changedByStaffId'>): Promise<void> {
  const before = await q.selectFrom('reporting_rounds').select('deadline').where('id', '=', id).executeTakeFirst();
  if (!before || before.deadline === deadline) return;
  await q.updateTable('reporting_rounds').set({ deadline }).where('id', '=', id).execute();
  await q
    .insertInto('round_changes')
    .values({ round_id: id, changed_at: change.changedAt, changed_by_staff_id: change.changedByStaffId, field: 'deadline', from_value: before.deadline, to_value: deadline })
    .execute();
}

export async function listChanges(q: Queries, roundId: string): Promise<RoundChangeRecord[]> {
  const rows = await q.selectFrom('round_changes').selectAll().where('round_id', '=', roundId).orderBy('changed_at').execute();
  return rows.map((row) => ({
    changedAt: row.changed_at,
    changedByStaffId: row.changed_by_staff_id,
    field: row.field as 'deadline',
    from: row.from_value,
    to: row.to_value,
  }));
}
