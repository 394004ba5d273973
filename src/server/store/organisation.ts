/**
 * The organisation tree in the store: upper-level nodes (with their materialised paths) and the CĐCS
 * under them. Called by store.ts with its connection or a transaction; the moves of a CĐCS from one
 * superior to another are ./moves.ts.
 */
import { sql } from 'kysely';
import type { NodeContents, GrassrootsUnion } from '../../domain/staff';
import type { OrgNode, Superior, UpperNodeKind } from '../../domain/organisation';
import type { NodesTable, Queries, StoreKind } from './schema';

/** A union as stored is exactly the union the staff API answers with. */
export type UnionRecord = GrassrootsUnion;

/** A union to insert: code, employer and sector may be left out (none, '' and ''). */
export type NewUnion = Pick<UnionRecord, 'id' | 'name' | 'createdAt' | 'superiorId'> & Partial<Pick<UnionRecord, 'code' | 'employer' | 'sector'>>;

/** What a union's own record may change (its superior moves only with setUnionSuperior). */
export type UnionChange = Partial<Pick<UnionRecord, 'name' | 'code' | 'employer' | 'sector'>>;

/** A node as stored: the API's node and its materialised path (`/<root id>/…/<own id>/`). */
export interface NodeRecord extends OrgNode {
  path: string;
}

export type NodeChange = Partial<Pick<NodeRecord, 'kind' | 'name' | 'shortName' | 'code'>>;

export function toUnion(row: {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  sector: string;
  created_at: string;
  superior_id: string | null;
}): UnionRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    employer: row.employer,
    sector: row.sector,
    superiorId: row.superior_id ?? '',
    createdAt: row.created_at,
  };
}

export function toNode(row: Omit<NodesTable, 'require_totp'>): NodeRecord {
  return {
    id: row.id,
    kind: row.kind as UpperNodeKind,
    name: row.name,
    shortName: row.short_name,
    code: row.code,
    parentId: row.parent_id,
    path: row.path,
    createdAt: row.created_at,
  };
}

// ---- unions ----

export async function findUnion(q: Queries, id: string): Promise<UnionRecord | undefined> {
  const row = await q.selectFrom('unions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnion(row);
}

export async function findUnionByCode(q: Queries, code: string): Promise<UnionRecord | undefined> {
  const row = await q.selectFrom('unions').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toUnion(row);
}

export async function listUnions(q: Queries): Promise<UnionRecord[]> {
  const rows = await q.selectFrom('unions').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toUnion);
}

export async function listUnionsUnder(q: Queries, nodeId: string): Promise<UnionRecord[]> {
  const rows = await q.selectFrom('unions').selectAll().where('superior_id', '=', nodeId).orderBy('name').orderBy('id').execute();
  return rows.map(toUnion);
}

export async function findSuperiorOfUnion(q: Queries, unionId: string): Promise<Superior | undefined> {
  const row = await q
    .selectFrom('unions as u')
    .innerJoin('nodes as n', 'n.id', 'u.superior_id')
    .select(['n.id', 'n.kind', 'n.name', 'n.short_name'])
    .where('u.id', '=', unionId)
    .executeTakeFirst();
  return row && { id: row.id, kind: row.kind as UpperNodeKind, name: row.name, shortName: row.short_name };
}

export async function insertUnion(q: Queries, union: NewUnion): Promise<void> {
  await q
    .insertInto('unions')
    .values({
      id: union.id,
      code: union.code ?? null,
      name: union.name,
      employer: union.employer ?? '',
      sector: union.sector ?? '',
      superior_id: union.superiorId,
      created_at: union.createdAt,
    })
    .execute();
}

export async function updateUnion(q: Queries, unionId: string, change: UnionChange): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await q.updateTable('unions').set(change).where('id', '=', unionId).execute();
}

export async function setUnionSuperior(q: Queries, unionId: string, superiorId: string): Promise<void> {
  await q.updateTable('unions').set({ superior_id: superiorId }).where('id', '=', unionId).execute();
}

// ---- nodes ----

export async function findNode(q: Queries, id: string): Promise<NodeRecord | undefined> {
  const row = await q.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toNode(row);
}

export async function findNodeByCode(q: Queries, code: string): Promise<NodeRecord | undefined> {
  const row = await q.selectFrom('nodes').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toNode(row);
}

export async function listNodes(q: Queries, ids: readonly string[]): Promise<NodeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await q.selectFrom('nodes').selectAll().where('id', 'in', ids).execute();
  return rows.map(toNode);
}

export async function listRootNodes(q: Queries): Promise<NodeRecord[]> {
  const rows = await q.selectFrom('nodes').selectAll().where('parent_id', 'is', null).orderBy('name').execute();
  return rows.map(toNode);
}

export async function listChildNodes(q: Queries, parent: NodeRecord): Promise<(NodeRecord & { unionCount: number })[]> {
  const rows = await q.selectFrom('nodes').selectAll().where('parent_id', '=', parent.id).orderBy('name').orderBy('id').execute();
  // One grouped count for all children: the child's id is the path segment right after the parent's.
  const counts = await sql<{ child_id: string; n: unknown }>`
    select substr(d.path, cast(${parent.path.length + 1} as integer), 36) as child_id, count(*) as n
    from unions u join nodes d on d.id = u.superior_id
    where d.path like ${`${parent.path}_%`}
    group by 1`.execute(q);
  const byChild = new Map(counts.rows.map((row) => [row.child_id, Number(row.n)]));
  return rows.map((row) => ({ ...toNode(row), unionCount: byChild.get(row.id) ?? 0 }));
}

export async function listSubtreeNodes(q: Queries, node: NodeRecord): Promise<NodeRecord[]> {
  const rows = await q.selectFrom('nodes').selectAll().where('path', 'like', `${node.path}%`).execute();
  return rows.map(toNode);
}

export async function nodeContents(q: Queries, id: string): Promise<NodeContents> {
  const count = async (table: 'nodes' | 'unions' | 'reports' | 'staff', column: 'parent_id' | 'superior_id' | 'node_id') => {
    const result = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(q);
    return Number(result.rows[0]?.n ?? 0);
  };
  return {
    childNodes: await count('nodes', 'parent_id'),
    unions: await count('unions', 'superior_id'),
    reports: await count('reports', 'superior_id'),
    staff: await count('staff', 'node_id'),
  };
}

export async function lockTree(q: Queries, kind: StoreKind): Promise<void> {
  // SQLite has one writer at a time already; PostgreSQL takes a transaction-scoped advisory lock.
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(7007)`.execute(q);
}

export async function insertNode(q: Queries, node: NodeRecord): Promise<void> {
  await q
    .insertInto('nodes')
    .values({
      id: node.id,
      kind: node.kind,
      name: node.name,
      short_name: node.shortName,
      code: node.code,
      parent_id: node.parentId,
      path: node.path,
      created_at: node.createdAt,
    })
    .execute();
}

export async function updateNode(q: Queries, id: string, change: NodeChange): Promise<void> {
  const set = {
    ...(change.kind !== undefined ? { kind: change.kind } : {}),
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.shortName !== undefined ? { short_name: change.shortName } : {}),
    ...(change.code !== undefined ? { code: change.code } : {}),
  };
  if (Object.keys(set).length > 0) await q.updateTable('nodes').set(set).where('id', '=', id).execute();
}

export async function reparentNode(q: Queries, id: string, parentId: string, oldPath: string, newPath: string): Promise<void> {
  await q.updateTable('nodes').set({ parent_id: parentId }).where('id', '=', id).execute();
  // Every path under the old one gets the new prefix; paths hold only ids and '/', so LIKE has no wildcard to fear.
  await q
    .updateTable('nodes')
    .set({ path: sql<string>`${newPath} || substr(path, cast(${oldPath.length + 1} as integer))` })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

export async function deleteNode(q: Queries, id: string): Promise<void> {
  await q.deleteFrom('nodes').where('id', '=', id).execute();
}
