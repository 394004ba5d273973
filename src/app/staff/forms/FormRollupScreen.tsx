/**
 * `#/staff/node/<id>/forms/<formId>/rollup/<year>/<kind>`: a form's roll-up at a node for a period
 * (issue 22), from `GET /api/staff/nodes/:id/forms/:formId/rollup`. Every row of the form in its order
 * under its section's heading, the node's total then a column per node directly below, with units,
 * vi-VN figures, ratios as percents and how many of the expected CĐCS reported in each column; and the
 * same table as a spreadsheet (`…/rollup.xlsx`). The server checks the node and the form; the period
 * picker moves the address.
 */
import { useEffect, useState } from 'react';
import { duePeriod } from '../../../domain/period';
import { navigate, parseRoute } from '../../ui/router';
import { formatCount, useI18n } from '../../i18n';
import { fetchFormRollup, fetchFormRollupFile, formRollupFileUrl, type FormRollupView } from '../api';
import { isSessionEnded } from '../errors';
import { FailedScreen } from '../FailureNotice';
import { PeriodToolbar } from '../OverviewScreen';
import type { PeriodChoice, StaffContext } from '../staffContext';
import { columnReach, rollupLines } from './rollupTable';
import { rollupMessages } from './rollupMessages';
import { formRollupHref } from './rollupRoute';
import './forms.css';

export function FormRollupScreen({
  context,
  nodeId,
  formId,
  period: chosen,
}: {
  context: StaffContext;
  nodeId: string;
  formId: string;
  /** Null: the period due now. */
  period: PeriodChoice | null;
}) {
  const [due] = useState(() => duePeriod(Date.now(), []));
  const period = chosen ?? due;
  const { t, language } = useI18n();
  const rm = rollupMessages(language);
  const { m, onSessionEnded } = context;
  const key = `${nodeId}/${formId}/${period.year}/${period.kind}`;
  const [loaded, setLoaded] = useState<{ key: string; view: FormRollupView } | { key: string; failure: unknown } | null>(null);
  const [downloadFailed, setDownloadFailed] = useState(false);

  const { year, kind } = period;
  useEffect(() => {
    let live = true;
    fetchFormRollup(nodeId, formId, { year, kind }).then(
      (view) => live && setLoaded({ key, view }),
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setLoaded({ key, failure: error });
      },
    );
    return () => {
      live = false;
    };
    // The period by its parts: a new object for the same period must not add up again.
  }, [key, nodeId, formId, year, kind, onSessionEnded]);

  const current = loaded && loaded.key === key ? loaded : null;
  const back = (
    <p className="staff-forms-back">
      <a href={`#/staff/node/${encodeURIComponent(nodeId)}/forms`} data-testid="form-rollup-back-forms">
        ← {rm.backToForms}
      </a>{' '}
      ·{' '}
      <a href={`#/staff/node/${encodeURIComponent(nodeId)}`} data-testid="form-rollup-back-node">
        {rm.backToNode}
      </a>
    </p>
  );
  if (current && 'failure' in current) return <FailedScreen back={back} failure={current.failure} m={m} />;

  const toolbar = (
    <PeriodToolbar
      m={m}
      period={period}
      onPeriodChange={(next) => navigate(parseRoute(formRollupHref(nodeId, formId, next)))}
    />
  );
  if (!current) {
    return (
      <section className="staff-forms staff-form-rollup" data-testid="form-rollup" data-loaded="false">
        {back}
        {toolbar}
        <p className="shell-loading">{rm.loading}</p>
      </section>
    );
  }

  const { view } = current;
  const lines = rollupLines(view, (n) => rm.answered(formatCount(n)));
  const fileUrl = formRollupFileUrl(nodeId, formId, period);
  const download = () => {
    setDownloadFailed(false);
    fetchFormRollupFile(nodeId, formId, period).then(
      (file) => {
        const url = URL.createObjectURL(file);
        const link = document.createElement('a');
        link.href = url;
        link.download = `tong-hop-${formId}-${period.year}-${period.kind}.xlsx`;
        link.click();
        // The browser has taken the file once the click is handled.
        setTimeout(() => URL.revokeObjectURL(url), 0);
      },
      (error: unknown) => (isSessionEnded(error) ? onSessionEnded() : setDownloadFailed(true)),
    );
  };
  const span = 2 + view.columns.length;

  return (
    <section
      className="staff-forms staff-form-rollup"
      data-testid="form-rollup"
      data-loaded="true"
      data-form-id={view.form.id}
      data-form-version={view.form.version}
      data-period={`${view.period.year}-${view.period.kind}`}
    >
      {back}
      <h2 className="screen-title">{rm.title(view.form.title)}</h2>
      <p className="muted" data-testid="form-rollup-intro">
        {rm.intro(view.columns[0]?.name ?? '', t.periodLabel(view.period.year, view.period.kind))}
      </p>
      {toolbar}
      <p className="staff-forms-link">
        <a
          href={fileUrl}
          data-testid="form-rollup-download"
          onClick={(event) => {
            // The file needs the session's token, which a plain link does not carry.
            event.preventDefault();
            download();
          }}
        >
          {rm.download}
        </a>
      </p>
      {downloadFailed ? (
        <p className="notice notice-error" role="alert">
          {rm.downloadFailed}
        </p>
      ) : null}
      <div className="card">
        <div className="staff-table-wrap">
          <table className="staff-table" data-testid="form-rollup-table">
            <thead>
              <tr>
                <th scope="col">{rm.columns.label}</th>
                <th scope="col">{rm.columns.unit}</th>
                {view.columns.map((column, index) => (
                  <th key={column.nodeId} scope="col" className="num" data-testid="form-rollup-column" data-node-id={column.nodeId}>
                    {index === 0 ? (
                      <>
                        {rm.total}
                        <div className="muted">{column.name}</div>
                      </>
                    ) : (
                      <a href={formRollupHref(column.nodeId, formId, period)}>{column.name}</a>
                    )}
                  </th>
                ))}
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {rm.reported}
                </th>
                {view.columns.map((column) => (
                  <td key={column.nodeId} className="num" data-testid="form-rollup-reach" data-node-id={column.nodeId}>
                    {columnReach(column)}
                  </td>
                ))}
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) =>
                line.kind === 'heading' ? (
                  <tr key={`h${index}`} className="staff-rollup-heading" data-testid="form-rollup-heading">
                    <th scope="rowgroup" colSpan={span}>
                      {line.title}
                    </th>
                  </tr>
                ) : (
                  <tr key={line.code} data-testid="form-rollup-row" data-code={line.code}>
                    <th scope="row">{[line.number, line.label].filter(Boolean).join('. ')}</th>
                    <td>{line.unit}</td>
                    {line.cells.map((cell, column) => (
                      <td key={column} className="num" data-testid="form-rollup-cell">
                        {cell || '—'}
                      </td>
                    ))}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
