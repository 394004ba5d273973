/**
 * The rows report_values holds for the newest counted revisions this process wrote, so that the next push of
 * the same report takes its old figures from here instead of reading and parsing its stored document again
 * (decision 0014: the old side of the sums is that document's rows). An officer who marks a report ready
 * and then corrects a figure pushes it again and again; each of those pushes needs the rows of the one before.
 *
 * Why it is safe: a report's revision number names one document for good (a push that changes it writes a
 * new revision, and a revision's document never changes), so rows kept under (report, revision) are right
 * for that revision in any process, and the push asks the database for the document whenever the stored
 * revision is another one. Rows are kept only after the push's transaction has committed: a rolled-back
 * revision number may be written again with another document. A restore runs with the server stopped
 * (docs/operations.md), so no process keeps rows across one. Kept per store (tests open several stores in
 * one process, with the same report ids).
 */
import type { ReportValuesTable } from '../store/schema';
import type { Store } from '../store/store';

/** Enough for every report pushed again within minutes on a province's deadline day; about 5 KB each for a 60-row form. */
export const KEPT_REPORTS = 2_000;

/** A report answers one form version for life, and a version's rows never change: the revision is enough. */
export interface CountedRows {
  revision: number;
  rows: readonly ReportValuesTable[];
}

const byStore = new WeakMap<Store, Map<string, CountedRows>>();

function kept(store: Store): Map<string, CountedRows> {
  let map = byStore.get(store);
  if (!map) byStore.set(store, (map = new Map()));
  return map;
}

/** The rows kept for this report, if any (of whichever revision was last kept). */
export function keptCountedRows(store: Store, reportId: string): CountedRows | undefined {
  return kept(store).get(reportId);
}

/** Keeps a committed revision's rows (null: it is not counted, nothing to keep), dropping the report kept longest ago. */
export function keepCountedRows(store: Store, reportId: string, entry: CountedRows | null): void {
  const map = kept(store);
  map.delete(reportId);
  if (!entry) return;
  map.set(reportId, entry);
  if (map.size > KEPT_REPORTS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
