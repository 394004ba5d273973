/**
 * The last section: what still stops sending, and the warnings, each with the way to its field.
 * Where the report stands and the button that sends it are the editor's one status card above.
 */
import type { DateRange } from '../../../domain/period';
import type { ReportCheck } from '../../../domain/validation';
import { useI18n } from '../../i18n';
import { fieldLabel, issueText } from '../../formFields/issueText';
import { sectionOfPath } from '../../formFields/reportForm';

export function ReviewSection({
  check,
  unparseable,
  activities,
  onGoTo,
}: {
  check: ReportCheck;
  unparseable: readonly string[];
  /** The dates the activities must fall within (the round's, or the period's own). */
  activities: DateRange;
  onGoTo: (path: string) => void;
}) {
  const { t } = useI18n();
  const reasons = [
    ...unparseable.map((path) => ({ path, text: t.unparseable })),
    ...check.errors.filter((e) => !unparseable.includes(e.path)).map((e) => ({ path: e.path, text: issueText(t, e, activities) })),
  ];
  const warnings = check.warnings.map((warning) => ({ path: warning.path, text: issueText(t, warning, activities), explained: warning.explained }));
  return (
    <ReviewIssues
      reasons={reasons}
      warnings={warnings}
      label={(path) => t.editor.fieldIn(fieldLabel(t, path), t.editor.sections[sectionOfPath(path)])}
      labelWarnings={false}
      onGoTo={onGoTo}
    />
  );
}

export interface ReviewIssue {
  path: string;
  text: string;
}

/**
 * What still stops sending and the warnings, each with a button to its field: the review step of every
 * editor, Plan 94's and a form's. `labelWarnings`: Plan 94's warnings name their field in their own words.
 */
export function ReviewIssues({
  reasons,
  warnings,
  label,
  labelWarnings = true,
  onGoTo,
}: {
  reasons: ReviewIssue[];
  warnings: (ReviewIssue & { explained?: boolean })[];
  label: (path: string) => string;
  labelWarnings?: boolean;
  onGoTo: (path: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="review">
      {reasons.length > 0 ? (
        <div data-testid="mark-ready-reasons">
          <p className="review-heading">{t.editor.markReadyBlocked}</p>
          <ul className="issue-list">
            {reasons.map((reason, i) => (
              <li key={i} className="issue issue-error">
                <span>
                  <strong>{label(reason.path)}</strong>: {reason.text}
                </span>
                <button type="button" className="button button-small" onClick={() => onGoTo(reason.path)}>
                  {t.editor.goToField}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice notice-ok">{t.editor.noIssues}</p>
      )}
      {warnings.length > 0 ? (
        <div data-testid="review-warnings">
          <p className="review-heading">{t.editor.warningsTitle}</p>
          <ul className="issue-list">
            {warnings.map((warning, i) => (
              <li key={i} className="issue issue-warning">
                <span>
                  {labelWarnings ? <strong>{label(warning.path)}</strong> : null}
                  {labelWarnings ? ': ' : null}
                  {warning.text} ({warning.explained ? t.editor.explained : t.editor.notExplained})
                </span>
                <button type="button" className="button button-small" onClick={() => onGoTo(warning.path)}>
                  {t.editor.goToField}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
