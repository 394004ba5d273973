/** Turns the domain's issues into the messages shown beside each field. */
import type { DateRange } from '../../domain/period';
import type { ReportCheck, ReportIssue } from '../../domain/validation';
import { formatCount, formatIsoDate, formatPercent, type Messages } from '../i18n';
import type { FieldMessage } from '../ui/FieldRow';

/** `activities`: the dates the report's activities must fall within (the round's, or the period's defaults). */
export function issueText(t: Messages, issue: ReportIssue, activities: DateRange): string {
  const range = activities;
  const params: Record<string, string | number> = {
    from: formatIsoDate(range.from),
    to: formatIsoDate(range.to),
  };
  if (issue.params?.previous != null) params.previous = formatCount(Number(issue.params.previous));
  if (issue.params?.percent != null) {
    const percent = Number(issue.params.percent);
    params.percent = formatPercent(Math.abs(percent));
    params.direction = percent >= 0 ? 'up' : 'down';
  }
  return t.issues[issue.code](params);
}

export type MessagesByPath = ReadonlyMap<string, FieldMessage[]>;

export function messagesByPath(
  t: Messages,
  check: ReportCheck,
  unparseable: readonly string[],
  activities: DateRange,
  /** "Required" waits until the officer has been to the field (or to the review), not on a blank new report. */
  showRequired: (path: string) => boolean = () => true,
): Map<string, FieldMessage[]> {
  const byPath = new Map<string, FieldMessage[]>();
  const add = (path: string, message: FieldMessage) => byPath.set(path, [...(byPath.get(path) ?? []), message]);
  for (const path of unparseable) add(path, { kind: 'error', text: t.unparseable });
  for (const issue of check.errors) {
    // A typo already says "not a number"; the rule about the old value would only confuse.
    if (unparseable.includes(issue.path)) continue;
    if (issue.code === 'required' && !showRequired(issue.path)) continue;
    add(issue.path, { kind: 'error', text: issueText(t, issue, activities) });
  }
  for (const issue of check.warnings) add(issue.path, { kind: 'warning', text: issueText(t, issue, activities) });
  return byPath;
}

/** The label of any field path, dialogue sessions included. */
export function fieldLabel(t: Messages, path: string): string {
  const session = /^dialogues\.(\d+)\.(\w+)$/.exec(path);
  if (session) {
    const field = session[2] as keyof Messages['dialogues'];
    const label = t.dialogues[field];
    return `${t.dialogues.session(Number(session[1]) + 1)}: ${typeof label === 'string' ? label : field}`;
  }
  return t.fields[path] ?? path;
}
