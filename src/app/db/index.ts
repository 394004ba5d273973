/** The browser app's local storage: the one way features and the sync engine reach IndexedDB. */
export { LocalStore, getLocalStore, type LocalStoreOptions } from './database';
export { REPORT_SAVED_MARK, REPORT_SAVE_STARTED_MARK, type CreateReportOptions } from './reports';
export {
  DatabaseClosedError,
  ImportPlanChangedError,
  PeriodTakenError,
  ReportNotFoundError,
  ReportNotReadyError,
  StorageFullError,
} from './errors';
export { onDatabaseEvent, hasDatabaseEventHappened, type DatabaseEvent } from './events';
export {
  flushPendingWrites,
  hasPendingWrites,
  notifyPendingWritesChanged,
  onPendingWritesChanged,
  registerPendingWriteSource,
  type PendingWriteSource,
} from './pendingWrites';
export { newUuid } from './ids';
export {
  CURRENT_VERSION,
  DATABASE_NAME,
  type OutboxEntry,
  type PushSetting,
  type SettingKey,
  type SettingValues,
  type ReportVersion,
  type StoredReport,
} from './schema';
