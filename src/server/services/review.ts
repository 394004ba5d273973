/**
 * Staff reading a report and its revisions, the superior's review decision, and the withdrawal of an
 * acceptance made by mistake. Every decision and withdrawal is kept in the report's history with who
 * made it and at which node; the last one travels to the union's devices on `reports.review`.
 */
import * as z from 'zod/mini';
import type { AuditAction } from '../../domain/audit';
import { roleAllows } from '../../domain/organisation';
import type { ReportDocument } from '../../domain/report';
import type { RevisionView, StaffReportView } from '../../domain/staff';
import { type DecisionNode, REVIEW_STATUSES, type ReviewDecision, type ServerReport } from '../../domain/sync';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isStoredInteger, parseInput as parse } from './input';
import { queueReviewDecision } from './notifications';
import { toNodeSummary } from './organisation';
import { toServerReport } from './reports';
import { noSuch, reaches, reportInReach, requireRole, type StaffActor } from './actors';
import type { NodeRecord, ReportRecord, StoreReads, StoreWrites } from '../store/store';

export async function staffReport(context: ServiceContext, actor: StaffActor, reportId: string): Promise<StaffReportView> {
  const { report, owner } = await reportInReach(context.store, actor, reportId);
  const served = toServerReport(report);
  const [union, revisions, decisions, mayWithdrawAcceptance] = await Promise.all([
    context.store.findUnion(report.unionId),
    context.store.listRevisions(report.id),
    context.store.listReviewDecisions(report.id),
    served.review?.status === 'accepted' && roleAllows(actor.role, 'reviewer')
      ? acceptanceInReach(context.store, actor, report, owner.path)
      : false,
  ]);
  return {
    report: served,
    union: { id: report.unionId, code: union?.code ?? null, name: union?.name ?? '' },
    superior: toNodeSummary(owner),
    revisions,
    decisions,
    mayWithdrawAcceptance,
  };
}

/**
 * Whether the actor stands at the node that made the report's acceptance or above it. An acceptance
 * whose node is not known (the command line's, or one kept before decisions named their node) counts
 * as made at the node the report is filed under, which every staff member who reaches it stands at or above.
 */
async function acceptanceInReach(store: StoreReads, actor: StaffActor, report: ReportRecord, ownerPath: string): Promise<boolean> {
  const path = (await store.findAcceptanceNodePath(report.id)) ?? ownerPath;
  return reaches(actor, path);
}

/**
 * The time of a new decision: now, but never at or before the last one, so that the history's order
 * (by time) is the order they were made in, however quickly a withdrawal follows an acceptance.
 */
function decisionTime(context: ServiceContext, last: ReviewDecision | null): string {
  const now = isoNow(context);
  if (!last || now > last.decidedAt) return now;
  return new Date(Date.parse(last.decidedAt) + 1).toISOString();
}

/** A comment or reason as typed: trimmed, within 5 000 characters, without U+0000 (PostgreSQL's text cannot hold it). */
const commentText = z.string().check(
  z.trim(),
  z.maxLength(5_000),
  z.refine((text) => !text.includes('\u0000'), 'U+0000 is not text.'),
);

/** One kept revision of a report, whole: who sent what, and when. */
export async function staffRevision(context: ServiceContext, actor: StaffActor, reportId: string, revision: string): Promise<RevisionView> {
  const { report } = await reportInReach(context.store, actor, reportId);
  if (!isStoredInteger(revision)) throw noSuch('revision');
  const [summaries, documentJson] = await Promise.all([
    context.store.listRevisions(report.id),
    context.store.findRevisionDocument(report.id, Number(revision)),
  ]);
  const summary = summaries.find((entry) => entry.revision === Number(revision));
  if (!summary || documentJson === undefined) throw noSuch('revision');
  return { ...summary, document: JSON.parse(documentJson) as ReportDocument };
}

const reviewSchema = z.object({
  status: z.enum(REVIEW_STATUSES),
  comment: z._default(commentText, ''),
  /** The revision the reviewer read: a decision is about that revision, never about one sent since. */
  revision: z.string().check(z.regex(/^\d{1,15}$/)),
});

export async function reviewReport(context: ServiceContext, actor: StaffActor, reportId: string, input: unknown): Promise<ServerReport> {
  const found = await reportInReach(context.store, actor, reportId);
  requireRole(actor, 'reviewer', 'review reports');
  const decision = parse(reviewSchema, input);
  if (decision.status === 'returned' && decision.comment === '')
    throw validationFailed([{ path: 'comment', code: 'required', message: 'Say why the report is returned.' }]);
  return context.store.write(async (tx) => {
    const { changeSeq } = await tx.lockUnionForChange(found.report.unionId);
    // Read again under the union's lock: a push may have landed in between.
    const record = (await tx.findReport(found.report.id)) as NonNullable<typeof found.report>;
    const current = toServerReport(record);
    if (current.review?.status === 'accepted') throw new ApiFailure(409, 'report_accepted', 'This report is already accepted.');
    if (decision.revision !== current.revision)
      throw new ApiFailure(412, 'stale_revision', 'The union sent a newer revision; read it before deciding.', { current });
    if (current.document.status !== 'ready')
      throw validationFailed([{ path: 'status', code: 'not_ready', message: 'Only a report marked ready can be reviewed.' }]);
    return recordDecision(context, tx, actor, { record, current, changeSeq, owner: found.owner }, decision);
  });
}

/**
 * Puts a decision on the report's revision it is about, by `actor` at its node, now (after the last
 * decision). It travels to the union's devices through the change feed, so it takes a new change_seq;
 * the report keeps only the last decision, the history keeps every one, with who made it.
 */
async function recordDecision(
  context: ServiceContext,
  tx: StoreWrites,
  actor: StaffActor,
  { record, current, changeSeq, owner }: { record: ReportRecord; current: ServerReport; changeSeq: number; owner: NodeRecord },
  { status, comment }: Pick<ReviewDecision, 'status' | 'comment'>,
): Promise<ServerReport> {
  const review: ReviewDecision = {
    status,
    comment,
    decidedAt: decisionTime(context, current.review),
    revision: current.revision,
    ...(await deciderNode(tx, actor)),
  };
  const updated = { ...record, reviewJson: JSON.stringify(review), changeSeq };
  await tx.updateReport(updated);
  await tx.insertReviewDecision(record.id, { ...review, revision: current.revision, decidedBy: decider(actor) });
  // The decision, never the report's figures: which report (its period and revision), and the status and comment.
  const period = { year: record.year, kind: record.kind };
  await recordAudit(tx, context, actor, {
    action: AUDIT_OF_DECISION[status],
    node: owner,
    unionId: record.unionId,
    target: { kind: 'report', id: record.id },
    before: { period, revision: current.revision, status: current.review?.status ?? null, comment: current.review?.comment ?? null },
    after: { period, revision: current.revision, status, comment },
  });
  await queueReviewDecision(tx, context, record, review);
  return toServerReport(updated);
}

const AUDIT_OF_DECISION = { accepted: 'review.accepted', returned: 'review.returned', withdrawn: 'review.withdrawn' } as const satisfies Record<ReviewDecision['status'], AuditAction>;

function decider(actor: StaffActor): { id: string | null; username: string } {
  return { id: actor.staffId, username: actor.username };
}

/**
 * The node that makes the decision, by its name now: the decision keeps it, so that a CĐCS that moves
 * to another superior later is still told which union accepted or returned its report. None for the
 * command line (it decides at no node).
 */
async function deciderNode(tx: { findNode(id: string): Promise<{ id: string; name: string } | undefined> }, actor: StaffActor): Promise<{ node?: DecisionNode }> {
  if (actor.staffId === null) return {};
  const node = await tx.findNode(actor.nodeId);
  return node ? { node: { id: node.id, name: node.name } } : {};
}

const withdrawalSchema = z.object({
  /** Why the acceptance is withdrawn: the union reads it on its phone, and the history keeps it. */
  reason: commentText,
});

/**
 * `POST /api/staff/reports/:id/withdraw-acceptance {reason}`: an acceptance made by mistake is
 * withdrawn by a reviewer of the node that made it or of a node above. The report goes back to
 * waiting for a decision (`review.status: 'withdrawn'`, the reason as its comment, on the accepted
 * revision); the union's devices learn it through the change feed, and the history keeps it.
 */
export async function withdrawAcceptance(context: ServiceContext, actor: StaffActor, reportId: string, input: unknown): Promise<ServerReport> {
  const found = await reportInReach(context.store, actor, reportId);
  requireRole(actor, 'reviewer', 'withdraw an acceptance');
  const { reason } = parse(withdrawalSchema, input);
  if (reason === '') throw validationFailed([{ path: 'reason', code: 'required', message: 'Say why the acceptance is withdrawn.' }]);
  return context.store.write(async (tx) => {
    const { changeSeq } = await tx.lockUnionForChange(found.report.unionId);
    const record = (await tx.findReport(found.report.id)) as NonNullable<typeof found.report>;
    const current = toServerReport(record);
    if (current.review?.status !== 'accepted')
      throw new ApiFailure(409, 'report_not_accepted', 'Only an accepted report can have its acceptance withdrawn.', { current });
    if (!(await acceptanceInReach(tx, actor, record, found.owner.path)))
      throw new ApiFailure(403, 'forbidden', 'The acceptance was made above your node; ask a reviewer there.');
    // On the revision that had been accepted: the withdrawal is about it, and the report stays on it.
    return recordDecision(context, tx, actor, { record, current, changeSeq, owner: found.owner }, { status: 'withdrawn', comment: reason });
  });
}
