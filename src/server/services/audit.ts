/**
 * The audit log (src/domain/audit.ts). Every service that changes something calls `recordAudit` with
 * the transaction that makes the change, so an entry exists exactly when the change does: a change
 * that fails or rolls back leaves no entry. `before` and `after` hold the fields that matter to a
 * reader, never a password, token, code or a report's figures. Admins read the entries of their own
 * subtree (`listAudit`), never those of a node above.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { AUDIT_ACTIONS, type AuditAction, type AuditChoices, type AuditPage } from '../../domain/audit';
import { DAY_MS, isCalendarDate, vietnamDayStart } from '../../domain/calendar';
import type { AuditFilter, NewAuditEntry, StoreReads, StoreWrites } from '../store/store';
import type { ServiceContext } from './context';
import { type ApiFailure, type FieldIssue, validationFailed, zodIssues } from './errors';
import { isUuid } from './input';
import { nodeInReach, requireRole, type StaffActor } from './actors';

export interface AuditChange {
  action: AuditAction;
  /** The node the change happened under, with its path; null and '/' for a change above every node. */
  node: { id: string; path: string } | null;
  unionId?: string | null;
  target?: { kind: string; id: string } | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function recordAudit(tx: StoreWrites, context: ServiceContext, actor: StaffActor, change: AuditChange): Promise<void> {
  await tx.insertAuditEntry(auditEntry(context, actor, change));
}

/** The entry `recordAudit` writes, for a write that inserts it itself (a restore, in its copy's transaction). */
export function auditEntry(context: Pick<ServiceContext, 'now'>, actor: StaffActor, change: AuditChange): NewAuditEntry {
  return {
    id: randomUUID(),
    at: context.now().toISOString(),
    action: change.action,
    actor: { staffId: actor.staffId, username: actor.username, nodeId: actor.nodeId || null },
    address: actor.address ?? null,
    nodeId: change.node?.id ?? null,
    nodePath: change.node?.path ?? '/',
    unionId: change.unionId ?? null,
    target: change.target ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

/**
 * The fields of `change` whose value differs from `current`'s, as a before and an after that name only
 * those; null when nothing changed (then the change writes no entry).
 */
export function changedFields<T extends object>(current: T, change: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(change) as (keyof T)[]) {
    if (change[key] === undefined || change[key] === current[key]) continue;
    before[key] = current[key];
    after[key] = change[key];
  }
  return Object.keys(after).length > 0 ? { before, after } : null;
}

// ---- reading the log ----

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

const idText = z.string().check(z.refine(isUuid, 'Not an id.'));
const dayText = z.string().check(z.refine(isCalendarDate, 'Not a calendar date (yyyy-mm-dd).'));
const auditQuerySchema = z.object({
  node: z.optional(z.string()),
  actor: z.optional(idText),
  union: z.optional(idText),
  /** Kinds of action, comma-separated. */
  action: z.optional(z.string().check(z.maxLength(2_000))),
  from: z.optional(dayText),
  to: z.optional(dayText),
  before: z.optional(z.string()),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'A whole number.'))),
});

/** 422 `validation_failed` naming the query's parameters that cannot be read. */
function queryRefused(issues: FieldIssue[]): ApiFailure {
  return validationFailed(issues, 'The query does not pass validation.');
}

function isAuditAction(name: string): name is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(name);
}

/** A page's `next`: the last entry's time and id, which the next page starts strictly after. */
function cursorOf(entry: { at: string; id: string }): string {
  return Buffer.from(`${entry.at}|${entry.id}`).toString('base64url');
}

function readCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id || !isUuid(id) || Number.isNaN(Date.parse(at)) || new Date(Date.parse(at)).toISOString() !== at)
    throw validationFailed([{ path: 'before', code: 'cursor', message: 'Not a cursor this server gave.' }], 'The cursor is not one this server gave.');
  return { at, id };
}

/** The filter a query asks for, in the store's terms; the dates are Vietnam's days, `to` included. */
function auditFilter(query: z.infer<typeof auditQuerySchema>, underPath: string, includeUnplaced: boolean): AuditFilter {
  const limit = query.limit === undefined ? AUDIT_PAGE_DEFAULT : Number(query.limit);
  if (limit < 1 || limit > AUDIT_PAGE_MAX)
    throw queryRefused([{ path: 'limit', code: 'range', message: `Between 1 and ${AUDIT_PAGE_MAX}.` }]);
  if (query.from && query.to && query.to < query.from)
    throw queryRefused([{ path: 'to', code: 'before_from', message: 'The last day comes before the first.' }]);
  const actions = query.action?.split(',').map((name) => name.trim()).filter(Boolean) ?? [];
  if (!actions.every(isAuditAction))
    throw queryRefused([{ path: 'action', code: 'unknown_action', message: `Kinds of action: ${AUDIT_ACTIONS.join(', ')}.` }]);
  return {
    underPath,
    includeUnplaced,
    ...(query.actor ? { actorStaffId: query.actor } : {}),
    ...(query.union ? { unionId: query.union } : {}),
    ...(actions.length > 0 ? { actions } : {}),
    ...(query.from ? { from: vietnamDayStart(query.from) } : {}),
    ...(query.to ? { to: new Date(Date.parse(vietnamDayStart(query.to)) + DAY_MS).toISOString() } : {}),
    ...(query.before ? { before: readCursor(query.before) } : {}),
    limit,
  };
}

/**
 * The node whose subtree an admin reads: the query's `node` (404 outside reach), else their own; looked
 * up before the role and the rest of the query are checked, as every staff request is.
 */
async function auditedNode(context: ServiceContext, actor: StaffActor, rawQuery: unknown) {
  const asked = (rawQuery as { node?: unknown } | null | undefined)?.node;
  const node = await nodeInReach(context.store, actor, asked ?? actor.nodeId);
  requireRole(actor, 'admin', 'read the audit log');
  return node;
}

/**
 * `GET /api/staff/audit`: the entries of a node's subtree, newest first, a page at a time, with the
 * names of the nodes and unions they mention. A root's admins also read the entries placed above
 * every node (a failed sign-in with a name no account has).
 */
export async function listAudit(context: ServiceContext, actor: StaffActor, rawQuery: unknown): Promise<AuditPage> {
  const node = await auditedNode(context, actor, rawQuery);
  const parsed = auditQuerySchema.safeParse(rawQuery ?? {});
  if (!parsed.success) throw queryRefused(zodIssues(parsed.error.issues));
  const query = parsed.data;
  const filter = auditFilter(query, node.path, node.parentId === null);
  // One more than the page: whether a next page exists without a second query.
  const found = await context.store.listAuditEntries({ ...filter, limit: filter.limit + 1 });
  const entries = found.slice(0, filter.limit);
  const last = entries.at(-1);
  return { entries, next: found.length > filter.limit && last ? cursorOf(last) : null, names: await namesOf(context.store, entries) };
}

/** The names of the nodes and unions the entries name (as they are called now), for the screen. */
async function namesOf(store: StoreReads, entries: AuditPage['entries']): Promise<AuditPage['names']> {
  const nodeIds = new Set<string>();
  const unionIds = new Set<string>();
  for (const entry of entries) {
    for (const id of [entry.actor.nodeId, entry.nodeId]) if (id) nodeIds.add(id);
    if (entry.unionId) unionIds.add(entry.unionId);
    if (entry.target?.kind === 'node') nodeIds.add(entry.target.id);
    if (entry.target?.kind === 'union') unionIds.add(entry.target.id);
  }
  const nodes = await store.listNodes([...nodeIds]);
  const unions = await Promise.all([...unionIds].map((id) => store.findUnion(id)));
  return {
    nodes: Object.fromEntries(nodes.map((found) => [found.id, found.name])),
    unions: Object.fromEntries(unions.flatMap((found) => (found ? [[found.id, found.name]] : []))),
  };
}

/** `GET /api/staff/audit/choices`: the people and unions the subtree's log names, for the screen's filters. */
export async function auditChoices(context: ServiceContext, actor: StaffActor, rawQuery: unknown): Promise<AuditChoices> {
  const node = await auditedNode(context, actor, rawQuery);
  const { people, unionIds } = await context.store.listAuditChoices(node.path);
  const unions = await Promise.all(unionIds.map((id) => context.store.findUnion(id)));
  return {
    people,
    unions: unions
      .flatMap((union) => (union ? [{ id: union.id, name: union.name }] : []))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}
