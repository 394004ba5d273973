/**
 * "Xem và in báo cáo": the officer's report as an official document. On screen it is also the
 * read-only preview before sending: the rule errors and warnings above the sheet, the header and
 * signature details still missing asked for (never guessed), and "In / Lưu PDF" through the
 * browser's own print. Nothing outside the sheet prints. Loaded on demand with its font.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { emptyProfile, type ReportDocument, type UnionProfile } from '../../../domain/report';
import { activityRange, roundOfPeriod } from '../../../domain/round';
import { checkReport, type ReportCheck } from '../../../domain/validation';
import { getLocalStore, type StoredReport } from '../../db';
import { useI18n } from '../../i18n';
import { loadDocumentFonts } from '../../print/fonts';
import { Addressee, DocumentBody, DocumentFooter, DocumentHeader, DocumentTitle, OfficialDocument } from '../../print/OfficialDocument';
import { numberLine, placeAndDateLine, recipientLines, signerAuthorityLines } from '../../print/officialText';
import { reportBody, reportSummaryLine } from '../../print/reportBody';
import { formReportBody, formSummaryLine } from '../../print/formBody';
import { formRows, type FormDefinition } from '../../../domain/forms/definition';
import { checkReportForm } from '../../../domain/forms/reportCheck';
import { isPlan94Report, reportFormRef } from '../../../domain/forms/reportForm';
import { roundOfForm } from '../reports/useFormDefinition';
import { DateInput } from '../../ui/DateInput';
import { FieldRow } from '../../ui/FieldRow';
import { routeHref } from '../../ui/router';
import { fieldLabel, issueText } from '../../formFields/issueText';
import { sectionOfPath } from '../../formFields/reportForm';
import { useReportingRounds } from '../reports/useReportingRounds';
import { printMessages, type PrintMessages } from './messages';

/** The profile's fields the printed header and signature need, in the order they print. */
const PRINT_PROFILE_FIELDS = ['superiorName', 'unionName', 'shortName', 'placeName', 'signerName', 'signerTitle', 'recipients'] as const;
type PrintProfileField = (typeof PRINT_PROFILE_FIELDS)[number];

interface Loaded {
  stored: StoredReport;
  profile: UnionProfile;
  previous: ReportDocument | null;
  /** The form of a report of another form than Plan 94 (issue 22); null for Plan 94. */
  definition: FormDefinition | null;
}

type LoadState = { phase: 'loading' } | { phase: 'missing' } | { phase: 'loaded'; data: Loaded };

async function readReport(reportId: string): Promise<LoadState> {
  const store = getLocalStore();
  const stored = await store.reports.get(reportId);
  if (!stored) return { phase: 'missing' };
  const [profile, previous, definition] = await Promise.all([
    store.settings.get('profile'),
    store.reports.previousOf(stored.document.period, stored.formId),
    isPlan94Report(stored.document) ? null : store.forms.get(reportFormRef(stored.document)),
  ]);
  return { phase: 'loaded', data: { stored, profile: profile ?? emptyProfile(), previous, definition } };
}

export function PrintScreen({ reportId }: { reportId: string }) {
  const { t, language } = useI18n();
  const m = printMessages(language);
  const [state, setState] = useState<LoadState>({ phase: 'loading' });
  const [fontsReady, setFontsReady] = useState(false);

  const read = useCallback(() => readReport(reportId), [reportId]);
  const reload = useCallback(async () => setState(await read()), [read]);

  useEffect(() => {
    let live = true;
    void loadDocumentFonts().then(() => live && setFontsReady(true));
    read().then(
      (next) => live && setState(next),
      () => live && setState({ phase: 'missing' }),
    );
    return () => {
      live = false;
    };
  }, [read]);

  const data = state.phase === 'loaded' ? state.data : null;
  const union = data?.profile.unionName.trim() ?? '';
  const periodLabel = data ? t.periodLabel(data.stored.document.period.year, data.stored.document.period.kind) : '';
  useEffect(() => {
    if (!data) return;
    // Chromium's "Save as PDF" names the file after the page title.
    const before = document.title;
    document.title = m.documentTitle(periodLabel, union);
    return () => {
      document.title = before;
    };
  }, [data, m, periodLabel, union]);

  if (state.phase === 'loading') return <p className="shell-loading print-controls">{t.common.loading}</p>;
  if (state.phase === 'missing')
    return (
      <div className="print-controls">
        <p className="notice notice-error" data-testid="print-not-found">
          {m.notFound}
        </p>
        <a className="link-back" href="#/">
          {t.editor.backToList}
        </a>
      </div>
    );
  const { stored, profile, previous, definition } = state.data;
  return (
    <div className="print-screen" data-testid="print-screen" data-report-id={stored.document.id} data-fonts-ready={fontsReady ? 'true' : 'false'}>
      <div className="print-controls screen-only">
        <a className="link-back" href={routeHref({ screen: 'report', reportId, section: null })} data-testid="print-back">
          ← {m.back}
        </a>
        <h2>{m.title}</h2>
        {definition ? <FormIssuesPanel m={m} stored={stored} previous={previous} definition={definition} /> : <IssuesPanel m={m} stored={stored} previous={previous} />}
        <PrintDetailsForm key={stored.document.updatedAt} m={m} stored={stored} profile={profile} onSaved={reload} />
        <PrintActions m={m} title={m.documentTitle(periodLabel, union)} />
      </div>
      <ReportAsDocument report={stored.document} profile={profile} definition={definition} />
    </div>
  );
}

/** The printed document itself, from the report and the profile. */
export function ReportAsDocument({ report, profile, definition = null }: { report: ReportDocument; profile: UnionProfile; definition?: FormDefinition | null }) {
  const blocks = useMemo(() => (definition ? formReportBody(report, definition, profile) : reportBody(report, profile)), [report, profile, definition]);
  const issuance = report.issuance ?? { number: '', date: '' };
  return (
    <OfficialDocument testId="official-document">
      <DocumentHeader
        letterhead={{
          superiorName: profile.superiorName ?? '',
          issuerName: profile.unionName,
          numberLine: numberLine(issuance.number, 'BC', profile.shortName ?? ''),
          placeAndDateLine: placeAndDateLine(profile.placeName ?? '', issuance.date, report.period.year),
        }}
      />
      <DocumentTitle kind="BÁO CÁO" summary={definition ? formSummaryLine(definition, report) : reportSummaryLine(report.period)} />
      <Addressee name={profile.superiorName ?? ''} />
      <DocumentBody
        blocks={blocks}
        closing={
          <DocumentFooter
            recipients={recipientLines(profile.recipients)}
            authority={signerAuthorityLines(profile.signerTitle)}
            signerName={profile.signerName ?? ''}
          />
        }
      />
    </OfficialDocument>
  );
}

/** A form report's issues before printing (issue 22): its rows' and its blocks', each with the way to fix it. */
function FormIssuesPanel({ m, stored, previous, definition }: { m: PrintMessages; stored: StoredReport; previous: ReportDocument | null; definition: FormDefinition }) {
  const { t } = useI18n();
  const round = roundOfForm(useReportingRounds(), stored.document, definition.id);
  const activities = useMemo(() => activityRange(stored.document.period, round), [stored.document.period, round]);
  const check = useMemo(() => checkReportForm(stored.document, definition, { previous, activities }), [stored.document, definition, previous, activities]);
  const label = (code: string) => formRows(definition).find((row) => row.code === code)?.label ?? code;
  const fixHref = routeHref({ screen: 'report', reportId: stored.id, section: null });
  const errors = [
    ...check.report.errors.map((issue) => `${fieldLabel(t, issue.path)}: ${issueText(t, issue, activities)}`),
    ...(check.values?.errors ?? []).map((issue) => `${label(issue.code)}: ${issue.message}`),
  ];
  const warnings = [
    ...check.report.warnings.map((issue) => `${fieldLabel(t, issue.path)}: ${issueText(t, issue, activities)} (${issue.explained ? m.explained : m.notExplained})`),
    ...(check.values?.warnings ?? []).map((issue) => `${label(issue.code)}: ${issue.message} (${issue.explained ? m.explained : m.notExplained})`),
  ];
  if (errors.length === 0 && warnings.length === 0)
    return (
      <p className="notice notice-ok" data-testid="print-no-issues">
        {m.noIssues}
      </p>
    );
  return (
    <div className="card print-issues" data-testid="print-issues">
      <IssueList kind="error" title={m.errorsTitle} texts={errors} fix={m.fix} fixHref={fixHref} />
      <IssueList kind="warning" title={m.warningsTitle} texts={warnings} fix={m.fix} fixHref={fixHref} />
    </div>
  );
}

function IssuesPanel({ m, stored, previous }: { m: PrintMessages; stored: StoredReport; previous: ReportDocument | null }) {
  const { t } = useI18n();
  // The superior's round sets the dates the activities must fall within, as in the editor.
  const round = roundOfPeriod(useReportingRounds(), stored.document.period);
  const activities = useMemo(() => activityRange(stored.document.period, round), [stored.document.period, round]);
  const check: ReportCheck = useMemo(() => checkReport(stored.document, { previous, activities }), [stored.document, previous, activities]);
  const fixHref = (path: string) => routeHref({ screen: 'report', reportId: stored.id, section: sectionOfPath(path) });
  if (check.errors.length === 0 && check.warnings.length === 0)
    return (
      <p className="notice notice-ok" data-testid="print-no-issues">
        {m.noIssues}
      </p>
    );
  return (
    <div className="card print-issues" data-testid="print-issues">
      {check.errors.length > 0 ? (
        <>
          <h3 className="card-title print-issue-error">{m.errorsTitle}</h3>
          <ul>
            {check.errors.map((issue, index) => (
              <li key={index} className="print-issue-error" data-testid="print-error">
                {fieldLabel(t, issue.path)}: {issueText(t, issue, activities)} <a href={fixHref(issue.path)}>{m.fix}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {check.warnings.length > 0 ? (
        <>
          <h3 className="card-title print-issue-warning">{m.warningsTitle}</h3>
          <ul>
            {check.warnings.map((issue, index) => (
              <li key={index} className="print-issue-warning" data-testid="print-warning">
                {fieldLabel(t, issue.path)}: {issueText(t, issue, activities)} ({issue.explained ? m.explained : m.notExplained}){' '}
                <a href={fixHref(issue.path)}>{m.fix}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function isMissing(profile: UnionProfile, field: PrintProfileField): boolean {
  // Recipients beyond "Như trên" and "Lưu" are optional; the signer's title defaults to the chair.
  if (field === 'recipients') return false;
  return !(profile[field] ?? '').trim();
}

/**
 * The document's number and date (always offered: they belong to this printing), and the profile's
 * header and signature details that are still empty. A field stays on screen while it is typed in.
 */
function PrintDetailsForm({
  m,
  stored,
  profile,
  onSaved,
}: {
  m: PrintMessages;
  stored: StoredReport;
  profile: UnionProfile;
  onSaved: () => Promise<void>;
}) {
  const [asked] = useState(() => PRINT_PROFILE_FIELDS.filter((field) => isMissing(profile, field)));
  const [values, setValues] = useState<Record<PrintProfileField, string>>(() => {
    const entries = PRINT_PROFILE_FIELDS.map((field) => [field, profile[field] ?? ''] as const);
    return Object.fromEntries(entries) as Record<PrintProfileField, string>;
  });
  const [issuance, setIssuance] = useState(() => stored.document.issuance ?? { number: '', date: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // An accepted report is final (the server refuses every change): its number and date stay as they are.
  const locked = stored.sync.review?.status === 'accepted';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const store = getLocalStore();
    try {
      if (asked.length > 0) {
        const next: UnionProfile = { ...profile };
        for (const field of asked) next[field] = values[field].trim().slice(0, field === 'shortName' ? 40 : 200);
        await store.settings.set('profile', next);
      }
      const current = stored.document.issuance ?? { number: '', date: '' };
      const wanted = { number: issuance.number.trim().slice(0, 20), date: issuance.date };
      if (!locked && (wanted.number !== current.number || wanted.date !== current.date))
        await store.reports.save({ ...stored.document, issuance: wanted }, stored);
      setMessage({ kind: 'ok', text: m.saved });
      await onSaved();
    } catch {
      setMessage({ kind: 'error', text: m.saveFailed });
    }
  };

  const hints: Partial<Record<PrintProfileField, string>> = {
    superiorName: m.superiorNameHint,
    shortName: m.shortNameHint,
    placeName: m.placeNameHint,
    signerTitle: m.signerTitleHint,
    recipients: m.recipientsHint,
  };

  return (
    <form className="card" onSubmit={(event) => void save(event)} data-testid="print-details">
      <h3 className="card-title">{m.issuanceTitle}</h3>
      {locked ? (
        <p className="muted">{m.acceptedNoEdit}</p>
      ) : (
        <>
          <div className="field">
            <label className="field-label" htmlFor="print-number">
              {m.number}
            </label>
            <input
              id="print-number"
              className="input input-count"
              inputMode="numeric"
              maxLength={20}
              data-testid="print-field-number"
              value={issuance.number}
              onChange={(e) => setIssuance({ ...issuance, number: e.target.value })}
            />
            <p className="field-hint">{m.numberHint}</p>
          </div>
          <FieldRow id="print-date" label={m.date}>
            <DateInput id="print-date" testId="print-field-date" unreadableIsEmpty value={issuance.date} onChange={(date) => setIssuance({ ...issuance, date })} />
          </FieldRow>
        </>
      )}
      {asked.length > 0 ? (
        <>
          <h3 className="card-title">{m.missingTitle}</h3>
          <p className="muted">{m.missingIntro}</p>
          {asked.map((field) => (
            <div className="field" key={field}>
              <label className="field-label" htmlFor={`print-${field}`}>
                {m[field]}
              </label>
              <input
                id={`print-${field}`}
                className="input"
                maxLength={field === 'shortName' ? 40 : 200}
                data-testid={`print-field-${field}`}
                value={values[field]}
                onChange={(e) => setValues({ ...values, [field]: e.target.value })}
              />
              {hints[field] ? <p className="field-hint">{hints[field]}</p> : null}
            </div>
          ))}
        </>
      ) : null}
      <button type="submit" className="button button-primary" data-testid="print-details-save">
        {m.save}
      </button>
      {message ? (
        <p className={`field-message field-message-${message.kind}`} role="status" data-testid="print-details-message">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

/** A PDF the officer saved from the print dialog can be handed to Zalo, mail … where the browser shares files. */
function canShareFiles(): boolean {
  try {
    const probe = new File([new Uint8Array([37, 80, 68, 70])], 'bao-cao.pdf', { type: 'application/pdf' });
    return typeof navigator.canShare === 'function' && navigator.canShare({ files: [probe] });
  } catch {
    return false;
  }
}

function PrintActions({ m, title }: { m: PrintMessages; title: string }) {
  const [shareable] = useState(canShareFiles);
  const [shareFailed, setShareFailed] = useState(false);
  const share = async (file: File | undefined) => {
    if (!file) return;
    setShareFailed(false);
    try {
      await navigator.share({ files: [file], title });
    } catch (error) {
      // Closing the share sheet is the officer's choice, not a failure.
      if (!(error instanceof DOMException && error.name === 'AbortError')) setShareFailed(true);
    }
  };
  return (
    <div className="card">
      <div className="button-row">
        <button type="button" className="button button-primary" data-testid="print-button" onClick={() => window.print()}>
          {m.print}
        </button>
        {shareable ? (
          <label className="button" data-testid="print-share">
            {m.share}
            <input
              className="print-share-input"
              type="file"
              accept="application/pdf"
              onChange={(e) => void share(e.target.files?.[0])}
            />
          </label>
        ) : null}
      </div>
      <p className="field-hint">{m.printHint}</p>
      {shareable ? <p className="field-hint">{m.shareHint}</p> : null}
      {shareFailed ? (
        <p className="field-message field-message-error" role="alert">
          {m.shareFailed}
        </p>
      ) : null}
    </div>
  );
}

export default PrintScreen;

/** One kind of the report's issues before printing, each with its way back to the field. */
function IssueList({ kind, title, texts, fix, fixHref }: { kind: 'error' | 'warning'; title: string; texts: readonly string[]; fix: string; fixHref: string }) {
  if (texts.length === 0) return null;
  return (
    <>
      <h3 className={`card-title print-issue-${kind}`}>{title}</h3>
      <ul>
        {texts.map((text, index) => (
          <li key={index} className={`print-issue-${kind}`} data-testid={`print-${kind}`}>
            {text} <a href={fixHref}>{fix}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
