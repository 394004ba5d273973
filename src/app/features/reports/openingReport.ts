/**
 * The editor's first read of its report (the stored row and the previous period's report), which the
 * app starts at once when it opens on a report's address: it then runs while the database opens and
 * the editor's chunk loads, instead of after both, and the editor's first drawing already holds the
 * draft. In the entry bundle (it is small); the editor takes the result once.
 */
import type { FormDefinition } from '../../../domain/forms/definition';
import { isPlan94Report, reportFormRef } from '../../../domain/forms/formRef';
import type { ReportDocument } from '../../../domain/report';
import { getLocalStore, type StoredReport } from '../../db';

export interface OpenedReport {
  stored: StoredReport | undefined;
  /** The same form's report of the period before. */
  previous: ReportDocument | null;
  /** The form a report of another form than Plan 94 answers; null for Plan 94 or a form the phone never received. */
  definition: FormDefinition | null;
}

/** Reads what the editor needs to draw the report `reportId`. */
export async function readOpenedReport(reportId: string): Promise<OpenedReport> {
  const store = getLocalStore();
  const stored = await store.reports.get(reportId);
  const previous = stored ? await store.reports.previousOf(stored.document.period, stored.formId) : null;
  const definition = stored && !isPlan94Report(stored.document) ? await store.forms.get(reportFormRef(stored.document)) : null;
  return { stored, previous, definition };
}

interface Preloaded {
  reportId: string;
  promise: Promise<OpenedReport>;
  value?: OpenedReport;
}

let preloaded: Preloaded | null = null;

/** Starts reading `reportId` for the editor about to open; resolves when it has been read (never rejects). */
export function preloadOpenedReport(reportId: string): Promise<void> {
  const entry: Preloaded = { reportId, promise: readOpenedReport(reportId) };
  preloaded = entry;
  return entry.promise.then(
    (value) => {
      entry.value = value;
    },
    () => undefined,
  );
}

/**
 * What was preloaded for `reportId`, taken once (a later visit to the editor reads again: the stored
 * copy may have moved on). `value` is there when the read has finished.
 */
export function takePreloadedReport(reportId: string): Preloaded | null {
  const entry = preloaded;
  if (!entry || entry.reportId !== reportId) return null;
  preloaded = null;
  return entry;
}
