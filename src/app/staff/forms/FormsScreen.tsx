/**
 * `#/staff/node/<id>/forms`: the forms that apply to a node (the built-in ones, the node's own and
 * those of the nodes above it) with their versions and status; for an admin, an upload that checks the
 * spreadsheet and lists every problem by sheet, row and column, a preview of the draft, and "Ban hành"
 * with a confirmation. Any published version downloads as the .xlsx that starts its next version.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { roleAllows } from '../../../domain/organisation';
import { formFileName, type FormProblems, type FormSummary, type FormVersion } from '../../../domain/forms/catalogue';
import { formatDateTime, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { StaffApiError, fetchForm, fetchFormFile, fetchForms, publishFormVersion, uploadForm } from '../api';
import { failureText, isSessionEnded } from '../errors';
import { FailureNotice } from '../FailureNotice';
import type { StaffContext } from '../staffContext';
import { FormPreview } from './FormPreview';
import { rollupMessages } from './rollupMessages';
import { formRollupHref } from './rollupRoute';
import { formsMessages, type FormsMessages } from './messages';
import './forms.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function uploadFailureText(error: unknown, m: FormsMessages, staff: StaffContext['m']): string {
  if (error instanceof StaffApiError) {
    if (error.error === 'not_a_spreadsheet' || error.error === 'unsupported_media_type') return m.notASpreadsheet;
    if (error.error === 'payload_too_large') return m.tooLarge;
  }
  return failureText(error, staff);
}

async function download(form: FormSummary): Promise<void> {
  const url = URL.createObjectURL(await fetchFormFile(form.code, form.version));
  const link = document.createElement('a');
  link.href = url;
  link.download = formFileName(form.code, form.version);
  link.click();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function ProblemsTable({ problems, m }: { problems: FormProblems; m: FormsMessages }) {
  const c = m.problemColumns;
  return (
    <div className="notice notice-error" role="alert" data-testid="form-problems">
      <p>{m.problemsTitle(problems.length)}</p>
      <div className="staff-table-wrap">
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{c.sheet}</th>
              <th scope="col">{c.row}</th>
              <th scope="col">{c.column}</th>
              <th scope="col">{c.message}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem, index) => (
              <tr key={index} data-testid="form-problem" data-sheet={problem.sheet} data-row={problem.row ?? ''} data-column={problem.column ?? ''}>
                <td>{problem.sheet}</td>
                <td className="num">{problem.row ?? ''}</td>
                <td>{problem.column ?? ''}</td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function FormsScreen({ context, nodeId }: { context: StaffContext; nodeId: string }) {
  const { language } = useI18n();
  const m = formsMessages(language);
  const isAdmin = roleAllows(context.place.role, 'admin');
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState<FormVersion | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const { onSessionEnded } = context;

  const failed = useCallback(
    (error: unknown) => {
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    },
    [onSessionEnded],
  );
  /** An action refused: an ended session goes to sign in, anything else is said beside the actions. */
  const refused = (error: unknown, text: string) => {
    if (isSessionEnded(error)) onSessionEnded();
    else setNotice({ kind: 'error', text });
  };

  useEffect(() => {
    let live = true;
    fetchForms(nodeId).then((answer) => live && setForms(answer.forms), (error: unknown) => live && failed(error));
    return () => {
      live = false;
    };
  }, [nodeId, version, failed]);

  const onUpload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setProblems(null);
    setNotice(null);
    try {
      const stored = await uploadForm(nodeId, file);
      setShown(stored);
      setNotice({ kind: 'ok', text: m.uploaded(stored.form.title, stored.form.version) });
      setVersion((v) => v + 1);
    } catch (error) {
      if (error instanceof StaffApiError && error.error === 'form_invalid' && Array.isArray(error.details)) setProblems(error.details as FormProblems);
      else refused(error, uploadFailureText(error, m, context.m));
    } finally {
      setBusy(false);
    }
  };

  const onPublish = async (form: FormSummary) => {
    setNotice(null);
    try {
      const published = await publishFormVersion(form.code, form.version);
      setShown(published);
      setNotice({ kind: 'ok', text: m.published(published.form.title, published.form.version) });
      setVersion((v) => v + 1);
    } catch (error) {
      refused(error, error instanceof StaffApiError && error.error === 'form_published' ? m.alreadyPublished : failureText(error, context.m));
    }
  };

  const onPreview = (form: FormSummary) => {
    setNotice(null);
    fetchForm(form.code, form.version).then(setShown, (error: unknown) => refused(error, failureText(error, context.m)));
  };

  const onDownload = (form: FormSummary) => {
    download(form).catch((error: unknown) => refused(error, failureText(error, context.m)));
  };

  const c = m.columns;
  return (
    <section className="staff-forms" data-testid="staff-forms" data-node-id={nodeId}>
      <p className="staff-forms-back">
        <a href={`#/staff/node/${encodeURIComponent(nodeId)}`} data-testid="forms-back">
          {m.back}
        </a>
      </p>
      <h2 className="screen-title">{m.title}</h2>
      <p className="muted">{m.intro}</p>
      {failure ? <FailureNotice failure={failure} m={context.m} /> : null}

      <section className="card">
        <h3 className="card-title">{m.listTitle}</h3>
        {forms == null ? (
          <p className="shell-loading">{m.loading}</p>
        ) : (
          <div className="staff-table-wrap">
            <table className="staff-table" data-testid="forms-table">
              <thead>
                <tr>
                  <th scope="col">{c.title}</th>
                  <th scope="col">{c.code}</th>
                  <th scope="col">{c.version}</th>
                  <th scope="col">{c.status}</th>
                  <th scope="col">{c.owner}</th>
                  <th scope="col">{c.actions}</th>
                </tr>
              </thead>
              <tbody>
                {forms.map((form) => (
                  <tr key={`${form.code}/${form.version}`} data-testid="form-line" data-code={form.code} data-version={form.version} data-status={form.status}>
                    <th scope="row">{form.title}</th>
                    <td>
                      <code>{form.code}</code>
                    </td>
                    <td className="num">{form.version}</td>
                    <td>
                      {m.status[form.status]}
                      {form.publishedAt && form.publishedBy ? <div className="muted">{m.publishedOn(formatDateTime(form.publishedAt), form.publishedBy)}</div> : null}
                      {form.status === 'draft' && form.createdAt && form.createdBy ? <div className="muted">{m.uploadedOn(formatDateTime(form.createdAt), form.createdBy)}</div> : null}
                    </td>
                    <td>{form.node ? form.node.name : m.builtin}</td>
                    <td>
                      <div className="button-row">
                        <button type="button" className="button button-small" data-testid="form-preview-open" onClick={() => onPreview(form)}>
                          {m.preview}
                        </button>
                        {form.status === 'published' ? (
                          <button type="button" className="button button-small" data-testid="form-download" onClick={() => onDownload(form)}>
                            {m.download}
                          </button>
                        ) : null}
                        {form.status === 'published' ? (
                          <a className="button button-small" href={formRollupHref(nodeId, form.code)} data-testid="form-rollup-link">
                            {rollupMessages(language).link}
                          </a>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isAdmin ? (
        <section className="card" data-testid="form-upload">
          <h3 className="card-title">{m.uploadTitle}</h3>
          <p className="muted">{m.uploadHint}</p>
          <form onSubmit={(event) => void onUpload(event)}>
            <label className="field">
              <span className="field-label">{m.file}</span>
              <input
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="form-file"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </label>
            <div className="button-row">
              <button type="submit" className="button" data-testid="form-upload-submit" disabled={!file || busy}>
                {busy ? m.uploading : m.upload}
              </button>
            </div>
          </form>
          {problems ? <ProblemsTable problems={problems} m={m} /> : null}
        </section>
      ) : null}

      {notice ? (
        <p className={notice.kind === 'ok' ? 'notice' : 'notice notice-error'} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="forms-notice">
          {notice.text}
        </p>
      ) : null}

      {shown ? (
        <>
          {isAdmin && shown.form.status === 'draft' ? (
            <ConfirmAction
              label={m.publish}
              question={m.publishQuestion(shown.form.title, shown.form.version)}
              confirmLabel={m.publishConfirm}
              cancelLabel={m.cancel}
              onConfirm={() => onPublish(shown.form)}
              testId="form-publish"
            />
          ) : null}
          <FormPreview definition={shown.definition} m={m} />
        </>
      ) : null}
    </section>
  );
}

/** The node screen's way to its forms. */
export function FormsLink({ nodeId }: { nodeId: string }) {
  const { language } = useI18n();
  return (
    <p className="staff-forms-link">
      <a href={`#/staff/node/${encodeURIComponent(nodeId)}/forms`} data-testid="node-forms-link">
        {formsMessages(language).link}
      </a>
    </p>
  );
}
