/**
 * The period table of the CĐCS directly under a node: every union with its figures and report
 * status, two filters, the totals row, and "Tải bảng CSV". The node screen loads the overview (one
 * request, carrying each report's number of dialogue sessions) and hands it here.
 */
import { useMemo, useState } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, localIsoDate, type PeriodKind } from '../../domain/period';
import { formatCount, formatDateTime, formatIsoDate, formatRate, useI18n } from '../i18n';
import { buildOverviewCsv, csvFileName, csvLabels } from './csv';
import type { StaffContext, PeriodChoice } from './StaffApp';
import { overviewTotals, filterUnions, rateOf, type OverviewFilters } from './overview';
import type { NodeOverview, UnionOverview } from '../../domain/staff';
import { ExportActions } from './export/ExportActions';
import { useRoundDeadline } from './rounds/useRoundDeadline';
import { deadlineStandingOf, pageOf, TABLE_FILTERS, tableLines, type SortColumn, type TableFilter, type TableSort } from './table/periodTable';
import { tableMessages, type TableMessages } from './table/messages';
import './figures.css';
import './table/table.css';

const PAGE_SIZES = [50, 100, 200] as const;

function todayIso(): string {
  return localIsoDate(new Date());
}

function deadlineText(tm: TableMessages, line: UnionOverview, deadline: string, today: string): string {
  const standing = deadlineStandingOf(line, deadline, today);
  switch (standing.kind) {
    case 'sentOnTime':
      return tm.sentOnTime;
    case 'sentLate':
      return tm.sentLate(standing.daysLate);
    case 'due':
      return tm.due(standing.daysLeft);
    case 'overdue':
      return tm.overdue(standing.daysOverdue);
  }
}

/** A column header that sorts the table: a button inside the <th>, with aria-sort on the header. */
function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  column: SortColumn;
  label: string;
  sort: TableSort;
  onSort: (sort: TableSort) => void;
  numeric?: boolean;
}) {
  const active = sort.column === column;
  const next: TableSort = { column, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" data-testid={`sort-${column}`} onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

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
  const { t, language } = useI18n();
  const tm = tableMessages(language);
  const [search, setSearch] = useState('');
  const [standingFilter, setStandingFilter] = useState<TableFilter>('all');
  const [sort, setSort] = useState<TableSort>({ column: 'name', direction: 'asc' });
  const [pageSize, setPageSize] = useState<number>(100);
  const [page, setPage] = useState(0);
  const deadline = useRoundDeadline(overview?.node.id ?? null, period);
  const today = todayIso();

  // Every filter and the search apply to the whole period (6,000 lines: one pass); only a page is drawn.
  const shown = useMemo(
    () => (overview ? tableLines(filterUnions(overview.unions, filters), { search, filter: standingFilter, sort, deadline, today }) : []),
    [overview, filters, search, standingFilter, sort, deadline, today],
  );
  const visible = pageOf(shown, page, pageSize);
  const sortBy = (next: TableSort) => {
    setSort(next);
    setPage(0);
  };
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
        <label className="staff-inline-field">
          <span>{tm.search}</span>
          <input
            type="search"
            className="input"
            data-testid="table-search"
            placeholder={tm.searchHint}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(0);
            }}
          />
        </label>
        <label className="staff-inline-field">
          <span>{tm.filter}</span>
          <select
            className="input"
            data-testid="table-filter"
            value={standingFilter}
            onChange={(event) => {
              setStandingFilter(event.target.value as TableFilter);
              setPage(0);
            }}
          >
            {TABLE_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {tm.filters[filter]}
              </option>
            ))}
          </select>
        </label>
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
        <ExportActions overview={overview} periodLabel={t.periodLabel(period.year, period.kind)} m={m} language={language} />
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
                  <SortHeader column="name" label={m.columns.name} sort={sort} onSort={sortBy} />
                  <SortHeader column="code" label={m.columns.code} sort={sort} onSort={sortBy} />
                  <SortHeader column="workers" label={m.columns.workers} sort={sort} onSort={sortBy} numeric />
                  <SortHeader column="members" label={m.columns.members} sort={sort} onSort={sortBy} numeric />
                  <SortHeader column="rate" label={m.columns.rate} sort={sort} onSort={sortBy} numeric />
                  <th scope="col">{m.columns.target}</th>
                  <SortHeader column="standing" label={m.columns.standing} sort={sort} onSort={sortBy} />
                  <SortHeader column="dialogues" label={m.columns.dialogues} sort={sort} onSort={sortBy} numeric />
                  <SortHeader column="lastSync" label={tm.lastSync} sort={sort} onSort={sortBy} />
                  <SortHeader column="deadline" label={tm.deadline} sort={sort} onSort={sortBy} />
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr>
                    <td colSpan={10} className="empty">
                      {overview.unions.length === 0 ? m.overview.empty : m.overview.noMatch}
                    </td>
                  </tr>
                ) : null}
                {visible.rows.map((union) => {
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
                      <td className="figure">{union.report ? formatDateTime(union.report.savedAt) : ''}</td>
                      <td className="figure" data-testid="union-deadline">
                        {deadline ? deadlineText(tm, union, deadline, today) : ''}
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
                  <td />
                  <td className="figure">{deadline ? formatIsoDate(deadline) : ''}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <nav className="staff-toolbar staff-pager" aria-label={tm.page(visible.page + 1, visible.pages)}>
            <span className="figure" data-testid="table-shown">
              {tm.shown(formatCount(visible.first), formatCount(visible.last), formatCount(visible.total))}
            </span>
            <button type="button" className="button" disabled={visible.page === 0} onClick={() => setPage(visible.page - 1)}>
              {tm.previous}
            </button>
            <span>{tm.page(visible.page + 1, visible.pages)}</span>
            <button type="button" className="button" data-testid="table-next" disabled={visible.page >= visible.pages - 1} onClick={() => setPage(visible.page + 1)}>
              {tm.next}
            </button>
            <label className="staff-inline-field">
              <span>{tm.pageSize}</span>
              <select
                className="input"
                value={pageSize}
                onChange={(event) => {
                  setPageSize(Number(event.target.value));
                  setPage(0);
                }}
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </>
      )}
    </section>
  );
}
