/**
 * One union's report, read-only, section by section with its dialogue sessions, and the district's
 * decision: "Chấp nhận", or "Trả lại" with a required comment. The decision shows as soon as the
 * server holds it.
 */
import { useEffect, useState } from 'react';
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import type { ReportDocument } from '../../domain/report';
import type { ReviewStatus } from '../../domain/sync';
import { formatCount, formatDateTime, formatIsoDate, formatRate, useI18n, type Messages } from '../i18n';
import { StaffApiError, fetchReport, reviewReport } from './api';
import type { StaffContext } from './StaffApp';
import { failureText, isSessionEnded } from './errors';
import type { StaffMessages } from './messages';
import type { StaffReportView } from '../../domain/staff';
import { may } from './permissions';
import { DecisionHistory } from './decisions/DecisionHistory';
import { RevisionHistory } from './revisions/RevisionHistory';
import './figures.css';

/** The form's sections (except dialogues, drawn apart) and the fields each shows, in the form's order. */
const SECTIONS: { key: keyof Messages['editor']['sections']; fields: string[] }[] = [
  {
    key: 'membership',
    fields: ['workers', 'members', 'femaleMembers', 'newMembers', 'membersLeft', 'membersInOtherOrganisations'].map((f) => `membership.${f}`),
  },
  { key: 'dissemination', fields: ['dissemination.sessions', 'dissemination.attendance'] },
  { key: 'studyAndFollow', fields: ['studyAndFollow.activities', 'studyAndFollow.commendations', 'studyAndFollow.notes'] },
  { key: 'officerTraining', fields: ['officerTraining.officersTrained'] },
  { key: 'partyDevelopment', fields: ['partyDevelopment.introduced', 'partyDevelopment.admitted'] },
  {
    key: 'inspection',
    fields: ['inspections', 'supervisions', 'antiCorruptionSessions', 'complaintsReceived', 'complaintsResolved'].map((f) => `inspection.${f}`),
  },
  { key: 'grassrootsDemocracy', fields: ['grassrootsDemocracy.workersConferenceHeld', 'grassrootsDemocracy.workersConferenceDate'] },
  { key: 'administrativeReform', fields: ['administrativeReform.notes'] },
  { key: 'proposals', fields: ['proposals.text', 'explanations.memberChange', 'explanations.partyAdmission'] },
];

function valueAt(document: ReportDocument, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
}

function displayValue(value: unknown, path: string, m: StaffMessages): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'boolean') return value ? m.report.yes : m.report.no;
  if (typeof value === 'number') return formatCount(value);
  if (path.endsWith('Date')) return formatIsoDate(String(value));
  return String(value);
}

export function ReportScreen({ context, reportId }: { context: StaffContext; reportId: string }) {
  const { m, onSessionEnded, place } = context;
  const { t } = useI18n();
  const [view, setView] = useState<StaffReportView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    fetchReport(reportId)
      .then((loaded) => live && setView(loaded))
      .catch((error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setFailure(error);
      });
    return () => {
      live = false;
    };
  }, [reportId, onSessionEnded]);

  async function decide(status: ReviewStatus) {
    if (!view) return;
    if (status === 'returned' && !comment.trim()) {
      setMessage({ text: m.report.commentRequired, kind: 'error' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const report = await reviewReport(reportId, status, comment.trim(), view.report.revision);
      // Read the report again for its history with the new decision (who and when, as the server kept them).
      setView((await fetchReport(reportId).catch(() => null)) ?? { ...view, report });
      setMessage({ text: status === 'accepted' ? m.report.accepted : m.report.returned, kind: 'ok' });
      setComment('');
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      if (error instanceof StaffApiError && error.error === 'stale_revision') {
        const reloaded = await fetchReport(reportId).catch(() => null);
        if (reloaded) setView(reloaded);
        setMessage({ text: m.report.stale, kind: 'error' });
      } else if (error instanceof StaffApiError && error.error === 'report_accepted') {
        setMessage({ text: m.report.alreadyAccepted, kind: 'error' });
      } else if (error instanceof StaffApiError && error.error === 'validation_failed') {
        setMessage({ text: m.report.notReady, kind: 'error' });
      } else {
        setMessage({ text: failureText(error, m), kind: 'error' });
      }
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <a className="link-back" href={view ? `#/staff/node/${encodeURIComponent(view.superior.id)}` : '#/staff'}>
      ← {m.report.back}
    </a>
  );
  if (failure)
    return (
      <section>
        {back}
        <p className="notice notice-error" role="alert">
          {failureText(failure, m)}
        </p>
      </section>
    );
  if (!view) return <p className="shell-loading">{m.overview.loading}</p>;

  const { document, review } = view.report;
  const rate = unionizationRate(document.membership.members, document.membership.workers);
  const meets = meetsUnionizationTarget(rate);
  const standing = review ? review.status : document.status === 'ready' ? 'sent' : 'draft';
  const canReview = may(place, 'review');
  const canDecide = canReview && document.status === 'ready' && review?.status !== 'accepted';

  return (
    <article className="staff-report" data-testid="staff-report" data-report-id={reportId}>
      {back}
      <h2 className="screen-title">{view.union.name}</h2>
      <p className="muted" data-testid="report-superior">{m.report.filedUnder(view.superior.name)}</p>
      <p className="staff-report-meta">
        <strong>{t.periodLabel(document.period.year, document.period.kind)}</strong>
        <span className={`staff-standing staff-standing-${standing}`} data-testid="report-standing">
          {m.standing[standing]}
        </span>
        <span className="muted">{m.report.savedAt(formatDateTime(view.report.savedAt))}</span>
        <span className="muted">{m.report.revisions(view.revisions.length)}</span>
      </p>

      <section className="card staff-decision" aria-labelledby="staff-decision-title">
        <h3 className="card-title" id="staff-decision-title">
          {m.report.decision}
        </h3>
        {review ? (
          <div className={`notice ${review.status === 'accepted' ? 'notice-ok' : 'notice-error'}`} data-testid="review-decision" data-status={review.status}>
            <p className="review-heading">
              {m.standing[review.status]} · {m.report.decidedAt(formatDateTime(review.decidedAt))}
            </p>
            {review.comment ? <p data-testid="review-comment">{review.comment}</p> : null}
          </div>
        ) : null}
        {canDecide ? (
          <>
            <div className="field">
              <label className="field-label" htmlFor="staff-comment">
                {m.report.comment}
              </label>
              <textarea
                id="staff-comment"
                name="comment"
                className="input input-long"
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
              <p className="field-hint">{m.report.commentHint}</p>
            </div>
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy} data-testid="review-accept" onClick={() => void decide('accepted')}>
                {m.report.accept}
              </button>
              <button type="button" className="button button-danger-quiet" disabled={busy} data-testid="review-return" onClick={() => void decide('returned')}>
                {m.report.return}
              </button>
            </div>
          </>
        ) : (
          <p className="muted">{review?.status === 'accepted' ? m.report.finalNote : !canReview ? m.report.viewOnly : m.report.notReady}</p>
        )}
        {message ? (
          <p
            className={`field-message ${message.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
            role={message.kind === 'ok' ? 'status' : 'alert'}
            data-testid="review-message"
          >
            {message.text}
          </p>
        ) : null}
      </section>

      <DecisionHistory decisions={view.decisions} />

      <RevisionHistory reportId={reportId} revisions={view.revisions} onFailure={(error) => isSessionEnded(error) && onSessionEnded()} />

      <section className="card">
        <h3 className="card-title">{m.report.rate}</h3>
        <p className="rate-figures">
          <span className="rate-value" data-testid="report-rate">
            {formatRate(rate)}
          </span>
          {meets == null ? null : <span className={`badge ${meets ? 'badge-ok' : 'badge-bad'}`}>{meets ? m.met : m.notMet}</span>}
        </p>
      </section>

      {SECTIONS.map((section) => (
        <section key={section.key} className="card" data-testid={`report-section-${section.key}`}>
          <h3 className="card-title">{t.editor.sections[section.key]}</h3>
          <dl className="staff-figures">
            {section.fields.map((path) => (
              <div key={path} className="staff-figure">
                <dt>{t.fields[path] ?? path}</dt>
                <dd data-testid={`figure-${path}`}>{displayValue(valueAt(document, path), path, m)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}

      <section className="card" data-testid="report-section-dialogues">
        <h3 className="card-title">
          {t.editor.sections.dialogues} ({t.dialogues.count(document.dialogues.length)})
        </h3>
        {document.dialogues.length === 0 ? (
          <p className="empty">{m.report.dialoguesNone}</p>
        ) : (
          <div className="staff-table-wrap">
            <table className="staff-table">
              <thead>
                <tr>
                  <th scope="col">{t.dialogues.date}</th>
                  <th scope="col">{t.dialogues.kind}</th>
                  <th scope="col">{t.dialogues.ledBy}</th>
                  <th scope="col" className="num">
                    {t.dialogues.participants}
                  </th>
                  <th scope="col" className="num">
                    {t.dialogues.recommendationsRaised}
                  </th>
                  <th scope="col" className="num">
                    {t.dialogues.recommendationsResolved}
                  </th>
                  <th scope="col">{t.dialogues.notes}</th>
                </tr>
              </thead>
              <tbody>
                {document.dialogues.map((session) => (
                  <tr key={session.id} data-testid="report-dialogue">
                    <td className="figure">{session.date ? formatIsoDate(session.date) : '—'}</td>
                    <td>{t.dialogueKinds[session.kind]}</td>
                    <td>{session.ledBy || '—'}</td>
                    <td className="num">{formatCount(session.participants)}</td>
                    <td className="num">{formatCount(session.recommendationsRaised)}</td>
                    <td className="num">{formatCount(session.recommendationsResolved)}</td>
                    <td>{session.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
