/** Staff reading a report and its revisions, and the superior's review decision. */
import * as z from 'zod/mini';
import type { ReportDocument } from '../../domain/report';
import type { RevisionView, StaffReportView } from '../../domain/staff';
import { REVIEW_STATUSES, type ReviewDecision, type ServerReport } from '../../domain/sync';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isStoredInteger, parseInput as parse } from './input';
import { toNodeSummary } from './organisation';
import { toServerReport } from './reports';
import { noSuch, reportInReach, requireRole, type StaffActor } from './staff';

export async function staffReport(context: ServiceContext, actor: StaffActor, reportId: string): Promise<StaffReportView> {
  const { report, owner } = await reportInReach(context.store, actor, reportId);
  const [union, revisions, decisions] = await Promise.all([
    context.store.findUnion(report.unionId),
    context.store.listRevisions(report.id),
    context.store.listReviewDecisions(report.id),
  ]);
  return {
    report: toServerReport(report),
    union: { id: report.unionId, code: union?.code ?? null, name: union?.name ?? '' },
    superior: toNodeSummary(owner),
    revisions,
    decisions,
  };
}

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
  comment: z._default(z.string().check(z.trim(), z.maxLength(5_000)), ''),
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
    const review: ReviewDecision = {
      status: decision.status,
      comment: decision.comment,
      decidedAt: isoNow(context),
      revision: current.revision,
    };
    // The decision travels to the union's devices through the change feed, so it takes a new change_seq.
    const updated = { ...record, reviewJson: JSON.stringify(review), changeSeq };
    await tx.updateReport(updated);
    // The report keeps only the last decision; the history keeps every one, with who made it.
    await tx.insertReviewDecision(record.id, { ...review, revision: current.revision, decidedBy: { id: actor.staffId, username: actor.username } });
    return toServerReport(updated);
  });
}
