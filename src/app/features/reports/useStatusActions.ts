/**
 * The editor's own lifecycle actions (send, reopen, go to the review) and the Vietnamese words of one
 * that failed: one hook for Plan 94's editor and a form's, so both say the same thing when the phone's
 * storage is full or the rules still find an error.
 */
import { useState } from 'react';
import { getLocalStore, ReportNotReadyError, StorageFullError } from '../../db';
import { useI18n } from '../../i18n';
import type { LifecycleHandlers } from './useReportLifecycle';

export function useStatusActions(
  reportId: string,
  /** The autosave queue: what the officer typed last is written before the report is marked ready. */
  pending: { flush(): Promise<unknown> },
  goToReview: () => void,
): { statusError: string | null; handlers: LifecycleHandlers } {
  const { t } = useI18n();
  const store = getLocalStore();
  const [statusError, setStatusError] = useState<string | null>(null);
  const send = async () => {
    setStatusError(null);
    try {
      await pending.flush();
      // The editor's watch takes the new status in, as it does every write of the report.
      await store.reports.markReady(reportId);
      return true;
    } catch (error) {
      setStatusError(
        error instanceof ReportNotReadyError ? t.editor.markReadyBlocked : error instanceof StorageFullError ? t.db.storageFull : t.db.genericError,
      );
      return false;
    }
  };
  const reopen = async () => {
    setStatusError(null);
    try {
      await store.reports.reopen(reportId);
    } catch (error) {
      setStatusError(error instanceof StorageFullError ? t.db.storageFull : t.db.genericError);
    }
  };
  return { statusError, handlers: { send, reopen, goToReview } };
}
