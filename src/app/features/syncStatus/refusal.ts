/** A push the server refused, in the officer's words (the report's standing shows it). */
import { isRoundClosedDetails } from '../../../domain/round';
import type { ApiError } from '../../../domain/sync';
import { formatDate } from '../../i18n';
import type { SyncMessages } from './messages';

/** The report a 409 `period_taken` names, to continue on it. */
export function existingReportId(refusal: ApiError): string | null {
  const id = (refusal.details as { existingReportId?: unknown } | undefined)?.existingReportId;
  return refusal.error === 'period_taken' && typeof id === 'string' ? id : null;
}

/**
 * The refusal's reason in the officer's words; `fieldLabel` names a field path (`membership.members`),
 * `superior` the union's superior in the sentences that name it.
 */
export function refusalText(messages: SyncMessages, refusal: ApiError, fieldLabel: (path: string) => string, superior?: string): string {
  switch (refusal.error) {
    case 'validation_failed': {
      const details = Array.isArray(refusal.details) ? (refusal.details as { path?: unknown }[]) : [];
      const labels = [...new Set(details.map((issue) => (typeof issue.path === 'string' ? fieldLabel(issue.path) : '')))];
      return messages.refusals.validation_failed(labels.filter(Boolean).slice(0, 3).join(', '));
    }
    case 'round_closed': {
      const details = isRoundClosedDetails(refusal.details) ? refusal.details : null;
      return messages.refusals.round_closed(details ? formatDate(details.closedAt) : '…', superior);
    }
    case 'report_accepted':
      return superior ? messages.acceptedBy(superior) : messages.refusals.report_accepted;
    case 'period_taken':
    case 'forbidden':
    case 'payload_too_large':
    case 'unknown_form':
    case 'form_changed':
      return messages.refusals[refusal.error];
    default:
      return superior ? messages.refusedTell(refusal.error, superior) : messages.refusals.other(refusal.error);
  }
}
