/**
 * The autosave's write as one plain IndexedDB transaction on the connection Dexie opened.
 *
 * Dexie's own transaction runs each request through its zone-tracked promises and its middleware
 * stack (hooks, cache, and the observability layer that builds range sets of every changed key and
 * index value): in a CPU profile of 30 autosaves at 4× CPU throttling that was ≈ 35 ms of main-thread
 * time per save, between the end of the officer's pause and the commit. Here the same get and two puts
 * cost a few callbacks. What Dexie would have told the rest of the app (its `storagemutated` event, to
 * this tab's watches and, through its BroadcastChannel, to other tabs) is announced by
 * `announceWrite` after the commit, with the same parts Dexie names.
 */
import Dexie, { RangeSet, type IndexableType } from 'dexie';
import type { OutboxEntry, ReportDatabase, StoredReport } from './schema';

/** What `decide` makes of the stored row: the rows to write, or none when nothing changed. */
export type Decision = { write: false; result: StoredReport } | { write: true; report: StoredReport; outbox: OutboxEntry };

export interface NativeWrite {
  result: StoredReport;
  /** The rows written, and the stored row they replaced (for the mutated parts). */
  written?: { before: StoredReport; report: StoredReport; outbox: OutboxEntry; outboxBefore: OutboxEntry | undefined };
}

/** The IndexedDB connection behind `db`, or null when Dexie has none open (then use Dexie itself). */
export function openConnection(db: ReportDatabase): IDBDatabase | null {
  return db.isOpen() ? db.backendDB() : null;
}

/**
 * One read-write transaction on `reports` and `outbox`, with the connection's durability (the
 * browser default for `db`): read the report (and its outbox entry, for the parts), let `decide`
 * choose, write, and commit at once. Resolves on `complete`; an error thrown by `decide` or by IndexedDB aborts the whole
 * transaction (nothing written) and rejects with it.
 */
export function writeReportInOneTransaction(
  idb: IDBDatabase,
  reportId: string,
  decide: (existing: StoredReport | undefined) => Decision,
): Promise<NativeWrite> {
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    let outcome: NativeWrite | null = null;
    const transaction = idb.transaction(['reports', 'outbox'], 'readwrite');
    const fail = (error: unknown) => {
      failure ??= error;
      try {
        transaction.abort();
      } catch {
        // Already finishing; `abort` or `error` reports it.
      }
    };
    transaction.oncomplete = () => (outcome ? resolve(outcome) : reject(failure ?? new Error('The save did not run')));
    transaction.onabort = () => reject(failure ?? transaction.error ?? new DOMException('The save was aborted', 'AbortError'));
    transaction.onerror = (event) => {
      // The request's error (e.g. QuotaExceededError) aborts the transaction; keep it as the reason.
      failure ??= (event.target as IDBRequest | null)?.error ?? transaction.error;
    };
    const reports = transaction.objectStore('reports');
    const outbox = transaction.objectStore('outbox');
    const readReport = reports.get(reportId) as IDBRequest<StoredReport | undefined>;
    const readOutbox = outbox.get(reportId) as IDBRequest<OutboxEntry | undefined>;
    readOutbox.onsuccess = () => {
      try {
        const before = readReport.result;
        const decision = decide(before);
        if (!decision.write) {
          outcome = { result: decision.result };
          transaction.commit?.();
          return;
        }
        reports.put(decision.report);
        outbox.put(decision.outbox);
        // Nothing more will be asked: the browser commits as soon as the puts are done, without
        // first handing their results back to this (possibly busy) thread to learn that.
        transaction.commit?.();
        outcome = {
          result: decision.report,
          written: { before: before!, report: decision.report, outbox: decision.outbox, outboxBefore: readOutbox.result },
        };
      } catch (error) {
        fail(error);
      }
    };
  });
}

/**
 * Dexie's `storagemutated` event for a write made without Dexie, named as Dexie names its parts
 * (`idb://<db>/<table>/` for primary keys, `…/<index>` for index values): the app's watches
 * (`watchReport`, `watchOutbox`, settings) and other tabs learn of it as of any Dexie write.
 */
export function announceWrite(dbName: string, written: NonNullable<NativeWrite['written']>): void {
  const part = (table: string, index: string) => `idb://${dbName}/${table}/${index}`;
  const keys = (...values: (IndexableType | undefined)[]) =>
    new RangeSet().addKeys(values.filter((value): value is IndexableType => value !== undefined));
  const { before, report, outbox, outboxBefore } = written;
  Dexie.on('storagemutated').fire({
    [part('reports', '')]: keys(report.id),
    [part('reports', 'periodKey')]: keys(before.periodKey, report.periodKey),
    [part('reports', '[periodKey+formId]')]: keys([before.periodKey, before.formId], [report.periodKey, report.formId]),
    [part('reports', 'updatedAt')]: keys(before.updatedAt, report.updatedAt),
    [part('outbox', '')]: keys(outbox.reportId),
    [part('outbox', 'nextAttemptAt')]: keys(outboxBefore?.nextAttemptAt, outbox.nextAttemptAt),
  });
}
