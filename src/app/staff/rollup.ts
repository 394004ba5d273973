/**
 * The roll-up of a node above the upper-level unions (a province): one line per child node with
 * the totals of its whole subtree, a line for the CĐCS straight under the node, and the node's total.
 * The server computes every figure (SQL aggregates); these functions only shape the lines and judge
 * the rate against the 80 % target with the domain's rule.
 */
import { meetsUnionizationTarget } from '../../domain/indicators';
import type { NodeSummary } from '../../domain/organisation';
import type { NodeOverview, OverviewSummary } from '../../domain/staff';

export interface RollupLine {
  /** `child`: an upper-level child (drill down into it); `direct`: the CĐCS straight under the node; `total`. */
  kind: 'child' | 'direct' | 'total';
  /** The child node; null for the direct and total lines. */
  node: NodeSummary | null;
  unions: number;
  reported: number;
  notReported: number;
  /** Reported ÷ unions; null for a line without any CĐCS. */
  reportedShare: number | null;
  accepted: number;
  returned: number;
  workers: number;
  members: number;
  unionizationRate: number | null;
  /** The line's rate against the 80 % target; null without a rate. */
  meetsTarget: boolean | null;
  /** How many CĐCS of the line reach 80 % on their own. */
  meetingTarget: number;
  dialogueSessions: number;
}

function line(kind: RollupLine['kind'], node: NodeSummary | null, summary: OverviewSummary): RollupLine {
  return {
    kind,
    node,
    unions: summary.unions,
    reported: summary.reported,
    notReported: summary.notReported,
    reportedShare: summary.unions > 0 ? summary.reported / summary.unions : null,
    accepted: summary.accepted,
    returned: summary.returned,
    workers: summary.workers,
    members: summary.members,
    unionizationRate: summary.unionizationRate,
    meetsTarget: meetsUnionizationTarget(summary.unionizationRate),
    meetingTarget: summary.meetingTarget,
    dialogueSessions: summary.dialogueSessions,
  };
}

/** The short name a narrow column shows: the node's short name, else its official name. */
export function displayName(node: Pick<NodeSummary, 'name' | 'shortName'>): string {
  return node.shortName.trim() || node.name;
}

/**
 * The roll-up's lines in the server's order (by name), then the CĐCS straight under the node when
 * there are any, then the total over the whole subtree. Empty when the node has no upper-level child:
 * such a node shows only its table of CĐCS.
 */
export function rollupLines(overview: Pick<NodeOverview, 'rollup' | 'direct' | 'summary'>): RollupLine[] {
  if (overview.rollup.length === 0) return [];
  const lines = overview.rollup.map((row) => line('child', row.node, row.summary));
  if (overview.direct.unions > 0) lines.push(line('direct', null, overview.direct));
  lines.push(line('total', null, overview.summary));
  return lines;
}

/** Which filter narrows the roll-up: every child, or only those with CĐCS still to report or under 80 %. */
export interface RollupFilters {
  notComplete: boolean;
  belowTarget: boolean;
}

/** Keeps the child lines that match every filter on; the direct and total lines always stay. */
export function filterRollup(lines: readonly RollupLine[], filters: RollupFilters): RollupLine[] {
  return lines.filter(
    (l) =>
      l.kind !== 'child' ||
      ((!filters.notComplete || l.notReported > 0) && (!filters.belowTarget || l.meetsTarget === false)),
  );
}
