/**
 * The period table of the CĐCS directly under a node: every union with its figures and report
 * status, two filters, the totals row, and "Tải bảng CSV". The node screen loads the overview (one
 * request, carrying each report's number of dialogue sessions) and hands it here.
 */
import { useMemo } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, type PeriodKind } from '../../domain/period';
import { formatCount, formatRate, useI18n } from '../i18n';
import { buildOverviewCsv, csvFileName, csvLabels } from './csv';
import type { StaffContext, PeriodChoice } from './StaffApp';
import { overviewTotals, filterUnions, rateOf, type OverviewFilters } from './overview';
import type { NodeOverview } from '../../domain/staff';

const YEARS = Array.from({ length: LAST_REPORT_YEAR - FIRST_REPORT_YEAR + 1 }, (_, i) => FIRST_REPORT_YEAR + i);

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Year and kind of report: the period every table of the node screen shows. */
export function PeriodToolbar({
  m,
  period,
  onPeriodChange,
}: {
  m: StaffContext['m'];
  period: PeriodChoice;
  onPeriodChange: (period: PeriodChoice) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="staff-toolbar">
        <label className="staff-inline-field">
          <span>{m.overview.year}</span>
          <select
            className="input"
            name="year"
            data-testid="staff-year"
            value={period.year}
            onChange={(event) => onPeriodChange({ ...period, year: Number(event.target.value) })}
          >
            {YEARS.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-inline-field">
          <span>{m.overview.kind}</span>
          <select
            className="input"
            name="kind"
            data-testid="staff-kind"
            value={period.kind}
            onChange={(event) => onPeriodChange({ ...period, kind: event.target.value as PeriodKind })}
          >
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.periodKinds[kind]}
              </option>
            ))}
          </select>
        </label>
    </div>
  );
}

export function OverviewScreen({
  context,
  overview,
  period,
  filters,
  onFiltersChange: setFilters,
}: {
  context: StaffContext;
  overview: NodeOverview | null;
  period: PeriodChoice;
  filters: OverviewFilters;
  onFiltersChange: (filters: OverviewFilters) => void;
}) {
  const { m } = context;
  const { t } = useI18n();

  const shown = useMemo(() => (overview ? filterUnions(overview.unions, filters) : []), [overview, filters]);
  const totals = useMemo(() => overviewTotals(overview?.unions ?? []), [overview]);
  const periodLabel = t.periodLabel(period.year, period.kind);

  return (
    <section className="staff-overview">
      <h3 className="staff-section-title">{m.tree.unionsTitle}</h3>
      <div className="staff-toolbar">
        <fieldset className="staff-filters">
          <legend className="visually-hidden">{m.overview.filters}</legend>
          <label>
            <input
              type="checkbox"
              data-testid="filter-below-target"
              checked={filters.belowTarget}
              onChange={(event) => setFilters({ ...filters, belowTarget: event.target.checked })}
            />{' '}
            {m.overview.belowTarget}
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="filter-not-reported"
              checked={filters.notReported}
              onChange={(event) => setFilters({ ...filters, notReported: event.target.checked })}
            />{' '}
            {m.overview.notReported}
          </label>
        </fieldset>
        <button
          type="button"
          className="button"
          data-testid="download-csv"
          disabled={!overview}
          onClick={() =>
            overview &&
            downloadText(buildOverviewCsv(shown, totals, csvLabels(m)), csvFileName(period.year, period.kind))
          }
        >
          {m.overview.download}
        </button>
      </div>

      {!overview ? (
        <p className="shell-loading">{m.overview.loading}</p>
      ) : (
        <>
          <p className="muted" data-testid="staff-summary">
            {m.overview.summary(overview.direct.reported, overview.direct.unions)}
          </p>
          <div className="staff-table-wrap">
            <table className="staff-table" data-testid="overview-table" data-period={`${period.year}-${period.kind}`}>
              <caption className="visually-hidden">{m.overview.caption(periodLabel)}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.columns.name}</th>
                  <th scope="col">{m.columns.code}</th>
                  <th scope="col" className="num">
                    {m.columns.workers}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.members}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.rate}
                  </th>
                  <th scope="col">{m.columns.target}</th>
                  <th scope="col">{m.columns.standing}</th>
                  <th scope="col" className="num">
                    {m.columns.dialogues}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="empty">
                      {overview.unions.length === 0 ? m.overview.empty : m.overview.noMatch}
                    </td>
                  </tr>
                ) : null}
                {shown.map((union) => {
                  const { rate, meetsTarget } = rateOf(union);
                  return (
                    <tr key={union.id} data-testid="union-row" data-union-id={union.id} data-standing={union.standing}>
                      <th scope="row">
                        {union.report ? (
                          <a href={`#/staff/report/${encodeURIComponent(union.report.id)}`} data-testid="open-report">
                            {union.name}
                          </a>
                        ) : (
                          union.name
                        )}
                        {union.movedAway ? <div className="muted" data-testid="union-moved-away">{m.overview.movedAway}</div> : null}
                      </th>
                      <td className="union-code-cell">{union.code ?? ''}</td>
                      <td className="num">{formatCount(union.report?.workers)}</td>
                      <td className="num">{formatCount(union.report?.members)}</td>
                      <td className="num" data-testid="union-rate">
                        {union.report ? formatRate(rate) : ''}
                      </td>
                      <td data-testid="union-target">
                        {meetsTarget == null ? '' : (
                          <span className={`badge ${meetsTarget ? 'badge-ok' : 'badge-bad'}`}>{meetsTarget ? m.met : m.notMet}</span>
                        )}
                      </td>
                      <td data-testid="union-standing">
                        <span className={`staff-standing staff-standing-${union.standing}`}>{m.standing[union.standing]}</span>
                      </td>
                      <td className="num" data-testid="union-dialogues">
                        {union.report ? formatCount(union.report.dialogueSessions) : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="staff-total">
                  <th scope="row">{m.overview.total}</th>
                  <td />
                  <td className="num">{formatCount(totals.workers)}</td>
                  <td className="num">{formatCount(totals.members)}</td>
                  <td className="num" data-testid="total-rate">
                    {formatRate(totals.rate)}
                  </td>
                  <td>
                    {totals.meetsTarget == null ? '' : (
                      <span className={`badge ${totals.meetsTarget ? 'badge-ok' : 'badge-bad'}`}>
                        {totals.meetsTarget ? m.met : m.notMet}
                      </span>
                    )}
                  </td>
                  <td>{m.overview.summary(overview.direct.reported, overview.direct.unions)}</td>
                  <td className="num">{formatCount(totals.dialogues)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
