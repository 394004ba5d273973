/**
 * The period table of a node and the roll-up by its child nodes. The database computes every figure
 * (store.overviewTotals sums columns taken out of each document on write); this module only shapes
 * the answer.
 */
import * as z from 'zod/mini';
import { unionizationRate, UNIONIZATION_TARGET } from '../../domain/indicators';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../domain/report';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS } from '../../domain/period';
import type { ReviewDecision } from '../../domain/sync';
import { type NodeOverview, OVERVIEW_SCOPES, type OverviewSummary, type UnionOverview, type UnionStanding } from '../../domain/staff';
import type { OverviewLineRecord, OverviewTotalsRecord } from '../store/store';
import type { ServiceContext } from './context';
import { ApiFailure } from './errors';
import { toNodeSummary } from './organisation';
import { nodeInReach, type StaffActor } from './staff';

const periodSchema = z.object({
  year: z.coerce.number().check(z.int(), z.gte(FIRST_REPORT_YEAR), z.lte(LAST_REPORT_YEAR)),
  kind: z.enum(PERIOD_KINDS),
  scope: z._default(z.enum(OVERVIEW_SCOPES), 'direct'),
});

export async function nodeOverview(
  context: ServiceContext,
  actor: StaffActor,
  nodeId: string,
  query: { year?: string; kind?: string; scope?: string },
): Promise<NodeOverview> {
  const node = await nodeInReach(context.store, actor, nodeId);
  const parsed = periodSchema.safeParse(query);
  if (!parsed.success)
    throw new ApiFailure(
      400,
      'bad_request',
      `Name the period: year=${FIRST_REPORT_YEAR}…${LAST_REPORT_YEAR}&kind=${PERIOD_KINDS.join('|')}, and optionally scope=${OVERVIEW_SCOPES.join('|')}.`,
    );
  const { year, kind, scope } = parsed.data;
  const [lines, totals, subtree] = await Promise.all([
    context.store.overviewLines(node, year, kind, scope),
    context.store.overviewTotals(node, year, kind),
    context.store.listSubtreeNodes(node),
  ]);
  // The database sums per node; a roll-up row adds the few per-node sums of one child's subtree
  // (the child is the path segment right after the viewed node's).
  const pathOf = new Map(subtree.map((each) => [each.id, each.path]));
  const byChild = new Map<string, OverviewTotalsRecord[]>();
  for (const group of totals) {
    const childId = group.ownerId === node.id ? '' : ((pathOf.get(group.ownerId) ?? '').slice(node.path.length).split('/')[0] ?? '');
    byChild.set(childId, [...(byChild.get(childId) ?? []), group]);
  }
  const children = subtree.filter((each) => each.parentId === node.id).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
  return {
    node: toNodeSummary(node),
    period: { year, kind },
    target: UNIONIZATION_TARGET,
    scope,
    unions: lines.map(toUnionOverview),
    rollup: children.map((child) => ({ node: toNodeSummary(child), summary: summaryOf(byChild.get(child.id) ?? []) })),
    direct: summaryOf(byChild.get('') ?? []),
    summary: summaryOf(totals),
  };
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

function toUnionOverview(line: OverviewLineRecord): UnionOverview {
  const { union, report } = line;
  const review = report?.reviewJson ? (JSON.parse(report.reviewJson) as ReviewDecision) : null;
  const standing: UnionStanding = !report ? 'missing' : review ? review.status : report.status === 'ready' ? 'sent' : 'draft';
  return {
    id: union.id,
    code: union.code,
    name: union.name,
    employer: union.employer,
    sector: union.sector,
    superiorId: line.ownerId,
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
    },
  };
}
