/**
 * Reporting rounds: a node's staff open a round for a period (title, plan, activity dates,
 * deadline), close it, open it again, or reopen a closed round for one CĐCS below the node. Every
 * id is checked against the caller's subtree as the tree's other staff endpoints are (404 outside
 * it, 403 for a role that may not). Devices receive the rounds that apply to their union with every
 * pull, and a push to a round closed to the union is refused with 409 `round_closed`.
 */
import { randomUUID } from 'node:crypto';
import { PLAN94_FORM_REF, roundFormRef, type FormRef } from '../../domain/forms/reportForm';
import type { ReportPeriod } from '../../domain/period';
import { isPastDeadline, roundForUnion, roundOfPeriod, type NodeRound, type ReportingRound, type RoundClosedDetails } from '../../domain/round';
import { changeDeadlineRequestSchema, openRoundRequestSchema, reopenRoundRequestSchema } from '../../domain/roundRequests';
import { isUniqueViolation } from '../store/errors';
import type { NodeRecord, RoundRecord, StoreReads } from '../store/store';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { queueRoundOpened, queueRoundReopened } from './notifications';
import { isUuid, parseInput } from './input';
import { formApplyingUnder } from './reportForms';
import { nodeInReach, noSuch, reaches, requireRole, unionInReach, type StaffActor } from './actors';

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

function roundTarget(id: string): { kind: 'round'; id: string } {
  return { kind: 'round', id };
}

/**
 * An entry about a round: under the node that opened it. Its before and after both name the round
 * (title, period) beside what changed, for a reader who cannot look the round up.
 */
function roundEntry(round: RoundRecord, before: Record<string, unknown>, after: Record<string, unknown>) {
  const named = { title: round.title, period: round.period };
  return { node: { id: round.openedBy.nodeId, path: round.nodePath }, target: roundTarget(round.id), before: { ...named, ...before }, after: { ...named, ...after } };
}

async function reread(context: ServiceContext, actor: StaffActor, id: string): Promise<NodeRound> {
  const round = await context.store.findRound(id);
  if (!round) throw noSuch('reporting round');
  return toNodeRound(round, actor);
}

/** `GET /api/staff/nodes/:id/rounds`: the rounds that apply to a node, its own and those of the nodes above it, nearest first. */
export async function listNodeRounds(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<NodeRound[]> {
  const node = await nodeInReach(context.store, actor, nodeId);
  return (await roundsApplyingTo(context.store, node)).map((round) => toNodeRound(round, actor));
}

/**
 * The round of a period that asks for the form `formId` (Plan 94 when not named) among rounds listed
 * nearest first: a node may hold a Plan 94 round and a Mẫu 1 round of one period.
 */
export function roundOfPeriodAndForm<R extends Pick<ReportingRound, 'period' | 'form'>>(rounds: readonly R[], period: ReportPeriod, formId: string = PLAN94_FORM_REF.id): R | null {
  return roundOfPeriod(
    rounds.filter((round) => roundFormRef(round).id === formId),
    period,
  );
}

/** The rounds opened on a node or any node above it, nearest first (then newest period first). */
export async function roundsApplyingTo(store: StoreReads, node: Pick<NodeRecord, 'path'>): Promise<RoundRecord[]> {
  const ids = pathIds(node.path);
  return nearestFirst(await store.listRoundsOfNodes(ids), ids);
}

/** Sorted by how near the opening node is to the end of `ids` (the node itself first), then newest period first. */
function nearestFirst(rounds: RoundRecord[], ids: readonly string[]): RoundRecord[] {
  const depth = (round: RoundRecord) => ids.indexOf(round.openedBy.nodeId);
  return [...rounds].sort((a, b) => depth(b) - depth(a) || b.period.year - a.period.year || a.period.kind.localeCompare(b.period.kind));
}

/**
 * 422 `deadline_past` for a deadline before today (in Vietnam) that the request did not say was
 * meant: a round no CĐCS could meet would read "Quá hạn" on every line from the day it opens.
 */
function refusePastDeadline(context: ServiceContext, deadline: string, allowed: boolean | undefined): void {
  if (allowed || !isPastDeadline(deadline, context.now())) return;
  throw new ApiFailure(422, 'deadline_past', `The deadline ${deadline} has passed; choose today or a later day.`, [
    { path: 'deadline', code: 'deadline_past', message: 'The deadline is before today.' },
  ]);
}

/** `POST /api/staff/nodes/:id/rounds`: open a round on a node (reviewer). One per node, period and form. */
export async function openRound(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<NodeRound> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'reviewer', 'open reporting rounds');
  const request = parseInput(openRoundRequestSchema, input);
  refusePastDeadline(context, request.deadline, request.allowPastDeadline);
  const form: FormRef = request.form ?? PLAN94_FORM_REF;
  // Built in, or published by this node or one above it: the CĐCS below can then fill it in.
  await formApplyingUnder(context.store, context.store, form, node.path);
  const id = randomUUID();
  const fields = { period: request.period, form, title: request.title, plan: request.plan ?? '', activities: request.activities, deadline: request.deadline };
  await context.store
    .write(async (tx) => {
      await tx.insertRound({ id, nodeId: node.id, ...fields, openedAt: isoNow(context), openedByStaffId: actor.staffId });
      await recordAudit(tx, context, actor, { action: 'round.opened', node, target: roundTarget(id), after: fields });
      await queueRoundOpened(tx, context, id);
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error)
        ? new ApiFailure(409, 'taken', 'This node already has a reporting round of this form for this period.', [
            { path: 'period', code: 'taken', message: 'A round of this form for this period is already open on this node.' },
          ])
        : error;
    });
  return reread(context, actor, id);
}

/**
 * `POST /api/staff/rounds/:id/deadline {deadline}`: the round's deadline moves (reviewer of the
 * opening node or above); the change is kept in the round's history, and reaches the phones with
 * their next pull, as every round does. A reopening's own deadline stays that union's.
 */
export async function changeRoundDeadline(context: ServiceContext, actor: StaffActor, roundId: string, input: unknown): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  requireRole(actor, 'reviewer', 'change the deadline of reporting rounds');
  const request = parseInput(changeDeadlineRequestSchema, input);
  if (request.deadline < round.activities.from)
    throw validationFailed(
      [{ path: 'deadline', code: 'deadlineBeforeActivities', message: 'The deadline is before the activities start.' }],
      'The deadline cannot come before the activities start.',
    );
  refusePastDeadline(context, request.deadline, request.allowPastDeadline);
  await context.store.write(async (tx) => {
    const current = (await tx.findRound(round.id)) ?? round;
    await tx.setRoundDeadline(round.id, request.deadline, { changedAt: isoNow(context), changedByStaffId: actor.staffId });
    if (current.deadline !== request.deadline)
      await recordAudit(tx, context, actor, { ...roundEntry(round, { deadline: current.deadline }, { deadline: request.deadline }), action: 'round.changed' });
  });
  return reread(context, actor, round.id);
}

/** `POST /api/staff/rounds/:id/close`: no report of the round can be sent from now on (reopenings end too). */
export async function closeRound(context: ServiceContext, actor: StaffActor, roundId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  requireRole(actor, 'reviewer', 'close reporting rounds');
  if (round.closedAt == null)
    await context.store.write(async (tx) => {
      const closedAt = isoNow(context);
      await tx.setRoundClosed(round.id, closedAt);
      await recordAudit(tx, context, actor, { ...roundEntry(round, { closedAt: null }, { closedAt }), action: 'round.closed' });
    });
  return reread(context, actor, round.id);
}

/** `POST /api/staff/rounds/:id/open`: a closed round opens again for every union. */
export async function openClosedRound(context: ServiceContext, actor: StaffActor, roundId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  requireRole(actor, 'reviewer', 'open reporting rounds');
  const closedAt = round.closedAt;
  if (closedAt != null)
    await context.store.write(async (tx) => {
      await tx.setRoundClosed(round.id, null);
      await recordAudit(tx, context, actor, { ...roundEntry(round, { closedAt }, { closedAt: null }), action: 'round.reopened' });
      await queueRoundReopened(tx, context, round.id, null);
    });
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
  await context.store.write(async (tx) => {
    const earlier = (await tx.findRound(round.id))?.reopenings.find((reopening) => reopening.unionId === union.id);
    await tx.putRoundReopening(round.id, union.id, isoNow(context), request.deadline ?? null);
    // Under the union's superior: its admins learn that the round opened again for their union.
    await recordAudit(tx, context, actor, {
      ...roundEntry(round, earlier ? { deadline: earlier.deadline } : { closedAt: round.closedAt }, { deadline: request.deadline ?? null }),
      action: 'round.reopened',
      node: superior,
      unionId: union.id,
    });
    await queueRoundReopened(tx, context, round.id, [union.id]);
  });
  return reread(context, actor, round.id);
}

/** `DELETE /api/staff/rounds/:id/reopenings/:unionId`: the union's reopening ends; the round is closed to it again. */
export async function withdrawReopening(context: ServiceContext, actor: StaffActor, roundId: string, unionId: string): Promise<NodeRound> {
  const round = await roundInReach(context.store, actor, roundId);
  const { union, superior } = await unionInReach(context.store, actor, unionId);
  requireRole(actor, 'reviewer', 'close reporting rounds');
  const removed = await context.store.write(async (tx) => {
    const reopening = (await tx.findRound(round.id))?.reopenings.find((found) => found.unionId === union.id);
    if (!(await tx.deleteRoundReopening(round.id, union.id))) return false;
    await recordAudit(tx, context, actor, {
      ...roundEntry(round, { reopenedAt: reopening?.reopenedAt ?? null, deadline: reopening?.deadline ?? null }, {}),
      action: 'round.reopening_withdrawn',
      node: superior,
      unionId: union.id,
    });
    return true;
  });
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
