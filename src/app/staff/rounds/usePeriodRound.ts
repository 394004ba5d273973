/**
 * The period's round on a node: the nearest round on or above it (the server lists them nearest
 * first), or null; read again whenever `version` changes (a round opened, its deadline moved, closed,
 * reopened), so the period table's deadline column follows the rounds panel without a page reload.
 */
import { useEffect, useState } from 'react';
import type { ReportPeriod } from '../../../domain/period';
import { roundOfPeriod, type NodeRound } from '../../../domain/round';
import { fetchNodeRounds } from '../api';

export function usePeriodRound(nodeId: string | null, period: ReportPeriod, version = 0): NodeRound | null {
  const [found, setFound] = useState<{ key: string; round: NodeRound | null } | null>(null);
  const key = `${nodeId}/${period.year}-${period.kind}`;
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    fetchNodeRounds(nodeId).then(
      (rounds) => live && setFound({ key, round: roundOfPeriod(rounds, period) }),
      // No deadline column is better than no table: the table's own load reports a failure.
      () => undefined,
    );
    return () => {
      live = false;
    };
    // `key` names the node and the period; `version` asks for the rounds again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);
  // While the rounds are read again after a change, the table keeps showing the last ones it had.
  return found?.key === key ? found.round : null;
}
