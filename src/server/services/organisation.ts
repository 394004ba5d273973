/**
 * The organisation tree: upper-level nodes, the CĐCS under them, and moving a CĐCS to another
 * superior. Every id is looked up in the actor's reach first (404 outside it), then the role is
 * checked (403), then the body's rules (422). Admins manage the nodes strictly below their own.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { isCalendarDate, vietnamDate } from '../../domain/calendar';
import { CREATABLE_NODE_KINDS, NODE_CODE_PATTERN, ROOT_NODE_KINDS, type NodeSummary, type OrgNode } from '../../domain/organisation';
import { SECTORS } from '../../domain/report';
import type { GrassrootsUnion, NodeDetail, StaffMe, UnionMove, UnionMoved } from '../../domain/staff';
import { isUniqueViolation } from '../store/errors';
import type { NodeRecord, StoreReads, UnionRecord } from '../store/store';
import { changedFields, recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { lineOfText, parseInput as parse } from './input';
import { nodeInReach, requireRole, type StaffActor, unionInReach } from './actors';
import { CONSOLE, toStaffMember } from './staff';

const codeSchema = z.string().check(z.trim(), z.toUpperCase(), z.regex(NODE_CODE_PATTERN));
const nameSchema = lineOfText({ min: 1, max: 200 });
const shortNameSchema = lineOfText({ max: 100 });
const uuidText = z.string().check(z.maxLength(64));

export function toOrgNode(node: NodeRecord): OrgNode {
  return { id: node.id, kind: node.kind, name: node.name, shortName: node.shortName, code: node.code, parentId: node.parentId, createdAt: node.createdAt };
}

export function toNodeSummary(node: NodeRecord | OrgNode): NodeSummary {
  return { id: node.id, kind: node.kind, name: node.name, shortName: node.shortName, code: node.code };
}

/** What a node's entries in the audit log say of it. */
function nodeFields(node: Pick<NodeRecord, 'kind' | 'name' | 'shortName' | 'code'>): Pick<NodeRecord, 'kind' | 'name' | 'shortName' | 'code'> {
  return { kind: node.kind, name: node.name, shortName: node.shortName, code: node.code };
}

function nodeTarget(node: { id: string }): { kind: 'node'; id: string } {
  return { kind: 'node', id: node.id };
}

function unionFields(union: UnionRecord): Pick<UnionRecord, 'name' | 'code' | 'employer' | 'sector'> {
  return { name: union.name, code: union.code, employer: union.employer, sector: union.sector };
}

function unionTarget(union: { id: string }): { kind: 'union'; id: string } {
  return { kind: 'union', id: union.id };
}

function codeTaken(what: string): ApiFailure {
  return new ApiFailure(409, 'taken', `Another ${what} has this code.`, [{ path: 'code', code: 'taken', message: 'This code is taken.' }]);
}

/** The ids on a path, root first: `/a/b/c/` → [a, b, c]. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Nodes below the actor's own are theirs to manage; their own node and above are not. */
function requireBelowOwn(actor: StaffActor, node: NodeRecord, action: string): void {
  if (node.id === actor.nodeId) throw new ApiFailure(403, 'forbidden', `An admin cannot ${action} their own node; ask the level above.`);
}

// ---- reading the tree ----

export async function nodeDetail(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<NodeDetail> {
  const node = await nodeInReach(context.store, actor, nodeId);
  return describeNode(context.store, node);
}

async function describeNode(store: StoreReads, node: NodeRecord): Promise<NodeDetail> {
  const ancestorIds = pathIds(node.path).slice(0, -1);
  const [ancestors, children, unions] = await Promise.all([store.listNodes(ancestorIds), store.listChildNodes(node), store.listUnionsUnder(node.id)]);
  const byId = new Map(ancestors.map((ancestor) => [ancestor.id, ancestor]));
  return {
    node: toOrgNode(node),
    ancestors: ancestorIds.flatMap((id) => {
      const ancestor = byId.get(id);
      return ancestor ? [toNodeSummary(ancestor)] : [];
    }),
    children: children.map((child) => ({ ...toNodeSummary(child), unionCount: child.unionCount })),
    unions,
  };
}

export async function staffMe(context: ServiceContext, actor: StaffActor): Promise<StaffMe> {
  const [member, node] = await Promise.all([
    actor.staffId ? context.store.findStaff(actor.staffId) : undefined,
    context.store.findNode(actor.nodeId),
  ]);
  if (!member || !node) throw new ApiFailure(401, 'unauthorized', 'Sign in again: this account no longer exists.');
  return { staff: toStaffMember(member), node: await describeNode(context.store, node) };
}

// ---- changing the tree ----

const newNodeSchema = z.object({
  parentId: uuidText,
  kind: z.enum(CREATABLE_NODE_KINDS),
  name: nameSchema,
  shortName: z._default(shortNameSchema, ''),
  code: z.optional(codeSchema),
});

export async function createNode(context: ServiceContext, actor: StaffActor, input: unknown): Promise<OrgNode> {
  const body = parse(newNodeSchema, input);
  const parent = await nodeInReach(context.store, actor, body.parentId);
  requireRole(actor, 'admin', 'create nodes');
  const id = randomUUID();
  const node: NodeRecord = {
    id,
    kind: body.kind,
    name: body.name,
    shortName: body.shortName,
    code: body.code || null,
    parentId: parent.id,
    path: `${parent.path}${id}/`,
    createdAt: isoNow(context),
  };
  await context.store
    .write(async (tx) => {
      await tx.lockTree();
      // The parent may have been deleted while this request waited for the lock.
      if (!(await tx.findNode(parent.id))) throw new ApiFailure(404, 'not_found', 'No such node.');
      await tx.insertNode(node);
      await recordAudit(tx, context, actor, { action: 'node.created', node, target: nodeTarget(node), after: { ...nodeFields(node), parent: parent.name } });
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? codeTaken('node') : error;
    });
  return toOrgNode(node);
}

/** The first root (the province) is made by the admin command line on a new server. */
export async function createRootNode(context: ServiceContext, input: unknown): Promise<OrgNode> {
  const body = parse(
    z.object({ kind: z.enum(ROOT_NODE_KINDS), name: nameSchema, shortName: z._default(shortNameSchema, ''), code: z.optional(codeSchema) }),
    input,
  );
  const id = randomUUID();
  const node: NodeRecord = { id, kind: body.kind, name: body.name, shortName: body.shortName, code: body.code || null, parentId: null, path: `/${id}/`, createdAt: isoNow(context) };
  await context.store.write(async (tx) => {
    await tx.insertNode(node);
    await recordAudit(tx, context, CONSOLE, { action: 'node.created', node, target: nodeTarget(node), after: nodeFields(node) });
  }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? codeTaken('node') : error;
  });
  return toOrgNode(node);
}

const nodeChangeSchema = z.object({
  kind: z.optional(z.enum(CREATABLE_NODE_KINDS)),
  name: z.optional(nameSchema),
  shortName: z.optional(shortNameSchema),
  code: z.optional(z.nullable(codeSchema)),
  parentId: z.optional(uuidText),
});

export async function updateNode(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<OrgNode> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const change = parse(nodeChangeSchema, input ?? {});
  // Every id first (404 outside the subtree), then the role (403), then the rules (422).
  const parent = change.parentId === undefined ? undefined : await nodeInReach(context.store, actor, change.parentId);
  requireRole(actor, 'admin', 'change nodes');
  requireBelowOwn(actor, node, 'change');
  if (node.parentId === null && change.parentId !== undefined)
    throw validationFailed([{ path: 'parentId', code: 'root', message: 'The root of the tree has no parent.' }]);
  return context.store
    .write(async (tx) => {
      await tx.lockTree();
      // Read again under the tree lock: another change may have moved either node meanwhile.
      const current = await tx.findNode(node.id);
      if (!current) throw new ApiFailure(404, 'not_found', 'No such node.');
      const fields = {
        ...(change.kind !== undefined ? { kind: change.kind } : {}),
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.shortName !== undefined ? { shortName: change.shortName } : {}),
        ...(change.code !== undefined ? { code: change.code || null } : {}),
      };
      await tx.updateNode(node.id, fields);
      const changed = changedFields(nodeFields(current), fields);
      if (changed) await recordAudit(tx, context, actor, { action: 'node.updated', node: current, target: nodeTarget(current), ...changed });
      if (parent && parent.id !== current.parentId) {
        const newParent = await tx.findNode(parent.id);
        if (!newParent) throw new ApiFailure(404, 'not_found', 'No such node.');
        if (newParent.path.startsWith(current.path))
          throw new ApiFailure(422, 'node_cycle', 'A node cannot go under itself or one of its own descendants.', [
            { path: 'parentId', code: 'cycle', message: 'This parent lies inside the node being moved.' },
          ]);
        const oldParent = current.parentId ? await tx.findNode(current.parentId) : undefined;
        const newPath = `${newParent.path}${current.id}/`;
        await tx.reparentNode(current.id, newParent.id, current.path, newPath);
        // Under the node where it now stands: its admins and those above its new parent read it.
        await recordAudit(tx, context, actor, {
          action: 'node.moved',
          node: { id: current.id, path: newPath },
          target: nodeTarget(current),
          before: { parentId: current.parentId, parent: oldParent?.name ?? null },
          after: { parentId: newParent.id, parent: newParent.name },
        });
      }
      return toOrgNode((await tx.findNode(node.id)) as NodeRecord);
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? codeTaken('node') : error;
    });
}

export async function deleteNode(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<void> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'delete nodes');
  requireBelowOwn(actor, node, 'delete');
  await context.store.write(async (tx) => {
    await tx.lockTree();
    const contents = await tx.nodeContents(node.id);
    if (contents.childNodes + contents.unions + contents.reports + contents.staff > 0)
      throw new ApiFailure(
        422,
        'node_not_empty',
        contents.reports > 0
          ? 'Reports were filed under this node; it stays so that they keep their superior.'
          : 'Move or remove what the node still holds (nodes, unions, staff) first.',
        contents,
      );
    await tx.deleteNode(node.id);
    // Under its parent, which stays (a root has none: the entry goes above every node).
    const parent = node.parentId ? await tx.findNode(node.parentId) : undefined;
    await recordAudit(tx, context, actor, { action: 'node.deleted', node: parent ?? null, target: nodeTarget(node), before: nodeFields(node) });
  });
}

// ---- the CĐCS ----

const newUnionSchema = z.object({
  superiorId: z.optional(uuidText),
  name: nameSchema,
  /** The organisation's code for the union (mã CĐCS): letters, digits, dot, dash, underscore. */
  code: z.optional(codeSchema),
  employer: z._default(lineOfText({ max: 200 }), ''),
  sector: z._default(z.union([z.enum(SECTORS), z.literal('')]), ''),
});

export async function createUnion(context: ServiceContext, actor: StaffActor, input: unknown): Promise<GrassrootsUnion> {
  const body = parse(newUnionSchema, input);
  const superior = await nodeInReach(context.store, actor, body.superiorId ?? actor.nodeId);
  requireRole(actor, 'admin', 'create unions');
  const now = isoNow(context);
  const union: UnionRecord = { id: randomUUID(), code: body.code || null, name: body.name, employer: body.employer, sector: body.sector, superiorId: superior.id, createdAt: now };
  // The unique index on the code decides, also between two staff members creating it at once.
  await context.store
    .write(async (tx) => {
      await tx.insertUnion(union);
      await tx.insertUnionMove(placement(union, null, superior, provinceToday(context), now, actor));
      await recordAudit(tx, context, actor, {
        action: 'union.created',
        node: superior,
        unionId: union.id,
        target: unionTarget(union),
        after: { ...unionFields(union), superior: superior.name },
      });
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? codeTaken('union') : error;
    });
  return union;
}

const unionChangeSchema = z.object({
  name: z.optional(nameSchema),
  /** A new code, or null / '' to remove it. */
  code: z.optional(z.nullable(z.union([codeSchema, z.literal('')]))),
  employer: z.optional(lineOfText({ max: 200 })),
  sector: z.optional(z.union([z.enum(SECTORS), z.literal('')])),
});

/** `PATCH /api/staff/unions/:id`: the union's name, code, employer or sector; moving it is `move`. */
export async function updateUnion(context: ServiceContext, actor: StaffActor, unionId: string, input: unknown): Promise<GrassrootsUnion> {
  const found = await unionInReach(context.store, actor, unionId);
  requireRole(actor, 'admin', 'change unions');
  const change = parse(unionChangeSchema, input ?? {});
  return context.store
    .write(async (tx) => {
      const fields = {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.code !== undefined ? { code: change.code || null } : {}),
        ...(change.employer !== undefined ? { employer: change.employer } : {}),
        ...(change.sector !== undefined ? { sector: change.sector } : {}),
      };
      const current = (await tx.findUnion(found.union.id)) ?? found.union;
      await tx.updateUnion(found.union.id, fields);
      const changed = changedFields(unionFields(current), fields);
      if (changed) await recordAudit(tx, context, actor, { action: 'union.updated', node: found.superior, unionId: current.id, target: unionTarget(current), ...changed });
      return (await tx.findUnion(found.union.id)) as UnionRecord;
    })
    .catch((error: unknown) => {
      // The unique index on the code decides, also between two staff members changing it at once.
      throw isUniqueViolation(error) ? codeTaken('union') : error;
    });
}

function placement(union: UnionRecord, from: NodeRecord | null, to: NodeRecord, effectiveDate: string, movedAt: string, actor: StaffActor): UnionMove {
  return {
    id: randomUUID(),
    unionId: union.id,
    from: from && { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    effectiveDate,
    movedAt,
    movedBy: actor.staffId ? { id: actor.staffId, username: actor.username } : null,
  };
}

/** The calendar day in Vietnam (src/domain/calendar.ts): a move dated "today" there is not in the future. */
export function provinceToday(context: ServiceContext): string {
  return vietnamDate(context.now());
}

const moveSchema = z.object({
  parentId: uuidText,
  effectiveDate: z.string().check(z.refine(isCalendarDate, 'Not a calendar date.')),
});

export async function moveUnion(context: ServiceContext, actor: StaffActor, unionId: string, input: unknown): Promise<UnionMoved> {
  const found = await unionInReach(context.store, actor, unionId);
  const body = parse(moveSchema, input);
  const target = await nodeInReach(context.store, actor, body.parentId);
  requireRole(actor, 'admin', 'move unions');
  const now = isoNow(context);
  if (body.effectiveDate > provinceToday(context))
    throw validationFailed([{ path: 'effectiveDate', code: 'future', message: 'Record a move on or after the day it takes effect.' }]);
  return context.store.write(async (tx) => {
    // The union's lock: a push filing a report now sees either the old superior or the new one, never half.
    await tx.lockUnionForChange(found.union.id);
    const union = (await tx.findUnion(found.union.id)) as UnionRecord;
    if (union.superiorId === target.id)
      throw validationFailed([{ path: 'parentId', code: 'unchanged', message: 'The union already reports to this node.' }]);
    const last = (await tx.listUnionMoves(union.id)).at(-1);
    if (last && body.effectiveDate < last.effectiveDate)
      throw validationFailed([{ path: 'effectiveDate', code: 'before_previous_move', message: `The union's previous move took effect on ${last.effectiveDate}.` }]);
    const from = await tx.findNode(union.superiorId);
    const move = placement(union, from ?? null, target, body.effectiveDate, now, actor);
    await tx.setUnionSuperior(union.id, target.id);
    await tx.insertUnionMove(move);
    // Under the new superior, where the union's entries go from now on.
    await recordAudit(tx, context, actor, {
      action: 'union.moved',
      node: target,
      unionId: union.id,
      target: unionTarget(union),
      before: { superiorId: union.superiorId, superior: from?.name ?? null },
      after: { superiorId: target.id, superior: target.name, effectiveDate: body.effectiveDate },
    });
    return { union: { ...union, superiorId: target.id }, move };
  });
}

export async function unionHistory(context: ServiceContext, actor: StaffActor, unionId: string): Promise<UnionMove[]> {
  const { union } = await unionInReach(context.store, actor, unionId);
  return context.store.listUnionMoves(union.id);
}

// ---- the console (the admin command line), which acts over the whole tree ----

/** The roots of the tree: the province once it is set up, none before. */
export async function rootNodes(context: ServiceContext): Promise<NodeRecord[]> {
  return context.store.listRootNodes();
}

/** A node named as staff name it: by its code (any case) or by its id. */
export async function findNodeByCodeOrId(context: ServiceContext, named: string): Promise<NodeRecord | undefined> {
  return (await context.store.findNodeByCode(named.trim().toUpperCase())) ?? (await context.store.findNode(named.trim()));
}

/** The id of the union with this code (any case); else `named` itself, taken for an id. */
export async function unionIdByCodeOrId(context: ServiceContext, named: string): Promise<string> {
  const byCode = await context.store.findUnionByCode(named.trim().toUpperCase());
  return byCode?.id ?? named;
}

/** Every node, depth first (children by name), with its depth and how many CĐCS sit directly under it. */
export async function treeOutline(context: ServiceContext): Promise<{ node: NodeRecord; depth: number; directUnions: number }[]> {
  const outline: { node: NodeRecord; depth: number; directUnions: number }[] = [];
  const walk = async (node: NodeRecord, depth: number) => {
    const children = await context.store.listChildNodes(node);
    outline.push({ node, depth, directUnions: (await context.store.listUnionsUnder(node.id)).length });
    for (const child of children) await walk(child, depth + 1);
  };
  for (const root of await context.store.listRootNodes()) await walk(root, 0);
  return outline;
}
