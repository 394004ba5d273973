/**
 * The messages beside each field of a form report (issue 22): the built-in blocks' issues as Plan 94
 * words them, then the rows' own errors and warnings. The officer's editor and the staff preview show
 * the same ones, so a province sees in the preview what its rules will say on the phone.
 */
import type { ReportFormCheck } from '../../domain/forms/reportCheck';
import type { FormCheck } from '../../domain/forms/validate';
import type { DateRange } from '../../domain/period';
import type { Messages } from '../i18n';
import type { FieldMessage } from '../ui/FieldRow';
import { messagesByPath } from './issueText';
import type { FormReading } from './reportForm';

const NO_ISSUES: FormCheck = { errors: [], warnings: [], canMarkReady: true };

/** The rows' issues of a check; none for a report without rows of its own (Plan 94). */
export function rowIssues(check: ReportFormCheck): FormCheck {
  return check.values ?? NO_ISSUES;
}

/** `touched`: whether the officer has been to a field; "required" waits for it, as Plan 94's does. */
export function formIssuesByPath(
  t: Messages,
  check: ReportFormCheck,
  reading: FormReading,
  activities: DateRange,
  touched: (path: string) => boolean,
): Map<string, FieldMessage[]> {
  const messages = messagesByPath(t, check.report, reading.unparseable, activities, touched);
  const add = (path: string, message: FieldMessage) => messages.set(path, [...(messages.get(path) ?? []), message]);
  const values = rowIssues(check);
  for (const issue of values.errors) {
    const path = `values.${issue.code}`;
    if (reading.unparseable.includes(path) || (issue.reason === 'required' && !touched(path))) continue;
    add(path, { kind: 'error', text: issue.message });
  }
  for (const issue of values.warnings) add(`values.${issue.code}`, { kind: 'warning', text: issue.message });
  return messages;
}
