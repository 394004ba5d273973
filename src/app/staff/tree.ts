/** Where a node sits in the staff member's view: the breadcrumb from the top they may reach down to it. */
import type { NodeSummary } from '../../domain/organisation';

export interface Crumb {
  node: NodeSummary;
  /** The staff member may open it: it is their own node or below. Nodes above are named, not linked. */
  reachable: boolean;
}

/**
 * The breadcrumb of a node: its ancestors from the root, then the node itself (not a link: it is the
 * page). An ancestor is reachable when the staff member's own node is it or lies above it.
 */
export function breadcrumb(ancestors: readonly NodeSummary[], node: NodeSummary, ownNodeId: string): Crumb[] {
  const ownIndex = ancestors.findIndex((ancestor) => ancestor.id === ownNodeId);
  const reachableFrom = node.id === ownNodeId ? ancestors.length : ownIndex === -1 ? ancestors.length : ownIndex;
  return [
    ...ancestors.map((ancestor, index) => ({ node: ancestor, reachable: index >= reachableFrom })),
    { node, reachable: false },
  ];
}

/** The nodes a CĐCS may move to: every upper-level node listed except its current superior, in tree order. */
export function moveTargets<T extends { node: Pick<NodeSummary, 'id'> }>(nodes: readonly T[], currentSuperiorId: string): T[] {
  return nodes.filter((entry) => entry.node.id !== currentSuperiorId);
}
