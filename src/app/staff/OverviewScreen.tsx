/**
 * The period table of the CĐCS directly under a node: a page of unions with their figures and report
 * status, the filters, the totals row, and the exports. The table asks the server for one page at a
 * time (filters, search, sort and the totals row over every line the filters keep are the server's,
 * domain/periodTable.ts): a node may have thousands of CĐCS. The node screen's overview (the summary,
 * the reports sent for other periods) and the exports, which need every line, come from the overview.
 */
import { useMemo, useState } from 'react';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, PERIOD_KINDS, periodKey, type PeriodKind } from '../../domain/period';
import { formatCount, formatDateTime, formatIsoDate, formatRate, useI18n } from '../i18n';
import type { StaffContext, PeriodChoice } from './staffContext';
import { filterUnions, rateOf, type OverviewFilters } from './overview';
import type { NodeSummary } from '../../domain/organisation';
import type { NodeOverview, UnionOverview } from '../../domain/staff';
import { ExportActions } from './export/ExportActions';
import { usePeriodRounds } from './rounds/usePeriodRounds';
import { formRollupHref } from './forms/rollupRoute';
import { FilterCheckbox } from './StaffTable';
import { deadlineStandingOf, lineDeadline, TABLE_FILTERS, tableLines, type TableFilter, type TableSort } from './table/periodTable';
import { SortHeader } from './table/SortHeader';
import { FormColumnCells, FormColumnHeaders, FormColumnTotals } from './table/FormColumns';
import { usePeriodTablePage, useSettled } from './table/usePeriodTablePage';
import { failureText } from './errors';
import { meetsUnionizationTarget } from '../../domain/indicators';
import { PERIOD_TABLE_DEFAULT_LIMIT } from '../../domain/periodTable';
import { PLAN94_FORM_REF } from '../../domain/forms/reportForm';
import { roundFormRef } from '../../domain/forms/formRef';
import { chosenPeriodRound } from '../../domain/round';
import { tableMessages, type TableMessages } from './table/messages';
import './figures.css';
import './table/table.css';

const PAGE_SIZES = [PERIOD_TABLE_DEFAULT_LIMIT, 100, 200] as const;
/** A search is sent once typing pauses this long. */
const SEARCH_SETTLE_MS = 300;

/** A line's deadline cell: a reopened CĐCS's own date first ("Mở lại đến 20/12/2026 · Còn 13 ngày"). */
function deadlineText(tm: TableMessages, line: UnionOverview, held: { deadline: string; reopened: boolean }, now: number): string {
  const standing = standingText(tm, line, held.deadline, now);
  return held.reopened ? `${tm.reopenedUntil(formatIsoDate(held.deadline))} · ${standing}` : standing;
}

function standingText(tm: TableMessages, line: UnionOverview, deadline: string, now: number): string {
  const standing = deadlineStandingOf(line, deadline, now);
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

const YEARS = Array.from({ length: LAST_REPORT_YEAR - FIRST_REPORT_YEAR + 1 }, (_, i) => FIRST_REPORT_YEAR + i);

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

/**
 * Reports the unions listed as not reported sent for another period: said above the table, each period
 * a button that shows it, so a report sent under another year is never mistaken for a missing one.
 */
function OtherPeriodsNote({
  overview,
  period,
  tm,
  onPeriodChange,
}: {
  overview: NodeOverview;
  period: PeriodChoice;
  tm: TableMessages;
  onPeriodChange: (period: PeriodChoice) => void;
}) {
  const { t } = useI18n();
  const groups = overview.otherPeriods;
  if (groups.length === 0) return null;
  const count = groups.reduce((sum, group) => sum + group.unionIds.length, 0);
  // Yearly reports of other years are named by their year ("năm khác: 2025"); any other period by its label.
  const sameKind = groups.every((group) => group.period.kind === period.kind);
  return (
    <p className="notice" role="note" data-testid="other-periods">
      {sameKind ? tm.otherYears(count) : tm.otherPeriods(count)}{' '}
      {groups.map((group, index) => (
        <span key={periodKey(group.period)}>
          {index > 0 ? ', ' : ''}
          {sameKind ? group.period.year : t.periodLabel(group.period.year, group.period.kind)}
          {groups.length > 1 ? ` (${group.unionIds.length})` : ''} —{' '}
          <button
            type="button"
            className="other-period-button"
            data-testid="other-period"
            data-period={periodKey(group.period)}
            onClick={() => onPeriodChange({ ...group.period })}
          >
            {tm.show}
          </button>
        </span>
      ))}
    </p>
  );
}

const BY_NAME: TableSort = { column: 'name', direction: 'asc' };

export function OverviewScreen({
  context,
  nodeId,
  overview,
  ancestors,
  period,
  onPeriodChange,
  filters,
  onFiltersChange: setFilters,
  roundsVersion = 0,
  dataVersion = 0,
  tableForm = null,
  onTableFormChange,
}: {
  context: StaffContext;
  /** The node whose table this is: its first page is asked for at once, beside the overview. */
  nodeId: string;
  overview: NodeOverview | null;
  /** The node's way up, root first (the summary report's letterhead names its superior). */
  ancestors: readonly NodeSummary[];
  period: PeriodChoice;
  onPeriodChange: (period: PeriodChoice) => void;
  filters: OverviewFilters;
  onFiltersChange: (filters: OverviewFilters) => void;
  /** Bumped by the rounds panel after every change of a round: the deadline column reads the round again. */
  roundsVersion?: number;
  /** Bumped by the node screen after a change (a CĐCS added, edited or moved): the page is read again. */
  dataVersion?: number;
  /** The form chosen when the period has rounds of several forms (null: the nearest round's); the charts follow it too. */
  tableForm?: string | null;
  onTableFormChange?: (form: string) => void;
}) {
  const { m } = context;
  const { t, language } = useI18n();
  const tm = tableMessages(language);
  const [search, setSearch] = useState('');
  const [standingFilter, setStandingFilter] = useState<TableFilter>('all');
  const [sorted, setSorted] = useState<{ form: string; sort: TableSort } | null>(null);
  const [pageSize, setPageSize] = useState<number>(PERIOD_TABLE_DEFAULT_LIMIT);
  const settledSearch = useSettled(search, SEARCH_SETTLE_MS);
  const periodRounds = usePeriodRounds(nodeId, period, roundsVersion);
  // The chosen form's round (the nearest round when none is chosen) names the form whose reports the
  // table shows: Plan 94 when it names none, or when the period has no round.
  const round = periodRounds ? chosenPeriodRound(periodRounds, tableForm) : null;
  const deadline = round?.deadline ?? null;
  const form = round ? roundFormRef(round).id : PLAN94_FORM_REF.id;
  // A sort belongs to the form it was chosen in (another form has other columns): by name otherwise.
  const sort: TableSort = sorted?.form === form ? sorted.sort : BY_NAME;
  const query = { form, sort: sort.column, direction: sort.direction, filter: standingFilter, belowTarget: filters.belowTarget, notReported: filters.notReported, search: settledSearch };
  // The page shown: the cursor the server handed out for it, good for the query it came with only; a
  // new filter, search, sort or page size starts again from the first page.
  const queryKey = JSON.stringify([query, pageSize]);
  const [paging, setPaging] = useState<{ queryKey: string; cursor: string | null }>({ queryKey, cursor: null });
  const cursor = paging.queryKey === queryKey ? paging.cursor : null;
  const goTo = (next: string | null) => setPaging({ queryKey, cursor: next });
  // One moment for the whole table (the screen is drawn afresh for each node and period): every line's
  // days are counted from the same day in Vietnam.
  const [now] = useState(() => Date.now());

  // Every filter and the search apply to the whole period on the server; only a page comes back.
  // Not asked before the rounds are known: the table would show Plan 94's columns, then the form's.
  const table = usePeriodTablePage(
    periodRounds ? nodeId : null,
    period,
    query,
    { limit: pageSize, cursor },
    roundsVersion + dataVersion,
    context.onSessionEnded,
  );
  const visible = table.page;
  const lines = visible?.lines ?? [];
  // The form's chosen columns; none: the membership block's (workers, members, rate, dialogues).
  const columns = visible?.columns ?? [];
  const heart = columns.length === 0;
  const width = heart ? 10 : 5 + columns.length;
  const sortBy = (next: TableSort) => setSorted({ form, sort: next });
  // The totals row adds up every line the filters and the search keep (the server's sums, not the page's).
  const filtered = filters.belowTarget || filters.notReported || standingFilter !== 'all' || settledSearch.trim() !== '';
  const totals = visible?.totals ?? null;
  const totalsMeetTarget = totals ? meetsUnionizationTarget(totals.unionizationRate) : null;
  const pageNumber = visible ? Math.floor(visible.offset / pageSize) + 1 : 1;
  const pageCount = visible ? Math.max(1, Math.ceil(visible.total / pageSize)) : 1;
  const periodLabel = t.periodLabel(period.year, period.kind);
  // Which other period each union listed as not reported sent its report for (the note above the table).
  const sentForOther = useMemo(() => {
    const byUnion = new Map<string, PeriodChoice[]>();
    for (const group of overview?.otherPeriods ?? []) for (const id of group.unionIds) byUnion.set(id, [...(byUnion.get(id) ?? []), group.period]);
    return byUnion;
  }, [overview]);

  return (
    <section className="staff-overview">
      <h3 className="staff-section-title">{m.tree.unionsTitle}</h3>
      {periodRounds && periodRounds.length > 1 ? (
        <label className="field staff-table-form">
          <span className="field-label">{m.overview.form}</span>
          <select className="input" data-testid="table-form" value={form} onChange={(event) => onTableFormChange?.(event.target.value)}>
            {periodRounds.map((choice) => (
              <option key={roundFormRef(choice).id} value={roundFormRef(choice).id}>
                {choice.title}
              </option>
            ))}
          </select>
          <span className="field-hint">{m.overview.formHint}</span>
        </label>
      ) : null}
      <div className="staff-toolbar">
        <fieldset className="staff-filters">
          <legend className="visually-hidden">{m.overview.filters}</legend>
          <FilterCheckbox
            label={m.overview.belowTarget}
            checked={filters.belowTarget}
            onChange={(checked) => setFilters({ ...filters, belowTarget: checked })}
            testId="filter-below-target"
          />
          <FilterCheckbox
            label={m.overview.notReported}
            checked={filters.notReported}
            onChange={(checked) => setFilters({ ...filters, notReported: checked })}
            testId="filter-not-reported"
          />
        </fieldset>
        <label className="staff-inline-field">
          <span>{tm.search}</span>
          <input
            type="search"
            className="input"
            data-testid="table-search"
            placeholder={tm.searchHint}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <label className="staff-inline-field">
          <span>{tm.filter}</span>
          <select
            className="input"
            data-testid="table-filter"
            value={standingFilter}
            onChange={(event) => setStandingFilter(event.target.value as TableFilter)}
          >
            {TABLE_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {tm.filters[filter]}
              </option>
            ))}
          </select>
        </label>
        {form === PLAN94_FORM_REF.id ? (
          <ExportActions
            overview={overview}
            ancestors={ancestors}
            period={period}
            periodLabel={t.periodLabel(period.year, period.kind)}
            m={m}
            language={language}
            // The exports list the whole subtree's CĐCS through the table's own filters and search.
            select={(lines) => tableLines(filterUnions(lines, filters), { search, filter: standingFilter, sort, deadline, now })}
            filtered={filters.belowTarget || filters.notReported || standingFilter !== 'all' || search.trim() !== ''}
          />
        ) : (
          // Another form's spreadsheet is its roll-up's: every row in the form's order, every CĐCS, reported or not.
          <a className="button" href={formRollupHref(nodeId, form, period)} data-testid="table-form-rollup">
            {m.overview.formRollup}
          </a>
        )}
      </div>

      {table.failure && !visible ? (
        <p className="notice notice-error" role="alert" data-testid="table-failure">
          {tm.pageFailed} {failureText(table.failure, m)}
        </p>
      ) : !visible ? (
        <p className="shell-loading">{m.overview.loading}</p>
      ) : (
        <>
          {/* The overview counts Plan 94's reports; another form's count is the totals row's. */}
          {overview && form === PLAN94_FORM_REF.id ? (
            <>
              <p className="muted" data-testid="staff-summary">
                {m.overview.summary(overview.direct.reported, overview.direct.unions)}
              </p>
              <OtherPeriodsNote overview={overview} period={period} tm={tm} onPeriodChange={onPeriodChange} />
            </>
          ) : null}
          <div className="staff-table-wrap">
            <table
              className="staff-table"
              data-testid="overview-table"
              data-period={`${visible.period.year}-${visible.period.kind}`}
              data-form={visible.form}
              aria-busy={table.loading}
            >
              <caption className="visually-hidden">{m.overview.caption(periodLabel)}</caption>
              <thead>
                <tr>
                  <SortHeader column="name" label={m.columns.name} sort={sort} onSort={sortBy} />
                  <SortHeader column="code" label={m.columns.code} sort={sort} onSort={sortBy} />
                  {heart ? (
                    <>
                      <SortHeader column="workers" label={m.columns.workers} sort={sort} onSort={sortBy} numeric />
                      <SortHeader column="members" label={m.columns.members} sort={sort} onSort={sortBy} numeric />
                      <SortHeader column="rate" label={m.columns.rate} sort={sort} onSort={sortBy} numeric />
                      <th scope="col">{m.columns.target}</th>
                    </>
                  ) : (
                    <FormColumnHeaders columns={columns} sort={sort} onSort={sortBy} />
                  )}
                  <SortHeader column="standing" label={m.columns.standing} sort={sort} onSort={sortBy} />
                  {heart ? <SortHeader column="dialogues" label={m.columns.dialogues} sort={sort} onSort={sortBy} numeric /> : null}
                  <SortHeader column="lastSync" label={tm.lastSync} sort={sort} onSort={sortBy} />
                  <SortHeader column="deadline" label={tm.deadline} sort={sort} onSort={sortBy} />
                </tr>
              </thead>
              <tbody>
                {lines.length === 0 ? (
                  <tr>
                    <td colSpan={width} className="empty">
                      {filtered ? m.overview.noMatch : m.overview.empty}
                    </td>
                  </tr>
                ) : null}
                {lines.map((union) => {
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
                        {sentForOther.get(union.id)?.map((other) => (
                          <div key={periodKey(other)} className="muted" data-testid="union-sent-other" data-period={periodKey(other)}>
                            {tm.sentFor(t.periodLabel(other.year, other.kind))}
                          </div>
                        ))}
                      </th>
                      <td className="union-code-cell">{union.code ?? ''}</td>
                      {heart ? (
                        <>
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
                        </>
                      ) : (
                        <FormColumnCells columns={columns} values={union.values} />
                      )}
                      <td data-testid="union-standing">
                        <span className={`staff-standing staff-standing-${union.standing}`}>{m.standing[union.standing]}</span>
                      </td>
                      {heart ? (
                        <td className="num" data-testid="union-dialogues">
                          {union.report ? formatCount(union.report.dialogueSessions) : ''}
                        </td>
                      ) : null}
                      <td className="figure" data-testid="union-saved-at">
                        {union.report ? formatDateTime(union.report.savedAt) : ''}
                      </td>
                      <td className="figure" data-testid="union-deadline">
                        {(() => {
                          const held = lineDeadline(union, { deadline, round });
                          return held ? deadlineText(tm, union, held, now) : '';
                        })()}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="staff-total">
                  <th scope="row">{filtered ? m.overview.totalFiltered : m.overview.total}</th>
                  <td />
                  {heart ? (
                    <>
                      <td className="num">{formatCount(totals?.workers)}</td>
                      <td className="num">{formatCount(totals?.members)}</td>
                      <td className="num" data-testid="total-rate">
                        {formatRate(totals?.unionizationRate ?? null)}
                      </td>
                      <td>
                        {totalsMeetTarget == null ? '' : (
                          <span className={`badge ${totalsMeetTarget ? 'badge-ok' : 'badge-bad'}`}>{totalsMeetTarget ? m.met : m.notMet}</span>
                        )}
                      </td>
                    </>
                  ) : (
                    <FormColumnTotals columns={columns} totals={visible.columnTotals} />
                  )}
                  <td>{heart ? (overview ? m.overview.summary(overview.direct.reported, overview.direct.unions) : '') : m.overview.summary(visible.totals.reported, visible.total)}</td>
                  {heart ? <td className="num">{formatCount(totals?.dialogueSessions)}</td> : null}
                  <td />
                  <td className="figure">{deadline ? formatIsoDate(deadline) : ''}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <nav className="staff-toolbar staff-pager" aria-label={tm.page(pageNumber, pageCount)}>
            <span className="figure" data-testid="table-shown" aria-live="polite">
              {tm.shown(formatCount(lines.length ? visible.offset + 1 : 0), formatCount(visible.offset + lines.length), formatCount(visible.total))}
            </span>
            <button type="button" className="button" data-testid="table-previous" disabled={!visible.previousCursor || table.loading} onClick={() => goTo(visible.previousCursor)}>
              {tm.previous}
            </button>
            <span>{tm.page(pageNumber, pageCount)}</span>
            <button type="button" className="button" data-testid="table-next" disabled={!visible.nextCursor || table.loading} onClick={() => goTo(visible.nextCursor)}>
              {tm.next}
            </button>
            <label className="staff-inline-field">
              <span>{tm.pageSize}</span>
              <select className="input" data-testid="table-page-size" value={pageSize} onChange={(event) => setPageSize(Number(event.target.value))}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            {table.loading ? <span className="muted" data-testid="table-loading">{tm.loadingPage}</span> : null}
            {table.failure ? (
              <span className="notice-error" role="alert" data-testid="table-failure">
                {tm.pageFailed}
              </span>
            ) : null}
          </nav>
        </>
      )}
    </section>
  );
}
