/**
 * Reports on this device. Every write of a document also (re)queues its outbox entry in the same
 * transaction, so a report is never changed locally without the sync engine knowing.
 */
import { mergeReports, sameValue } from '../../domain/merge';
import { periodKey, previousPeriod, type ReportPeriod } from '../../domain/period';
import { emptyReport, reportFromPrevious, type ReportDocument } from '../../domain/report';
import { neverSynced } from '../../domain/sync';
import { activityRange, roundOfPeriod, type ReportingRound } from '../../domain/round';
import { isPlan94Report, PLAN94_FORM_REF, reportFormRef, roundFormRef, type FormRef } from '../../domain/forms/formRef';
import { checkReport } from '../../domain/validation';
import type { LocalStore } from './database';
import { DatabaseClosedError, PeriodTakenError, ReportNotFoundError, ReportNotReadyError, withStorageErrors } from './errors';
import { announceWrite, openConnection, writeReportInOneTransaction, type Decision } from './nativeWrite';
import { noteWriteSucceeded } from './events';
import { newUuid } from './ids';
import {
  newOutboxEntry,
  nextTimestamp,
  storedReport,
  type OutboxEntry,
  type ReportDatabase,
  type ReportVersion,
  type StoredReport,
} from './schema';

export const REPORT_SAVED_MARK = 'report-saved';
/** When `saveEdit` was called: the benchmark splits keystroke → commit at it. */
export const REPORT_SAVE_STARTED_MARK = 'report-save-started';

export interface CreateReportOptions {
  /** Start from the previous period's standing figures (workers, members …) when that report exists. */
  fromPrevious?: boolean;
  /** The form the report answers (issue 22); absent: Plan 94, and the document names none. */
  form?: FormRef;
}

function byLatestEdit(a: StoredReport, b: StoredReport): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

/** The report of a period and form; after an import put two there, the one edited last. */
async function latestOfPeriod(db: ReportDatabase, period: ReportPeriod, formId: string): Promise<StoredReport | undefined> {
  const found = await db.reports.where('[periodKey+formId]').equals([periodKey(period), formId]).toArray();
  return found.sort(byLatestEdit)[0];
}

export class ReportRepository {
  constructor(private readonly store: LocalStore) {}

  private get db(): ReportDatabase {
    return this.store.db;
  }

  /** Every report on this device, the most recently edited first. */
  list(): Promise<StoredReport[]> {
    return withStorageErrors(async () => (await this.db.reports.toArray()).sort(byLatestEdit));
  }

  get(id: string): Promise<StoredReport | undefined> {
    return withStorageErrors(() => this.db.reports.get(id));
  }

  /** The report of a period for a form (by its id; Plan 94 when not named). */
  findByPeriod(period: ReportPeriod, formId: string = PLAN94_FORM_REF.id): Promise<StoredReport | undefined> {
    return withStorageErrors(() => latestOfPeriod(this.db, period, formId));
  }

  /** The same union's report of the same form for the period before, for the 20 % rule and "start from previous". */
  async previousOf(period: ReportPeriod, formId: string = PLAN94_FORM_REF.id): Promise<ReportDocument | null> {
    return (await this.findByPeriod(previousPeriod(period), formId))?.document ?? null;
  }

  /** A new draft. Refuses a second report for a period and form that has one (`PeriodTakenError`). */
  create(period: ReportPeriod, options: CreateReportOptions = {}): Promise<StoredReport> {
    const formId = (options.form ?? PLAN94_FORM_REF).id;
    return withStorageErrors(() =>
      this.db.transaction('rw', this.db.reports, this.db.outbox, async () => {
        const existing = await this.db.reports.where('[periodKey+formId]').equals([periodKey(period), formId]).first();
        if (existing) throw new PeriodTakenError(existing.id);
        const now = new Date().toISOString();
        const id = newUuid();
        const previous = options.fromPrevious ? await latestOfPeriod(this.db, previousPeriod(period), formId) : undefined;
        const base = previous ? reportFromPrevious(id, period, previous.document, now) : emptyReport(id, period, now);
        // A form's rows start empty (the membership block still carries over); the blocks keep today's fields.
        const document: ReportDocument = options.form && formId !== PLAN94_FORM_REF.id ? { ...base, form: options.form, values: {}, valueNotes: {} } : base;
        const stored = storedReport(document, neverSynced(), undefined);
        await this.db.reports.add(stored);
        await this.db.outbox.put(newOutboxEntry(id, now));
        return stored;
      }),
    );
  }

  /**
   * Autosave: store the officer's current document and queue it for the server, in one transaction.
   * Identity (id, period, createdAt) and status are kept from the stored copy: status changes only
   * through `markReady` / `reopen`, so a late autosave can never undo them. Returns the saved row.
   *
   * `basis` is the stored copy the editor's document grew from. If anything else (a sync pull or
   * merge, a conflict decision, another tab) wrote the report since — its `localVersion` moved on —
   * the edit is merged into the stored copy (three-way, the officer's edit winning where both changed
   * a field) instead of overwriting it. A save that changes nothing writes nothing: no new version,
   * no new "last edited", nothing to push.
   */
  saveEdit(document: ReportDocument, basis?: ReportVersion): Promise<StoredReport> {
    mark(REPORT_SAVE_STARTED_MARK, document.id);
    return withStorageErrors(async () => {
      const decide = (existing: StoredReport | undefined): Decision => {
        if (!existing) throw new ReportNotFoundError(document.id);
        const changedUnderneath = basis != null && basis.localVersion !== existing.localVersion;
        const edited = changedUnderneath ? mergeReports(basis.document, document, existing.document).merged : document;
        const next: ReportDocument = {
          ...edited,
          id: existing.document.id,
          period: existing.document.period,
          status: existing.document.status,
          createdAt: existing.document.createdAt,
          updatedAt: existing.document.updatedAt,
        };
        if (sameValue(next, existing.document)) return { write: false, result: existing };
        const queued = queuedRows(existing, { ...next, updatedAt: nextTimestamp(existing.updatedAt) });
        return { write: true, ...queued };
      };
      const idb = openConnection(this.db);
      if (!idb) {
        // Not open (yet, or any more): Dexie opens it or says why it cannot (DatabaseClosedError).
        const saved = await this.db.transaction('rw', this.db.reports, this.db.outbox, async () => {
          const decision = decide(await this.db.reports.get(document.id));
          if (!decision.write) return decision.result;
          await this.db.reports.put(decision.report);
          await this.db.outbox.put(decision.outbox);
          return decision.report;
        });
        markSaved(saved.id);
        noteWriteSucceeded();
        return saved;
      }
      const { result, written } = await writeReportInOneTransaction(idb, document.id, decide).catch((error: unknown) => {
        // The connection closed under the save (another tab's upgrade): as Dexie would say it.
        throw error instanceof DOMException && error.name === 'InvalidStateError' ? new DatabaseClosedError({ cause: error }) : error;
      });
      markSaved(result.id);
      // After the mark: the watches and other tabs hear of the write once it is committed and timed.
      if (written) announceWrite(this.db.name, written);
      noteWriteSucceeded();
      return result;
    });
  }

  /** `saveEdit` for callers that need only the document (without a basis, the document is stored as it is). */
  async save(document: ReportDocument, basis?: ReportVersion): Promise<ReportDocument> {
    return (await this.saveEdit(document, basis)).document;
  }

  /**
   * "Đánh dấu sẵn sàng gửi": only when the rules find no error, durably (strict), so the officer's
   * decision survives a power cut right after the tap.
   */
  markReady(id: string): Promise<ReportDocument> {
    return this.setStatus(id, 'ready');
  }

  /** Back to draft, to change a report already marked ready. */
  reopen(id: string): Promise<ReportDocument> {
    return this.setStatus(id, 'draft');
  }

  /** Remove the report and its queued push. The UI asks the officer first. */
  delete(id: string): Promise<void> {
    return withStorageErrors(() =>
      this.store.strictDb.transaction('rw', this.store.strictDb.reports, this.store.strictDb.outbox, async () => {
        await this.store.strictDb.reports.delete(id);
        await this.store.strictDb.outbox.delete(id);
      }),
    );
  }

  private async setStatus(id: string, status: ReportDocument['status']): Promise<ReportDocument> {
    const db = this.store.strictDb;
    // A form report's rules, with the forms' schemas, load when the officer marks one ready, not with the
    // app's start (bundle budget); before the transaction, which must not wait on anything but IndexedDB.
    // A report's form never changes, so reading it first is safe.
    const formReport = status === 'ready' && !isPlan94Report((await this.get(id))?.document ?? {});
    const forms = formReport
      ? { ...(await import('../../domain/forms/reportCheck')), ...(await import('../../domain/forms/reportForm')) }
      : null;
    return withStorageErrors(() =>
      db.transaction('rw', [db.reports, db.outbox, db.settings, db.forms], async () => {
        const existing = await db.reports.get(id);
        if (!existing) throw new ReportNotFoundError(id);
        if (status === 'ready') {
          // Only errors stop it; the previous period's report would only add warnings, so it is not read.
          // The round's dates, as the editor and the server hold the report to them.
          const rounds = ((await db.settings.get('rounds'))?.value ?? []) as ReportingRound[];
          // A form report is held to the round that asks for its form (one round per period and form).
          const formId = reportFormRef(existing.document).id;
          const round = roundOfPeriod(
            rounds.filter((candidate) => roundFormRef(candidate).id === formId),
            existing.document.period,
          );
          const ref = existing.document.form;
          const definition = ref && forms ? (forms.builtinForm(ref) ?? (await db.forms.get([ref.id, ref.version])) ?? null) : null;
          const activities = activityRange(existing.document.period, round);
          if (forms && !isPlan94Report(existing.document)) {
            const check = forms.checkReportForm(existing.document, definition, { activities });
            if (!check.canMarkReady) throw new ReportNotReadyError(check.report.errors.length + (check.values?.errors.length ?? 1));
          } else {
            const check = checkReport(existing.document, { activities });
            if (!check.canMarkReady) throw new ReportNotReadyError(check.errors.length);
          }
        }
        if (existing.document.status === status) return existing.document;
        const next: ReportDocument = { ...existing.document, status, updatedAt: nextTimestamp(existing.updatedAt) };
        return (await this.writeQueued(db, existing, next)).document;
      }),
    );
  }

  private async writeQueued(db: ReportDatabase, existing: StoredReport, document: ReportDocument): Promise<StoredReport> {
    const { report, outbox } = queuedRows(existing, document);
    await db.reports.put(report);
    await db.outbox.put(outbox);
    return report;
  }
}

/** A new version of the document and its (re)queued push. */
function queuedRows(existing: StoredReport, document: ReportDocument): { report: StoredReport; outbox: OutboxEntry } {
  // The sync fields (revision, base, review …) belong to the sync engine; only `pending` flips here.
  return {
    report: storedReport(document, { ...existing.sync, pending: true }, existing),
    outbox: newOutboxEntry(existing.id, document.updatedAt),
  };
}

function markSaved(reportId: string): void {
  // The benchmark measures keystroke → commit from this mark.
  mark(REPORT_SAVED_MARK, reportId);
}

function mark(name: string, reportId: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, { detail: { reportId } });
}
