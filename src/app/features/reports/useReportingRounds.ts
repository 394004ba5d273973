/** The union's reporting rounds as the last pull brought them, read again after every sync. */
import { sameValue } from '../../../domain/merge';
import { useEffect, useState } from 'react';
import type { ReportingRound } from '../../../domain/round';
import { getLocalStore } from '../../db';
import { useSyncStatus } from '../syncStatus';

const NO_ROUNDS: ReportingRound[] = [];

export function useReportingRounds(): ReportingRound[] {
  const store = getLocalStore();
  const { lastSyncAt } = useSyncStatus();
  const [rounds, setRounds] = useState<ReportingRound[]>(NO_ROUNDS);
  useEffect(() => {
    let live = true;
    store.settings.get('rounds').then(
      // The same rounds again (every start, every sync that brought none): no new drawing of the screen.
      (held) => live && setRounds((current) => (sameValue(current, held ?? NO_ROUNDS) ? current : (held ?? NO_ROUNDS))),
      // Unreadable settings: the built-in deadlines apply, as before any round arrived.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store, lastSyncAt]);
  return rounds;
}
