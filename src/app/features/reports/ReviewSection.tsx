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
  const blocked = reasons.length > 0;
  return (
    <div className="review">
      {blocked ? (
        <div data-testid="mark-ready-reasons">
          <p className="review-heading">{t.editor.markReadyBlocked}</p>
          <ul className="issue-list">
            {reasons.map((reason, i) => (
              <li key={i} className="issue issue-error">
                <span>
                  <strong>{t.editor.fieldIn(fieldLabel(t, reason.path), t.editor.sections[sectionOfPath(reason.path)])}</strong>: {reason.text}
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
      {check.warnings.length > 0 ? (
        <div data-testid="review-warnings">
          <p className="review-heading">{t.editor.warningsTitle}</p>
          <ul className="issue-list">
            {check.warnings.map((warning, i) => (
              <li key={i} className="issue issue-warning">
                <span>
                  {issueText(t, warning, activities)} ({warning.explained ? t.editor.explained : t.editor.notExplained})
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
