/**
 * Whether the officer may change a report in the editor, and why not. A report marked ready is
 * read-only until the officer reopens it; one the district accepted is final (the server refuses
 * every change with 409 `report_accepted`), so it has no way back to a draft, whatever its local
 * status says (a reopen made offline before the decision arrived still cannot reach the server).
 */
import type { ReportStatus } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';

export type EditLock = 'editable' | 'ready' | 'accepted';

export function editLock(status: ReportStatus, sync: Pick<LocalReportSync, 'review'>): EditLock {
  if (sync.review?.status === 'accepted') return 'accepted';
  return status === 'ready' ? 'ready' : 'editable';
}
