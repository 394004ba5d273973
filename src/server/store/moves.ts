/** The moves of a CĐCS from one superior to another, kept with the names as they were at the move. */
import type { UnionMove } from '../../domain/staff';
import type { Queries } from './schema';

export async function listUnionMoves(q: Queries, unionId: string): Promise<UnionMove[]> {
  const rows = await q.selectFrom('union_moves').selectAll().where('union_id', '=', unionId).orderBy('moved_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    unionId: row.union_id,
    from: row.from_node_id === null ? null : { id: row.from_node_id, name: row.from_name ?? '' },
    to: { id: row.to_node_id, name: row.to_name },
    effectiveDate: row.effective_date,
    movedAt: row.moved_at,
    movedBy: row.moved_by_staff_id === null ? null : { id: row.moved_by_staff_id, username: row.moved_by_username ?? '' },
  }));
}

export async function insertUnionMove(q: Queries, move: UnionMove): Promise<void> {
  await q
    .insertInto('union_moves')
    .values({
      id: move.id,
      union_id: move.unionId,
      from_node_id: move.from?.id ?? null,
      from_name: move.from?.name ?? null,
      to_node_id: move.to.id,
      to_name: move.to.name,
      effective_date: move.effectiveDate,
      moved_at: move.movedAt,
      moved_by_staff_id: move.movedBy?.id ?? null,
      moved_by_username: move.movedBy?.username ?? null,
    })
    .execute();
}
