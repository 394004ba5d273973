/**
 * Reporting rounds: a node's staff open a round for a period (title, plan, activity dates,
 * deadline), close it, open it again, or reopen a closed round for one CĐCS below the node. Every
 * id is checked against the caller's subtree as the tree's other staff endpoints are (404 outside
 * it, 403 for a role that may not). Devices receive the rounds that apply to their union with every
 * pull, and a push to a round closed to the union is refused with 409 `round_closed`.
 */
import { randomUUID } from 'node:crypto';
import { roundForUnion, type NodeRound, type ReportingRound, type RoundClosedDetails } from '../../domain/round';
import { openRoundRequestSchema, reopenRoundRequestSchema } from '../../domain/roundRequests';
import { isUniqueViolation } from '../store/errors';
import type { RoundRecord } from '../store/rounds';
import type { StoreReads } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isUuid, parseInput } from './input';
import { nodeInReach, noSuch, reaches, requireRole, unionInReach, type StaffActor } from './staff';

/** The node ids of a materialised path `/<root>/…/<node>/`, root first. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function toNodeRound(record: RoundRecord, actor: StaffActor): NodeRound {
  const { nodePath, ...round } = record;
  // A round opened above the caller's node applies to it, but which unions it was reopened for
  // elsewhere is not the caller's to know.
  return reaches(actor, nodePath) ? round : { ...round, reopenings: [] };
}

async function roundInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<RoundRecord> {
  const round = typeof id === 'string' && isUuid(id) ? await store.findRound(id) : undefined;
  if (!round || !reaches(actor, round.nodePath)) throw noSuch('reporting round');
  return round;
}

async function reread(context: ServiceContext, actor: StaffActor, id: string): Promise<NodeRound> {
  const round = await context.store.findRound(id);
  if (!round) throw noSuch('reporting round');
  return toNodeRound(round, actor);
}

/** `GET /api/staff/nodes/:id/rounds`: the rounds that apply to a node, its own and those of the nodes above it, nearest first. */
export async function listNodeRounds(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<NodeRound[]> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const ids = pathIds(node.path);
  const rounds = await context.store.listRoundsOfNodes(ids);
  return nearestFirst(rounds, ids).map((round) => toNodeRound(round, actor));
}

/** Sorted by how near the opening node is to the end of `ids` (the node itself first), then newest period first. */
function nearestFirst(rounds: RoundRecord[], ids: readonly string[]): RoundRecord[] {
  const depth = (round: RoundRecord) => ids.indexOf(round.openedBy.nodeId);
  return [...rounds].sort((a, b) => depth(b) - depth(a) || b.period.year - a.period.year || a.period.kind.localeCompare(b.period.kind));
}

/** `POST /api/staff/nodes/:id/rounds`: open a round on a node (reviewer). One per node and period. */
export async function openRound(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<NodeRound> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'reviewer', 'open reporting rounds');
  const request = parseInput(openRoundRequestSchema, input);
  const id = randomUUID();
  await context.store
    .write((tx) =>
      tx.insertRound({
        id,
        nodeId: node.id,
        period: request.period,
        title: request.title,
        plan: request.plan ?? '',
        activities: request.activities,
        deadline: request.deadline,
        openedAt: isoNow(context),
        openedByStaffId: actor.staffId,
      }),
    )
    .catch((error: unknown) => {
      throw isUniqueViolation(error)
        ? new ApiFailure(409, 'taken', 'This node already has a reporting round for this period.', [
            { path: 'period', code: 'taken', message: 'A round for this period is already open on this node.' },
          ])
        : error;
    });
  return reread(context, actor, id);
}

/** `POST /api/staff/rounds/:id/close`: no report of the round can be sent from now on (reopenings end too). */
export async function closeRound(context: ServiceContext, actor: StaffActor, roundId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  requireRole(actor, 'reviewer', 'close reporting rounds');
  if (round.closedAt == null) await context.store.write((tx) => tx.setRoundClosed(round.id, isoNow(context)));
  return reread(context, actor, round.id);
}

/** `POST /api/staff/rounds/:id/open`: a closed round opens again for every union. */
export async function openClosedRound(context: ServiceContext, actor: StaffActor, roundId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  requireRole(actor, 'reviewer', 'open reporting rounds');
  if (round.closedAt != null) await context.store.write((tx) => tx.setRoundClosed(round.id, null));
  return reread(context, actor, round.id);
}

/** `POST /api/staff/rounds/:id/reopenings {unionId, deadline?}`: a closed round opens again for one CĐCS below its node. */
export async function reopenRoundForUnion(context: ServiceContext, actor: StaffActor, roundId: string, input: unknown): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  const request = parseInput(reopenRoundRequestSchema, input);
  const { union, superior } = await unionInReach(context.store, actor, request.unionId);
  // A union the round does not apply to is, for this round, a union that does not exist.
  if (!superior.path.startsWith(round.nodePath)) throw noSuch('union');
  requireRole(actor, 'reviewer', 'reopen reporting rounds');
  if (round.closedAt == null)
    throw validationFailed(
      [{ path: 'roundId', code: 'round_open', message: 'The round is open: every union below its node can send.' }],
      'Only a closed round can be reopened for one union.',
    );
  await context.store.write((tx) => tx.putRoundReopening(round.id, union.id, isoNow(context), request.deadline ?? null));
  return reread(context, actor, round.id);
}

/** `DELETE /api/staff/rounds/:id/reopenings/:unionId`: the union's reopening ends; the round is closed to it again. */
export async function withdrawReopening(context: ServiceContext, actor: StaffActor, roundId: string, unionId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  const { union } = await unionInReach(context.store, actor, unionId);
  requireRole(actor, 'reviewer', 'close reporting rounds');
  const removed = await context.store.write((tx) => tx.deleteRoundReopening(round.id, union.id));
  if (!removed) throw noSuch('reopening');
  return reread(context, actor, round.id);
}

// ---- for devices ----

/** The rounds that apply to a union (opened on its superior or any node above), nearest first, as the union sees them. */
export async function roundsForUnion(store: StoreReads, unionId: string): Promise<ReportingRound[]> {
  const union = await store.findUnion(unionId);
  const superior = union?.superiorId ? await store.findNode(union.superiorId) : undefined;
  if (!superior) return [];
  const ids = pathIds(superior.path);
  return nearestFirst(await store.listRoundsOfNodes(ids), ids).map((record) => {
    const { nodePath: _path, ...round } = record;
    return roundForUnion(round, unionId);
  });
}

/** 409 `round_closed` when the round of the period is closed to the union. */
export function refuseClosedRound(round: ReportingRound | null): void {
  if (!round?.closedAt) return;
  const details: RoundClosedDetails = { roundId: round.id, title: round.title, closedAt: round.closedAt };
  throw new ApiFailure(409, 'round_closed', `The reporting round "${round.title}" was closed on ${round.closedAt}; no report of it can be sent.`, details);
}
