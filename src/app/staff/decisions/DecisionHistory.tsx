/**
 * Every decision on a report, oldest first: when (vi-VN date and time), accepted, returned or an
 * acceptance withdrawn, on which revision, by whom, and the comment (a withdrawal's reason). The card
 * above shows only the last one; a report returned and then accepted keeps here who returned it and why.
 */
import type { ReviewDecisionEntry } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { StaffTable } from '../StaffTable';
import { decisionMessages, type DecisionMessages } from './messages';

function author(decision: ReviewDecisionEntry, m: DecisionMessages): string {
  if (!decision.decidedBy) return m.byUnknown;
  return decision.decidedBy.id === null ? m.byCommandLine : decision.decidedBy.username;
}

export function DecisionHistory({ decisions }: { decisions: readonly ReviewDecisionEntry[] }) {
  const { language } = useI18n();
  const m = decisionMessages(language);
  return (
    <section className="card" aria-labelledby="staff-decisions-title" data-testid="decision-history">
      <h3 className="card-title" id="staff-decisions-title">
        {m.title}
      </h3>
      {decisions.length === 0 ? (
        <p className="empty">{m.none}</p>
      ) : (
        <StaffTable columns={[m.columns.decidedAt, m.columns.status, m.columns.revision, m.columns.decidedBy, m.columns.comment]}>
          {decisions.map((decision, index) => (
            <tr key={`${decision.decidedAt}-${index}`} data-testid="decision-row" data-status={decision.status}>
              <td className="figure" data-testid="decision-at">
                {formatDateTime(decision.decidedAt)}
              </td>
              <td data-testid="decision-status">{m.status[decision.status]}</td>
              <td className="figure" data-testid="decision-revision">
                {decision.revision === null ? m.revisionUnknown : m.revision(decision.revision)}
              </td>
              <td data-testid="decision-by">{author(decision, m)}</td>
              <td data-testid="decision-comment">{decision.comment || m.noComment}</td>
            </tr>
          ))}
        </StaffTable>
      )}
    </section>
  );
}
