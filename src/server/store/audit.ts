/**
 * The audit log in the store (src/domain/audit.ts): entries are inserted in the transaction of the
 * change they record and read newest first, one subtree at a time (a prefix of `node_path`).
 */
import type { AuditAction, AuditEntry } from '../../domain/audit';
import type { ExpressionBuilder } from 'kysely';
import type { AuditLogTable, Database, Queries } from './schema';

/** What a service writes; the store adds nothing but the row. */
export interface NewAuditEntry extends Omit<AuditEntry, 'nodeId'> {
  nodeId: string | null;
  /** The path of `nodeId` now ('/' when the change is above every node). */
  nodePath: string;
}

export interface AuditFilter {
  /** Only entries under this path (the reader's own node's path). */
  underPath: string;
  /** Also the entries placed above every node (path '/'): for the admins of a root. */
  includeUnplaced?: boolean;
  actorStaffId?: string;
  unionId?: string;
  actions?: readonly AuditAction[];
  /** ISO instants, `from` included, `to` excluded. */
  from?: string;
  to?: string;
  /** Keyset paging: entries strictly older than this (at, id). */
  before?: { at: string; id: string };
  limit: number;
}

/** The entry as the row of `audit_log` (migration 0016), for Kysely and for the copy's own insert (./copy.ts). */
export function auditRow(entry: NewAuditEntry): AuditLogTable {
  return {
    id: entry.id,
    at: entry.at,
    action: entry.action,
    actor_staff_id: entry.actor.staffId,
    actor_username: entry.actor.username,
    actor_node_id: entry.actor.nodeId,
    address: entry.address,
    node_id: entry.nodeId,
    node_path: entry.nodePath,
    union_id: entry.unionId,
    target_kind: entry.target?.kind ?? null,
    target_id: entry.target?.id ?? null,
    before_json: entry.before ? JSON.stringify(entry.before) : null,
    after_json: entry.after ? JSON.stringify(entry.after) : null,
  };
}

export async function insertAuditEntry(q: Queries, entry: NewAuditEntry): Promise<void> {
  await q.insertInto('audit_log').values(auditRow(entry)).execute();
}

export async function listAuditEntries(q: Queries, filter: AuditFilter): Promise<AuditEntry[]> {
  let query = q.selectFrom('audit_log').selectAll().where((eb) => underPath(eb, filter.underPath, filter.includeUnplaced ?? false));
  if (filter.actorStaffId) query = query.where('actor_staff_id', '=', filter.actorStaffId);
  if (filter.unionId) query = query.where('union_id', '=', filter.unionId);
  if (filter.actions?.length) query = query.where('action', 'in', filter.actions);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const before = filter.before;
  if (before) query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toEntry);
}

/**
 * Entries whose node path starts with `path` (paths are `/uuid/…/`, so no LIKE wildcard can occur in
 * them), and those at '/' when asked.
 */
function underPath(eb: ExpressionBuilder<Database, 'audit_log'>, path: string, includeUnplaced: boolean) {
  const under = eb('node_path', 'like', `${path}%`);
  return includeUnplaced ? eb.or([under, eb('node_path', '=', '/')]) : under;
}

/** The people (with an account) and unions the entries under `path` name, for the screen's filters. */
export async function listAuditChoices(q: Queries, path: string): Promise<{ people: { staffId: string; username: string }[]; unionIds: string[] }> {
  const [people, unions] = await Promise.all([
    q
      .selectFrom('audit_log')
      .select(['actor_staff_id', 'actor_username'])
      .distinct()
      .where('node_path', 'like', `${path}%`)
      .where('actor_staff_id', 'is not', null)
      .orderBy('actor_username')
      .execute(),
    q.selectFrom('audit_log').select('union_id').distinct().where('node_path', 'like', `${path}%`).where('union_id', 'is not', null).execute(),
  ]);
  return {
    people: people.map((row) => ({ staffId: row.actor_staff_id as string, username: row.actor_username })),
    unionIds: unions.map((row) => row.union_id as string),
  };
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action as AuditAction,
    actor: { staffId: row.actor_staff_id, username: row.actor_username, nodeId: row.actor_node_id },
    address: row.address,
    nodeId: row.node_id,
    unionId: row.union_id,
    target: row.target_kind && row.target_id ? { kind: row.target_kind, id: row.target_id } : null,
    before: row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : null,
    after: row.after_json ? (JSON.parse(row.after_json) as Record<string, unknown>) : null,
  };
}
