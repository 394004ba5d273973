/**
 * The rounds that apply to a period on a node, nearest first, one per form (domain/round.ts
 * `periodRoundsByForm`), or null while they are read; read again whenever `version` changes (a round
 * opened, its deadline moved, closed, reopened), so the period table's deadline column follows the
 * rounds panel without a page reload. The table waits for them: they name the form it shows.
 */
import { useEffect, useState } from 'react';
import type { ReportPeriod } from '../../../domain/period';
import { periodRoundsByForm, type NodeRound } from '../../../domain/round';
import { fetchNodeRounds } from '../api';

export function usePeriodRounds(nodeId: string | null, period: ReportPeriod, version = 0): NodeRound[] | null {
  const [found, setFound] = useState<{ key: string; rounds: NodeRound[] } | null>(null);
  const key = `${nodeId}/${period.year}-${period.kind}`;
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    fetchNodeRounds(nodeId).then(
      (rounds) => live && setFound({ key, rounds: periodRoundsByForm(rounds, period) }),
      // No deadline column (and Plan 94's table) is better than no table: the table's own load reports a failure.
      () => live && setFound({ key, rounds: [] }),
    );
    return () => {
      live = false;
    };
    // `key` names the node and the period; `version` asks for the rounds again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);
  // While the rounds are read again after a change, the table keeps showing the last ones it had.
  return found?.key === key ? found.rounds : null;
}
