/**
 * The node screen's charts, for staff who would rather look than read: each CĐCS's rate against the
 * 80 % line (sorted, those under it in red), reports received per day across the round (its opening
 * day to its deadline, or the period without a round), and the node's rate and members across the
 * last five years, with a gap for a year without a report. Each chart has its figures beside it as a
 * sentence and a table, which is also what prints when the canvas is not legible enough. Legends,
 * axes and figures are in the dashboard's language, numbers and dates as vi-VN writes them.
 * Loaded lazily by the node screen (`React.lazy`), with uPlot in this chunk only.
 */
import { useMemo } from 'react';
import uPlot from 'uplot';
import { vietnamDate } from '../../../domain/calendar';
import { chosenPeriodRound } from '../../../domain/round';
import type { NodeOverview } from '../../../domain/staff';
import { formatCount, formatIsoDate, formatRate, useI18n } from '../../i18n';
import { fetchNodeOverview } from '../api';
import { usePeriodRounds } from '../rounds/usePeriodRounds';
import { daySeconds, lastFiveYears, receiptSpan, receivedPerDay, rateBars, TARGET, timeTickLabels, yearSeries } from './chartData';
import { chartMessages } from './messages';
import { ChartTable } from './ChartTable';
import { UPlotChart, yAxisSize } from './UPlotChart';
import { FormColumnCharts } from './FormColumnCharts';
import { FormYearsChart } from './FormYearsChart';
import { useFormLines, useFormYears } from './useFormChartData';
import { useLoaded } from './useLoaded';
import { columnLabel } from '../table/FormColumns';
import { PLAN94_FORM_REF } from '../../../domain/forms/reportForm';
import './charts.css';

export interface ChartsPanelProps {
  nodeId: string;
  overview: NodeOverview;
  /** The form the period table follows when the period asks for several (null: the nearest round's). */
  form?: string | null;
  /** Bumped after every change of a round: the round is read again. */
  roundsVersion?: number;
}

const RED = '#b71c1c';
const GREEN = '#1b6e20';
const GREY = '#5f6368';
const BLUE = '#1565c0';
/** Fill and outline alike: uPlot draws a bar thinner than its outline in the outline's colour, and 4,6:1 on white. */
const BAR_BLUE = '#1976d2';
const ORANGE = '#e65100';
const DAY = 86_400;
/** Whole steps between a count axis's ticks: no "0,5 báo cáo". */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
const percent = (rate: number) => Math.round(rate * 1000) / 10;
/** Vietnam's calendar day of an instant: the chart's days are the table's (src/domain/calendar.ts). */
const localDay = (instant: string) => vietnamDate(instant);
/** A legend's value: nothing while no point is pointed at, "—" where the point has none. */
const legendValue =
  (format: (value: number, idx: number) => string): uPlot.Series.Value =>
  (_u, value, _series, idx) =>
    idx == null ? '' : value == null ? '—' : format(value, idx);
/** Dragging would zoom the chart away from the span its text describes. */
const NO_ZOOM: uPlot.Cursor = { drag: { x: false, y: false } };

export default function ChartsPanel({ nodeId, overview, form, roundsVersion }: ChartsPanelProps) {
  const { language } = useI18n();
  const m = chartMessages(language);
  // The round of the overview's period for the form the table follows (the nearest on or above the node, as
  // the table's deadline column finds it): undefined while loading, null when there is none or the rounds
  // cannot be read (the chart then spans the period).
  const periodRounds = usePeriodRounds(nodeId, overview.period, roundsVersion ?? 0);
  const round = periodRounds === null ? undefined : chosenPeriodRound(periodRounds, form ?? null);
  // A round of another form than Plan 94: the charts read that form's reports (useFormChartData.ts).
  const formId = round?.form && round.form.id !== PLAN94_FORM_REF.id ? round.form.id : null;
  const formLines = useFormLines(nodeId, overview.period, formId);
  // The lines the rates and receipts are drawn from: undefined until the round (and its form's lines) are known.
  const lines = round === undefined ? undefined : formLines === null ? overview.unions : formLines?.lines;
  const bars = useMemo(() => rateBars(lines ?? []), [lines]);
  const span = useMemo(() => (round === undefined ? null : receiptSpan(overview.period, round, localDay)), [overview.period, round]);
  const daily = useMemo(
    () => (span && lines ? receivedPerDay(lines, { span, today: vietnamDate(new Date()), dayOf: localDay }) : []),
    [lines, span],
  );
  const formYears = useFormYears(nodeId, overview.period, formId, formLines?.columns);
  // At a node with upper-level unions below: the rates and receipts are of its own CĐCS, the years of all below.
  const hasChildren = overview.rollup.length > 0;

  // Plan 94's years: the node's whole overview of each year; not asked for when the round is another form's.
  const years = useLoaded(
    round === undefined || formId !== null ? null : `${nodeId}/${overview.period.year}`,
    () => Promise.all(lastFiveYears(overview.period.year).map((year) => fetchNodeOverview(nodeId, year, 'yearly').then((o) => ({ year, summary: o.summary })))),
    [],
  );

  const under = bars.filter((bar) => bar.underTarget);
  const rateChart = useMemo(() => {
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      cursor: NO_ZOOM,
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, bars.length - 0.5)] }, y: { range: [0, 100] } },
      axes: [{ show: false }, { size: yAxisSize, incrs: [10, 20, 25, 50], values: (_u, ticks) => ticks.map((tick) => `${formatCount(tick)} %`) }],
      series: [
        { label: m.columns.union, value: legendValue((_x, idx) => bars[idx]?.name ?? '') },
        { label: m.rateSeries, fill: GREEN, stroke: GREEN, paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false }, value: legendValue(percentText) },
        { label: m.underSeries, fill: RED, stroke: RED, paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false }, value: legendValue(percentText) },
        { label: m.targetSeries, stroke: GREY, width: 2, dash: [6, 4], paths: acrossPlot, points: { show: false }, value: legendValue(percentText) },
      ],
    };
    const data: uPlot.AlignedData = [
      bars.map((_, i) => i),
      bars.map((bar) => (bar.underTarget ? null : percent(bar.rate))),
      bars.map((bar) => (bar.underTarget ? percent(bar.rate) : null)),
      bars.map(() => TARGET * 100),
    ];
    return { options, data };
  }, [bars, m]);

  const dailyChart = useMemo(() => {
    if (!span || daily.length === 0) return null;
    const from = daySeconds(daily[0]!.day);
    const to = daySeconds(daily.at(-1)!.day);
    const highest = Math.max(1, ...daily.map((day) => day.total ?? 0));
    const pad = Math.max(DAY / 2, (to - from) / 100);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      cursor: NO_ZOOM,
      // Room either side for the first and the last day's bars to show whole: half a day, or over a span of
      // years (a period without a round) a hundredth of it, wider than the narrowest bar.
      scales: { x: { time: true, range: [from - pad, to + pad] }, y: { range: [0, Math.ceil(highest * 1.1)] } },
      axes: [
        {
          incrs: [DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 91 * DAY, 182 * DAY, 365 * DAY],
          values: (_u, ticks, _axis, _space, increment) =>
            timeTickLabels(
              ticks.map((tick) => new Date(tick * 1000)),
              increment >= 30 * DAY,
              m.month,
            ),
        },
        { size: yAxisSize, incrs: COUNT_STEPS, values: (_u, ticks) => ticks.map((tick) => formatCount(tick)) },
      ],
      // At least 7 px a bar: over a period of years a day is under a pixel wide, and a receipt must still show.
      series: [
        { label: m.columns.day, value: legendValue((_x, idx) => formatIsoDate(daily[idx]?.day ?? '')) },
        { label: m.dailySeries, fill: BAR_BLUE, stroke: BAR_BLUE, paths: uPlot.paths.bars!({ size: [0.7, 40, 7] }), points: { show: false }, value: legendValue(formatCount) },
        // A point on the last day known: "so far", and visible when that day is the only one (no line reaches it).
        { label: m.totalSeries, stroke: ORANGE, width: 2, points: { show: true, size: 7, fill: ORANGE, filter: lastKnown }, value: legendValue(formatCount) },
      ],
    };
    // A day without a receipt has no bar (null): over a long span, uPlot would outline an empty 7 px bar at every day.
    const data: uPlot.AlignedData = [daily.map((d) => daySeconds(d.day)), daily.map((d) => d.received || null), daily.map((d) => d.total)];
    return { options, data };
  }, [span, daily, m]);

  // A form with the heart columns has its rate and members from its own table's totals, year by year.
  const points = useMemo(() => (formYears?.shape === 'heart' ? formYears.points : yearSeries(years ?? [])), [formYears, years]);
  const yearsLoading = formId === null ? years === undefined : formYears === undefined;
  const yearsChart = useMemo(() => {
    const first = points[0]?.year ?? overview.period.year;
    const last = points.at(-1)?.year ?? overview.period.year;
    const highest = Math.max(1, ...points.map((p) => p.members ?? 0));
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      cursor: NO_ZOOM,
      scales: { x: { time: false, range: [first - 0.5, last + 0.5] }, rate: { range: [0, 100] }, members: { range: [0, Math.ceil(highest * 1.1)] } },
      axes: [
        { incrs: [1], values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) },
        { scale: 'rate', size: yAxisSize, incrs: [10, 20, 25, 50], values: (_u, ticks) => ticks.map((tick) => `${formatCount(tick)} %`) },
        { scale: 'members', side: 1, size: yAxisSize, incrs: COUNT_STEPS, grid: { show: false }, values: (_u, ticks) => ticks.map((tick) => formatCount(tick)) },
      ],
      series: [
        { label: m.columns.year, value: legendValue((year) => String(year)) },
        // The points show a year standing alone between two without a report, which no line reaches.
        { label: m.yearsRate, scale: 'rate', stroke: RED, width: 2, points: { show: true, size: 8, fill: RED }, value: legendValue(percentText) },
        { label: m.yearsMembers, scale: 'members', stroke: BLUE, width: 2, dash: [4, 3], points: { show: true, size: 8, fill: BLUE }, value: legendValue(formatCount) },
      ],
    };
    const data: uPlot.AlignedData = [points.map((p) => p.year), points.map((p) => (p.rate == null ? null : percent(p.rate))), points.map((p) => p.members)];
    return { options, data };
  }, [points, m, overview.period.year]);

  const busiest = daily.reduce<(typeof daily)[number] | null>((best, day) => (day.received && (!best || day.received > best.received!) ? day : best), null);
  const receivedDays = daily.filter((day) => day.received);
  const withRate = points.filter((p) => p.rate != null);
  const missing = points.filter((p) => p.rate == null).map((p) => p.year);

  return (
    <section className="card staff-charts" data-testid="staff-charts" data-period={`${overview.period.year}-${overview.period.kind}`}>
      <h3 className="card-title">{m.title}</h3>

      {/* A round of another form: its chosen columns by CĐCS, in the place of Plan 94's rate. */}
      {/* Nothing until the round is known: it decides which of the two this place shows. */}
      {lines === undefined ? (
        round === undefined ? null : (
          <p className="muted">{m.loading}</p>
        )
      ) : formLines && formLines.columns.length > 0 ? (
        <FormColumnCharts {...formLines} />
      ) : (
        <figure className="staff-figure-chart" data-testid="chart-rates">
          <figcaption>
            {m.rateTitle} {hasChildren ? m.directOnly : null}
          </figcaption>
          {bars.length > 0 ? <UPlotChart {...rateChart} testId="chart-rates-canvas" /> : null}
          <p data-testid="chart-rates-summary">
            {m.rateSummary(bars.length, under.length)}{' '}
            {under.length > 0 ? m.rateUnder(under.map((bar) => `${bar.name} (${formatRate(bar.rate)})`).join(', ')) : ''}
          </p>
          {bars.length > 0 ? (
            <ChartTable summary={m.table} columns={[m.columns.union, { label: m.columns.rate, numeric: true }, m.columns.target]}>
              {bars.map((bar) => (
                <tr key={bar.id}>
                  <th scope="row">{bar.name}</th>
                  <td className="num">{formatRate(bar.rate)}</td>
                  <td>{bar.underTarget ? m.notMet : m.met}</td>
                </tr>
              ))}
            </ChartTable>
          ) : null}
        </figure>
      )}

      <figure className="staff-figure-chart" data-testid="chart-daily">
        <figcaption>
          {m.dailyTitle} {hasChildren ? m.directOnly : null}
        </figcaption>
        {dailyChart ? <UPlotChart {...dailyChart} testId="chart-daily-canvas" /> : null}
        <p data-testid="chart-daily-summary">
          {m.dailySummary(daily.findLast((day) => day.total != null)?.total ?? 0, busiest ? formatIsoDate(busiest.day) : '', busiest?.received ?? 0)}{' '}
          {span
            ? round
              ? // The round's own days: the span runs forward, from the deadline when the round opened after it.
                m.roundNote(formatIsoDate(localDay(round.openedAt)), formatIsoDate(round.deadline))
              : m.periodNote(formatIsoDate(daily[0]?.day ?? span.from), formatIsoDate(daily.at(-1)?.day ?? span.to))
            : null}
        </p>
        {receivedDays.length > 0 ? (
          <ChartTable summary={m.table} columns={[m.columns.day, { label: m.columns.received, numeric: true }, { label: m.columns.total, numeric: true }]}>
            {receivedDays.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatIsoDate(day.day)}</th>
                <td className="num">{formatCount(day.received)}</td>
                <td className="num">{formatCount(day.total)}</td>
              </tr>
            ))}
          </ChartTable>
        ) : null}
      </figure>

      {formYears?.shape === 'columns' ? (
        <FormYearsChart columns={formYears.columns} points={formYears.points} caption={`${m.formYearsTitle(columnLabel(formYears.columns[0]!))}${hasChildren ? ` ${m.wholeNode}` : ''}`} />
      ) : (
        <figure className="staff-figure-chart" data-testid="chart-years">
          <figcaption>
            {/* A form's heart columns come from its table's totals: the CĐCS directly under the node. */}
            {m.yearsTitle} {hasChildren ? (formId === null ? m.wholeNode : m.directOnly) : null}
          </figcaption>
          {yearsLoading ? <p className="muted">{m.loading}</p> : points.length > 0 ? <UPlotChart {...yearsChart} testId="chart-years-canvas" /> : null}
          {withRate.length > 0 || missing.length > 0 ? (
            <p data-testid="chart-years-summary">
              {withRate.length > 0 ? m.yearsSummary(withRate[0]!.year, formatRate(withRate[0]!.rate), withRate.at(-1)!.year, formatRate(withRate.at(-1)!.rate)) : null}{' '}
              {missing.length > 0 ? m.yearsMissing(missing.join(', ')) : null}
            </p>
          ) : null}
          {points.length > 0 ? (
            <ChartTable
              summary={m.table}
              columns={[m.columns.year, { label: m.columns.rate, numeric: true }, { label: m.columns.members, numeric: true }, { label: m.columns.workers, numeric: true }]}
            >
              {points.map((point) => (
                <tr key={point.year}>
                  <th scope="row">{point.year}</th>
                  <td className="num">{formatRate(point.rate)}</td>
                  <td className="num">{point.members == null ? '—' : formatCount(point.members)}</td>
                  <td className="num">{point.workers == null ? '—' : formatCount(point.workers)}</td>
                </tr>
              ))}
            </ChartTable>
          ) : null}
        </figure>
      )}
    </section>
  );
}

/** A percentage on the charts' 0–100 scale as the tables write it: `85,3 %`. */
function percentText(value: number): string {
  return formatRate(value / 100);
}

/** The index of a series' last value: where its points filter draws the one point. */
function lastKnown(u: uPlot, seriesIdx: number): number[] | null {
  const values = u.data[seriesIdx] ?? [];
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return [i];
  return null;
}

/** The 80 % line, across the whole plot (a line through the bars' centres would stop half a bar short, or not show for one bar). */
function acrossPlot(u: uPlot): uPlot.Series.Paths {
  const y = u.valToPos(TARGET * 100, 'y', true);
  const stroke = new Path2D();
  stroke.moveTo(u.bbox.left, y);
  stroke.lineTo(u.bbox.left + u.bbox.width, y);
  return { stroke, fill: null, clip: null, band: null, gaps: [], flags: 0 };
}
