/** The period's deadline on a node: the nearest round on or above it (the server lists them nearest first), or null. */
import { useEffect, useState } from 'react';
import type { ReportPeriod } from '../../../domain/period';
import { roundOfPeriod } from '../../../domain/round';
import { fetchNodeRounds } from '../api';

export function useRoundDeadline(nodeId: string | null, period: ReportPeriod): string | null {
  const [found, setFound] = useState<{ key: string; deadline: string | null } | null>(null);
  const key = `${nodeId}/${period.year}-${period.kind}`;
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    fetchNodeRounds(nodeId).then(
      (rounds) => live && setFound({ key, deadline: roundOfPeriod(rounds, period)?.deadline ?? null }),
      // No deadline column is better than no table: the table's own load reports a failure.
      () => undefined,
    );
    return () => {
      live = false;
    };
    // `key` names the node and the period.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return found?.key === key ? found.deadline : null;
}
