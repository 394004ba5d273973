import Dexie from 'dexie';
import { emitDatabaseEvent } from './events';

/** The browser refused to store more: the disk (or the origin's quota) is full. Nothing was written. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('Storage is full', options);
  }
}

/** The database was closed because another tab upgraded it; the page must be reloaded. */
export class DatabaseClosedError extends Error {
  override readonly name = 'DatabaseClosedError';
  constructor(options?: { cause?: unknown }) {
    super('The database was closed for an upgrade in another tab', options);
  }
}

/** A second report for a period that already has one on this device. */
export class PeriodTakenError extends Error {
  override readonly name = 'PeriodTakenError';
  constructor(readonly existingReportId: string) {
    super('A report for this period already exists');
  }
}

/** "Mark ready" was asked while the report still has errors. */
export class ReportNotReadyError extends Error {
  override readonly name = 'ReportNotReadyError';
  constructor(readonly errorCount: number) {
    super('The report still has errors');
  }
}

export class ReportNotFoundError extends Error {
  override readonly name = 'ReportNotFoundError';
  constructor(readonly reportId: string) {
    super('No such report');
  }
}

/** The local data changed between showing the import plan and importing: plan again. */
export class ImportPlanChangedError extends Error {
  override readonly name = 'ImportPlanChangedError';
  constructor() {
    super('Local reports changed since the import plan was made');
  }
}

function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === Dexie.errnames.QuotaExceeded || name === 'QuotaExceededError') return true;
    e = (e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

function isClosedError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === Dexie.errnames.DatabaseClosed;
}

/** Translate the browser's storage failures into the errors the UI knows how to explain. */
export function toStorageError(error: unknown): unknown {
  if (isQuotaError(error)) {
    emitDatabaseEvent({ kind: 'quotaExceeded' });
    return new StorageFullError({ cause: error });
  }
  if (isClosedError(error)) return new DatabaseClosedError({ cause: error });
  return error;
}

/** Run a storage operation and rethrow its failure as a typed error. */
export async function withStorageErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error);
  }
}
