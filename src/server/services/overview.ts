/**
 * The period table of a node and the roll-up by its child nodes. The database computes every figure
 * (store.overviewTotals sums columns taken out of each document on write); this module only shapes
 * the answer.
 */
import * as z from 'zod/mini';
import { unionizationRate, UNIONIZATION_TARGET } from '../../domain/indicators';
import { DIALOGUE_KINDS, type DialogueKindCounts, type ReportDocument } from '../../domain/report';
import { reportFigures } from '../../domain/reportFigures';
import { vietnamDayStart } from '../../domain/calendar';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, periodKey, type ReportPeriod } from '../../domain/period';
import { periodDueDate } from '../../domain/periodSuperior';
import { openRoundPeriod, reviewPeriod } from '../../domain/round';
import { FORM_ID } from '../../domain/forms/definition';
import { PLAN94_FORM_REF } from '../../domain/forms/reportForm';
import { decisionInForce, type ReviewDecision } from '../../domain/sync';
import { type NodeOverview, type OtherPeriodReports, OVERVIEW_SCOPES, type OverviewSummary, type UnionOverview, type UnionStanding } from '../../domain/staff';
import type { SentReportOfPeriod } from '../store/periods';
import type { RoundRecord } from '../store/rounds';
import type { NodeRecord, OverviewLineRecord, OverviewTotalsRecord } from '../store/store';
import type { ServiceContext } from './context';
import { ApiFailure } from './errors';
import { toNodeSummary } from './organisation';
import { roundOfPeriodAndForm, roundsApplyingTo } from './rounds';
import { nodeInReach, type StaffActor } from './actors';

// Year and kind together, or neither (then the node's default period).
const periodSchema = z
  .object({
    year: z.optional(z.coerce.number().check(z.int(), z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR))),
    kind: z.optional(z.enum(PERIOD_KINDS)),
    scope: z._default(z.enum(OVERVIEW_SCOPES), 'direct'),
    /** The form whose reports the table lists (issue 22); absent: Plan 94. */
    form: z._default(z.string().check(z.regex(FORM_ID)), PLAN94_FORM_REF.id),
  })
  .check(z.refine((query) => (query.year === undefined) === (query.kind === undefined)));

/**
 * The period a node's screens and the admin CLI's list-unions open on (round.ts `reviewPeriod`): the
 * open round that applies to the node, else the latest period with reports sent under it. The phone
 * proposes the same round's period, so what an officer sends with the app's defaults is in this view.
 */
export async function defaultPeriodOf(context: ServiceContext, node: NodeRecord, rounds: readonly RoundRecord[]): Promise<ReportPeriod> {
  const latestSent = openRoundPeriod(rounds) ? null : await context.store.latestSentPeriod(node);
  return reviewPeriod(context.now(), rounds, latestSent);
}

export async function nodeOverview(
  context: ServiceContext,
  actor: StaffActor,
  nodeId: string,
  query: { year?: string; kind?: string; scope?: string; form?: string },
): Promise<NodeOverview> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const parsed = periodSchema.safeParse(query);
  if (!parsed.success)
    throw new ApiFailure(
      400,
      'bad_request',
      `Name the period: year=${FIRST_REPORT_YEAR}…${LAST_REPORT_YEAR}&kind=${PERIOD_KINDS.join('|')} (both, or neither for the node's default), and optionally scope=${OVERVIEW_SCOPES.join('|')} and form=<form id>.`,
    );
  const { scope, form } = parsed.data;
  const rounds = await roundsApplyingTo(context.store, node);
  const { year, kind } =
    parsed.data.year !== undefined && parsed.data.kind !== undefined
      ? { year: parsed.data.year, kind: parsed.data.kind }
      : await defaultPeriodOf(context, node, rounds);
  const round = roundOfPeriodAndForm(rounds, { year, kind }, form);
  // A report of another period counts as "sent elsewhere" if it came once this period was asked for.
  const since = round?.openedAt ?? vietnamDayStart(`${year}-01-01`);
  // A CĐCS that moved since the period fell due is listed under the superior it had then.
  const dueOn = periodDueDate({ year, kind }, round);
  const [lines, totals, subtree, near] = await Promise.all([
    context.store.overviewLines(node, year, kind, dueOn, scope, form),
    context.store.overviewTotals(node, year, kind, dueOn, form),
    context.store.listSubtreeNodes(node),
    context.store.sentNearPeriod(node, scope, { year, kind }, since, form),
  ]);
  // The database sums per node; a roll-up row adds the few per-node sums of one child's subtree
  // (the child is the path segment right after the viewed node's).
  const pathOf = new Map(subtree.map((each) => [each.id, each.path]));
  const byChild = new Map<string, OverviewTotalsRecord[]>();
  for (const group of totals) {
    const childId = group.ownerId === node.id ? '' : ((pathOf.get(group.ownerId) ?? '').slice(node.path.length).split('/')[0] ?? '');
    byChild.set(childId, [...(byChild.get(childId) ?? []), group]);
  }
  const unions = lines.map(toUnionOverview);
  const children = subtree.filter((each) => each.parentId === node.id).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
  return {
    node: toNodeSummary(node),
    period: { year, kind },
    target: UNIONIZATION_TARGET,
    scope,
    unions,
    otherPeriods: otherPeriodsOf(unions, near),
    rollup: children.map((child) => ({ node: toNodeSummary(child), summary: summaryOf(byChild.get(child.id) ?? []) })),
    direct: summaryOf(byChild.get('') ?? []),
    summary: summaryOf(totals),
  };
}

/** The reports of `near` whose union is listed as not reported, grouped by period, most reports first. */
function otherPeriodsOf(unions: readonly UnionOverview[], near: readonly SentReportOfPeriod[]): OtherPeriodReports[] {
  const notReported = new Set(unions.filter((union) => union.standing === 'missing' || union.standing === 'draft').map((union) => union.id));
  const byPeriod = new Map<string, OtherPeriodReports>();
  for (const report of near) {
    if (!notReported.has(report.unionId)) continue;
    const key = periodKey(report.period);
    const group = byPeriod.get(key) ?? { period: report.period, unionIds: [] };
    if (!group.unionIds.includes(report.unionId)) group.unionIds.push(report.unionId);
    byPeriod.set(key, group);
  }
  return [...byPeriod.values()].sort((a, b) => b.unionIds.length - a.unionIds.length || b.period.year - a.period.year || a.period.kind.localeCompare(b.period.kind));
}

function summaryOf(groups: readonly (OverviewTotalsRecord | undefined)[]): OverviewSummary {
  const sum = (field: Exclude<keyof OverviewTotalsRecord, 'ownerId' | 'dialogueSessionsByKind'>) => groups.reduce((total, group) => total + (group?.[field] ?? 0), 0);
  const workers = sum('workers');
  const members = sum('members');
  const unions = sum('unions');
  const reported = sum('reported');
  return {
    unions,
    reported,
    notReported: unions - reported,
    accepted: sum('accepted'),
    returned: sum('returned'),
    workers,
    members,
    unionizationRate: unionizationRate(members, workers),
    meetingTarget: sum('meetingTarget'),
    dialogueSessions: sum('dialogueSessions'),
    dialogueSessionsByKind: Object.fromEntries(
      DIALOGUE_KINDS.map((kind) => [kind, groups.reduce((total, group) => total + (group?.dialogueSessionsByKind[kind] ?? 0), 0)]),
    ) as DialogueKindCounts,
  };
}

export function toUnionOverview(line: OverviewLineRecord): UnionOverview {
  const { union, report } = line;
  const review = report?.reviewJson ? (JSON.parse(report.reviewJson) as ReviewDecision) : null;
  // A withdrawn acceptance leaves no decision standing: the report waits for one again, as sent.
  const decision = decisionInForce(review);
  const standing: UnionStanding = !report ? 'missing' : decision ? decision.status : report.status === 'ready' ? 'sent' : 'draft';
  return {
    id: union.id,
    code: union.code,
    name: union.name,
    employer: union.employer,
    sector: union.sector,
    superiorId: line.ownerId,
    superiorName: line.ownerName,
    movedAway: line.movedAway,
    activeDevices: line.activeDevices,
    standing,
    report: report && {
      id: report.id,
      status: report.status,
      revision: String(report.revision),
      savedAt: report.savedAt,
      review,
      workers: report.workers,
      members: report.members,
      unionizationRate: unionizationRate(report.members, report.workers),
      meetsTarget: report.meetsTarget,
      dialogueSessions: report.dialogueSessions,
      dialogueSessionsByKind: report.dialogueSessionsByKind,
      // A subtree's lines carry every figure of the document, for the exports (one parse per line, on the server).
      ...(report.document ? { figures: reportFigures(JSON.parse(report.document) as ReportDocument) } : {}),
    },
  };
}
