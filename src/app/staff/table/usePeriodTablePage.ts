/**
 * The page of the period table the screen shows, asked of the server (GET …/period-table): the first
 * page comes alone (50 lines, not the node's thousands), and the page shown stays while the next one
 * loads, so the table does not jump. A search is sent once typing pauses (`useSettled`).
 */
import { useEffect, useState } from 'react';
import type { PeriodKind } from '../../../domain/period';
import type { PeriodTablePage, PeriodTableQuery } from '../../../domain/periodTable';
import { fetchPeriodTable } from '../api';
import { isSessionEnded } from '../errors';

export interface PeriodTableState {
  page: PeriodTablePage | null;
  loading: boolean;
  failure: unknown;
}

export function usePeriodTablePage(
  nodeId: string | null,
  period: { year: number; kind: PeriodKind },
  query: PeriodTableQuery & { form: string },
  request: { limit: number; cursor: string | null },
  /** Bumped when the node's data changed (a CĐCS added or moved, a round changed): the page is read again. */
  version: number,
  onSessionEnded: () => void,
): PeriodTableState {
  const { form, sort, direction, filter, belowTarget, notReported, search } = query;
  const { year, kind } = period;
  const { limit, cursor } = request;
  // Loading while the answer held is not the one for the page asked now.
  const asked = JSON.stringify([nodeId, year, kind, form, sort, direction, filter, belowTarget, notReported, search, limit, cursor, version]);
  const [answer, setAnswer] = useState<{ asked: string; page: PeriodTablePage | null; failure: unknown }>({ asked: '', page: null, failure: null });
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    fetchPeriodTable(nodeId, { year, kind }, { sort, direction, filter, belowTarget, notReported, search }, { limit, cursor }, form).then(
      (page) => {
        if (live) setAnswer({ asked, page, failure: null });
      },
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setAnswer((before) => ({ asked, page: before.page, failure: error }));
      },
    );
    return () => {
      live = false;
    };
  }, [asked, nodeId, year, kind, form, sort, direction, filter, belowTarget, notReported, search, limit, cursor, onSessionEnded]);
  return { page: answer.page, loading: answer.asked !== asked, failure: answer.failure };
}

/** `value` once it has stayed the same for `delayMs` (a search box: one request when typing pauses). */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
