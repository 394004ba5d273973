/**
 * One union's report, read-only: the superior's decision ("Chấp nhận", or "Trả lại" with a required
 * comment; an acceptance made by mistake withdrawn with a reason), then the figures section by
 * section with the dialogue sessions, and below them the history: what changed since the last
 * decision, the sends (autosaved drafts apart) and every decision. The decision shows as soon as the
 * server holds it.
 */
import { useEffect, useState } from 'react';
import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import type { FormDefinition } from '../../domain/forms/definition';
import { isPlan94Report, reportFormRef } from '../../domain/forms/reportForm';
import type { ReportDocument } from '../../domain/report';
import { decisionInForce, type ReviewStatus } from '../../domain/sync';
import { formatCount, formatDateTime, formatIsoDate, formatRate, useI18n, type Messages } from '../i18n';
import { StaffApiError, fetchReport, reviewReport, withdrawAcceptance } from './api';
import type { StaffContext } from './staffContext';
import { failureText, isSessionEnded } from './errors';
import { FailedScreen } from './FailureNotice';
import type { StaffMessages } from './messages';
import type { StaffReportView } from '../../domain/staff';
import { may } from './permissions';
import { DecisionHistory } from './decisions/DecisionHistory';
import { RevisionHistory } from './revisions/RevisionHistory';
import { StaffTable } from './StaffTable';
import { shownSections } from './forms/formValues';
import { useFormDefinition } from './forms/useFormDefinition';
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
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  // The form a report other than Plan 94 answers, for its rows' labels and order.
  const formRef = view && !isPlan94Report(view.report.document) ? reportFormRef(view.report.document) : null;
  const [formFailed, setFormFailed] = useState(false);
  const definition = useFormDefinition(formRef, (error) => (isSessionEnded(error) ? onSessionEnded() : setFormFailed(true)));

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

  async function withdraw() {
    if (!view) return;
    if (!reason.trim()) {
      setMessage({ text: m.report.withdrawReasonRequired, kind: 'error' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const report = await withdrawAcceptance(reportId, reason.trim());
      setView((await fetchReport(reportId).catch(() => null)) ?? { ...view, report, mayWithdrawAcceptance: false });
      setMessage({ text: m.report.withdrawn, kind: 'ok' });
      setReason('');
    } catch (error) {
      if (isSessionEnded(error)) return onSessionEnded();
      if (error instanceof StaffApiError && error.error === 'report_not_accepted') {
        const reloaded = await fetchReport(reportId).catch(() => null);
        if (reloaded) setView(reloaded);
        setMessage({ text: m.report.notAccepted, kind: 'error' });
      } else if (error instanceof StaffApiError && error.error === 'forbidden') {
        setMessage({ text: m.report.withdrawForbidden, kind: 'error' });
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
  if (failure) return <FailedScreen back={back} failure={failure} m={m} />;
  if (!view) return <p className="shell-loading">{m.overview.loading}</p>;

  const { document, review } = view.report;
  // A withdrawn acceptance leaves no decision standing: the report is sent and waits for one.
  const decision = decisionInForce(review);
  const standing = decision ? decision.status : document.status === 'ready' ? 'sent' : 'draft';
  const canReview = may(place, 'review');
  const canDecide = canReview && document.status === 'ready' && review?.status !== 'accepted';
  const canWithdraw = review?.status === 'accepted' && view.mayWithdrawAcceptance === true;
  const sends = view.revisions.filter((revision) => revision.status === 'ready').length;
  const plan94 = isPlan94Report(document);

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
        <span className="muted" data-testid="report-sends">
          {m.report.revisions(sends)}
        </span>
      </p>

      <section className="card staff-decision" aria-labelledby="staff-decision-title">
        <h3 className="card-title" id="staff-decision-title">
          {m.report.decision}
        </h3>
        {review ? (
          <div
            className={`notice ${review.status === 'accepted' ? 'notice-ok' : review.status === 'returned' ? 'notice-error' : ''}`}
            data-testid="review-decision"
            data-status={review.status}
          >
            <p className="review-heading">
              {review.status === 'withdrawn' ? m.report.withdrawnStanding : m.standing[review.status]} · {m.report.decidedAt(formatDateTime(review.decidedAt))}
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
        ) : canWithdraw ? (
          <>
            <p className="review-heading">{m.report.withdrawTitle}</p>
            <div className="field">
              <label className="field-label" htmlFor="staff-withdraw-reason">
                {m.report.withdrawReason}
              </label>
              <textarea
                id="staff-withdraw-reason"
                name="reason"
                className="input input-long"
                data-testid="withdraw-reason"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <p className="field-hint">{m.report.withdrawHint}</p>
            </div>
            <div className="button-row">
              <button type="button" className="button button-danger-quiet" disabled={busy} data-testid="withdraw-acceptance" onClick={() => void withdraw()}>
                {m.report.withdraw}
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

      {plan94 ? (
        <>
          <MembershipRate document={document} m={m} />
          {SECTIONS.map((section) => (
            <FiguresSection key={section.key} document={document} sectionKey={section.key} fields={section.fields} m={m} />
          ))}
          <DialoguesSection document={document} m={m} />
        </>
      ) : (
        <FormSections document={document} definition={definition} failed={formFailed} m={m} />
      )}

      <RevisionHistory
        reportId={reportId}
        form={plan94 ? undefined : (definition ?? undefined)}
        revisions={view.revisions}
        decisions={view.decisions}
        onFailure={(error) => isSessionEnded(error) && onSessionEnded()}
      />

      <DecisionHistory decisions={view.decisions} />
    </article>
  );
}

function MembershipRate({ document, m }: { document: ReportDocument; m: StaffMessages }) {
  const rate = unionizationRate(document.membership.members, document.membership.workers);
  const meets = meetsUnionizationTarget(rate);
  return (
    <section className="card">
      <h3 className="card-title">{m.report.rate}</h3>
      <p className="rate-figures">
        <span className="rate-value" data-testid="report-rate">
          {formatRate(rate)}
        </span>
        {meets == null ? null : <span className={`badge ${meets ? 'badge-ok' : 'badge-bad'}`}>{meets ? m.met : m.notMet}</span>}
      </p>
    </section>
  );
}

function FiguresSection({
  document,
  sectionKey,
  fields,
  title,
  m,
}: {
  document: ReportDocument;
  sectionKey: keyof Messages['editor']['sections'];
  fields: string[];
  /** The form's own heading, for a block placed by a form; the editor's otherwise. */
  title?: string;
  m: StaffMessages;
}) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid={`report-section-${sectionKey}`}>
      <h3 className="card-title">{title ?? t.editor.sections[sectionKey]}</h3>
      <dl className="staff-figures">
        {fields.map((path) => (
          <div key={path} className="staff-figure">
            <dt>{t.fields[path] ?? path}</dt>
            <dd data-testid={`figure-${path}`}>{displayValue(valueAt(document, path), path, m)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function DialoguesSection({ document, title, m }: { document: ReportDocument; title?: string; m: StaffMessages }) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="report-section-dialogues">
      <h3 className="card-title">
        {title ?? t.editor.sections.dialogues} ({t.dialogues.count(document.dialogues.length)})
      </h3>
      {document.dialogues.length === 0 ? (
        <p className="empty">{m.report.dialoguesNone}</p>
      ) : (
        <StaffTable
          columns={[
            t.dialogues.date,
            t.dialogues.kind,
            t.dialogues.ledBy,
            { label: t.dialogues.participants, numeric: true },
            { label: t.dialogues.recommendationsRaised, numeric: true },
            { label: t.dialogues.recommendationsResolved, numeric: true },
            t.dialogues.notes,
          ]}
        >
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
        </StaffTable>
      )}
    </section>
  );
}

/**
 * A report of a form other than Plan 94: its rows section by section as a table (label, unit, value;
 * a text row as prose; an explanation under its row), its built-in blocks as a Plan 94 report shows them.
 */
function FormSections({ document, definition, failed, m }: { document: ReportDocument; definition: FormDefinition | null; failed: boolean; m: StaffMessages }) {
  const { t } = useI18n();
  if (!definition)
    return failed ? (
      <p className="notice notice-error" role="alert" data-testid="report-form-failed">
        {m.report.formFailed}
      </p>
    ) : (
      <p className="shell-loading">{m.overview.loading}</p>
    );
  const sections = shownSections(t, definition, document.values ?? {}, document.valueNotes ?? {});
  return (
    <div data-testid="report-form-values" data-form-id={definition.id} data-form-version={definition.version}>
      <p className="muted" data-testid="report-form-title">
        {m.report.formTitle(definition.title, definition.version)}
      </p>
      {sections.map((section, index) =>
        section.kind === 'block' ? (
          section.block === 'membership' ? (
            <div key={index}>
              <MembershipRate document={document} m={m} />
              <FiguresSection document={document} sectionKey="membership" fields={SECTIONS[0]!.fields} title={section.title} m={m} />
            </div>
          ) : (
            <DialoguesSection key={index} document={document} title={section.title} m={m} />
          )
        ) : (
          <section key={index} className="card" data-testid="report-form-section">
            <h3 className="card-title">{section.title}</h3>
            <StaffTable columns={[m.report.formColumns.label, m.report.formColumns.unit, { label: m.report.formColumns.value, numeric: true }]}>
              {section.rows.map((row) =>
                row.shape === 'prose' ? (
                  <tr key={row.code} data-testid="report-form-row" data-code={row.code}>
                    <th scope="row">{[row.number, row.label].filter(Boolean).join('. ')}</th>
                    <td colSpan={2} className="staff-form-prose">
                      {row.value || '—'}
                      {row.note ? <p className="muted">{m.report.formNote(row.note)}</p> : null}
                    </td>
                  </tr>
                ) : (
                  <tr key={row.code} data-testid="report-form-row" data-code={row.code}>
                    <th scope="row">
                      {[row.number, row.label].filter(Boolean).join('. ')}
                      {row.note ? <p className="muted">{m.report.formNote(row.note)}</p> : null}
                    </th>
                    <td>{row.unit}</td>
                    <td className="num" data-testid="report-form-value">
                      {row.value || '—'}
                    </td>
                  </tr>
                ),
              )}
            </StaffTable>
          </section>
        ),
      )}
    </div>
  );
}
