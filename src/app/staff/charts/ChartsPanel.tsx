/**
 * The node screen's charts, for staff who would rather look than read: each CĐCS's rate against the
 * 80 % line (sorted, those under it in red), reports received per day up to the deadline, and the
 * node's rate and members across the last five years. Each chart has its figures beside it as a
 * sentence and a table, which is also what prints when the canvas is not legible enough.
 * Loaded lazily by the node screen (`React.lazy`), with uPlot in this chunk only.
 */
import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { FIRST_REPORT_YEAR } from '../../../domain/period';
import type { NodeOverview, OverviewSummary } from '../../../domain/staff';
import { formatCount, formatIsoDate, formatRate, useI18n } from '../../i18n';
import { fetchNodeOverview } from '../api';
import { useRoundDeadline } from '../rounds/useRoundDeadline';
import { receivedPerDay, rateBars, TARGET, yearSeries } from './chartData';
import { chartMessages } from './messages';
import { UPlotChart } from './UPlotChart';
import './charts.css';

export interface ChartsPanelProps {
  nodeId: string;
  overview: NodeOverview;
}

const RED = '#b71c1c';
const GREEN = '#1b6e20';
const GREY = '#5f6368';
const percent = (rate: number) => Math.round(rate * 1000) / 10;

export default function ChartsPanel({ nodeId, overview }: ChartsPanelProps) {
  const { language } = useI18n();
  const m = chartMessages(language);
  const deadline = useRoundDeadline(nodeId, overview.period);
  const bars = useMemo(() => rateBars(overview.unions), [overview]);
  const daily = useMemo(() => receivedPerDay(overview.unions, deadline), [overview, deadline]);
  const [years, setYears] = useState<{ year: number; summary: OverviewSummary }[] | null>(null);

  useEffect(() => {
    let live = true;
    const last = overview.period.year;
    const wanted = Array.from({ length: 5 }, (_, i) => last - 4 + i).filter((year) => year >= FIRST_REPORT_YEAR);
    Promise.all(wanted.map((year) => fetchNodeOverview(nodeId, year, 'yearly').then((o) => ({ year, summary: o.summary })))).then(
      (loaded) => live && setYears(loaded),
      () => live && setYears([]),
    );
    return () => {
      live = false;
    };
  }, [nodeId, overview.period.year]);

  const under = bars.filter((bar) => bar.underTarget);
  const rateChart = useMemo(() => {
    const x = bars.map((_, i) => i);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, bars.length - 0.5)] }, y: { range: [0, 100] } },
      axes: [{ show: false }, { values: (_u, ticks) => ticks.map((tick) => `${tick} %`) }],
      legend: { show: true },
      series: [
        {},
        { label: m.rateSeries, fill: GREEN, stroke: GREEN, paths: barsPath(), points: { show: false } },
        { label: m.underSeries, fill: RED, stroke: RED, paths: barsPath(), points: { show: false } },
        { label: m.targetSeries, stroke: GREY, width: 2, dash: [6, 4], points: { show: false } },
      ],
    };
    const data: uPlot.AlignedData = [
      x,
      bars.map((bar) => (bar.underTarget ? null : percent(bar.rate))),
      bars.map((bar) => (bar.underTarget ? percent(bar.rate) : null)),
      bars.map(() => TARGET * 100),
    ];
    return { options, data };
  }, [bars, m]);

  const dailyChart = useMemo(() => {
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true } },
      axes: [{}, {}],
      series: [
        {},
        { label: m.dailySeries, fill: '#90caf9', stroke: '#1565c0', paths: barsPath(), points: { show: false } },
        { label: m.totalSeries, stroke: '#1565c0', width: 2 },
      ],
    };
    const data: uPlot.AlignedData = [daily.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000), daily.map((d) => d.received), daily.map((d) => d.total)];
    return { options, data };
  }, [daily, m]);

  const points = useMemo(() => yearSeries(years ?? []), [years]);
  const yearsChart = useMemo(() => {
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: false }, rate: { range: [0, 100] }, members: {} },
      axes: [
        { values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) },
        { scale: 'rate', values: (_u, ticks) => ticks.map((tick) => `${tick} %`) },
        { scale: 'members', side: 1, grid: { show: false }, values: (_u, ticks) => ticks.map((tick) => formatCount(tick)) },
      ],
      series: [
        {},
        { label: m.yearsRate, scale: 'rate', stroke: RED, width: 2 },
        { label: m.yearsMembers, scale: 'members', stroke: '#1565c0', width: 2, dash: [4, 3] },
      ],
    };
    const data: uPlot.AlignedData = [points.map((p) => p.year), points.map((p) => (p.rate == null ? null : percent(p.rate))), points.map((p) => p.members)];
    return { options, data };
  }, [points, m]);

  const busiest = daily.reduce<(typeof daily)[number] | null>((best, day) => (!best || day.received > best.received ? day : best), null);
  const withRate = points.filter((p) => p.rate != null);

  return (
    <section className="card staff-charts" data-testid="staff-charts">
      <h3 className="card-title">{m.title}</h3>

      <figure className="staff-figure-chart" data-testid="chart-rates">
        <figcaption>{m.rateTitle}</figcaption>
        {bars.length > 0 ? <UPlotChart {...rateChart} testId="chart-rates-canvas" /> : null}
        <p data-testid="chart-rates-summary">
          {m.rateSummary(bars.length, under.length)}{' '}
          {under.length > 0 ? m.rateUnder(under.map((bar) => `${bar.name} (${formatRate(bar.rate)})`).join(', ')) : ''}
        </p>
        {bars.length > 0 ? (
          <details>
            <summary>{m.table}</summary>
            <table className="staff-table">
              <thead>
                <tr>
                  <th scope="col">{m.columns.union}</th>
                  <th scope="col" className="num">
                    {m.columns.rate}
                  </th>
                  <th scope="col">{m.columns.target}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((bar) => (
                  <tr key={bar.id}>
                    <th scope="row">{bar.name}</th>
                    <td className="num">{formatRate(bar.rate)}</td>
                    <td>{bar.underTarget ? m.notMet : m.met}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
      </figure>

      <figure className="staff-figure-chart" data-testid="chart-daily">
        <figcaption>{m.dailyTitle}</figcaption>
        {daily.length > 0 ? <UPlotChart {...dailyChart} testId="chart-daily-canvas" /> : null}
        <p>
          {m.dailySummary(daily.at(-1)?.total ?? 0, busiest ? formatIsoDate(busiest.day) : '', busiest?.received ?? 0)}{' '}
          {deadline ? m.deadlineNote(formatIsoDate(deadline)) : ''}
        </p>
      </figure>

      <figure className="staff-figure-chart" data-testid="chart-years">
        <figcaption>{m.yearsTitle}</figcaption>
        {years == null ? <p className="muted">{m.loading}</p> : points.length > 0 ? <UPlotChart {...yearsChart} testId="chart-years-canvas" /> : null}
        {withRate.length >= 2 ? <p>{m.yearsSummary(formatRate(withRate[0]!.rate), formatRate(withRate.at(-1)!.rate))}</p> : null}
        {points.length > 0 ? (
          <details>
            <summary>{m.table}</summary>
            <table className="staff-table">
              <thead>
                <tr>
                  <th scope="col">{m.columns.year}</th>
                  <th scope="col" className="num">
                    {m.columns.rate}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.members}
                  </th>
                  <th scope="col" className="num">
                    {m.columns.workers}
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((point) => (
                  <tr key={point.year}>
                    <th scope="row">{point.year}</th>
                    <td className="num">{formatRate(point.rate)}</td>
                    <td className="num">{formatCount(point.members)}</td>
                    <td className="num">{formatCount(point.workers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
      </figure>
    </section>
  );
}

/** Bars through uPlot's own path builder, which exists once the library has loaded (the chart draws after that). */
function barsPath(): uPlot.Series.PathBuilder {
  return (self, seriesIdx, idx0, idx1) => {
    const builder = (self.constructor as unknown as typeof uPlot).paths.bars?.({ size: [0.7, 60] });
    return builder ? builder(self, seriesIdx, idx0, idx1) : null;
  };
}
