/**
 * A form round's charts (issue 22): one bar chart per column the form chose for the period table
 * (domain/forms/tableColumns.ts), each CĐCS directly under the node that gave the figure, as the rate
 * chart draws Plan 94's rate; with the figures as a sentence (how many gave it, the roll-up by the
 * row's own rule) and a table. The lines are the period table's (`GET …/period-table?form=`, one
 * page of 500, sorted by the column), so the chart draws what the table says.
 */
import { useEffect, useState } from 'react';
import uPlot from 'uplot';
import type { PeriodKind } from '../../../domain/period';
import type { PeriodTablePage } from '../../../domain/periodTable';
import { rowSort, type TableColumn } from '../../../domain/forms/tableColumns';
import { formatCount, useI18n } from '../../i18n';
import { fetchPeriodTable } from '../api';
import { formValueText, rollUpText } from '../forms/formValues';
import { columnLabel } from '../table/FormColumns';
import { chartMessages } from './messages';
import { UPlotChart } from './UPlotChart';

const BAR_BLUE = '#1976d2';
const Y_AXIS = 62;
/** The chart's scale: a ratio as a percent, the rest as given. */
const scaled = (column: TableColumn, value: number) => (column.rollUp.kind === 'ratio' ? Math.round(value * 1000) / 10 : value);

export function FormColumnCharts({ nodeId, period, form }: { nodeId: string; period: { year: number; kind: PeriodKind }; form: string }) {
  const { t, language } = useI18n();
  const m = chartMessages(language);
  const [pages, setPages] = useState<{ key: string; pages: PeriodTablePage[] } | null>(null);
  const key = `${nodeId}/${period.year}-${period.kind}/${form}`;
  useEffect(() => {
    let live = true;
    const query = { direction: 'desc' as const, filter: 'all' as const, belowTarget: false, notReported: false, search: '' };
    fetchPeriodTable(nodeId, period, { ...query, sort: 'name' }, { limit: 1, cursor: null }, form)
      .then((first) => Promise.all(first.columns.map((column) => fetchPeriodTable(nodeId, period, { ...query, sort: rowSort(column.code) }, { limit: 500, cursor: null }, form))))
      .then(
        (loaded) => live && setPages({ key, pages: loaded }),
        () => live && setPages({ key, pages: [] }),
      );
    return () => {
      live = false;
    };
    // `key` names the node, the period and the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (pages?.key !== key) return <p className="muted">{m.loading}</p>;
  return (
    <>
      {pages.pages.map((page, index) => {
        const column = page.columns[index];
        if (!column) return null;
        const given = page.lines.filter((line) => line.values[column.code] != null);
        const total = page.columnTotals.find((each) => each.code === column.code);
        const text = (value: number) => formValueText(t, column, column.kind === 'yesNo' ? value === 1 : value);
        const options: Omit<uPlot.Options, 'width' | 'height'> = {
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false, range: [-0.5, Math.max(0.5, given.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [{ show: false }, { size: Y_AXIS, values: (_u, ticks) => ticks.map((tick) => (column.rollUp.kind === 'ratio' ? `${formatCount(tick)} %` : formatCount(tick))) }],
          series: [
            { label: m.columns.union, value: (_u, _v, _s, idx) => (idx == null ? '' : (given[idx]?.name ?? '')) },
            { label: columnLabel(column), fill: BAR_BLUE, stroke: BAR_BLUE, paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false } },
          ],
        };
        const data: uPlot.AlignedData = [given.map((_, i) => i), given.map((line) => scaled(column, line.values[column.code] as number))];
        return (
          <figure key={column.code} className="staff-figure-chart" data-testid="chart-form-column" data-code={column.code}>
            <figcaption>
              {m.formColumnTitle(columnLabel(column))} {m.directOnly}
            </figcaption>
            {given.length > 0 ? <UPlotChart options={options} data={data} testId="chart-form-column-canvas" /> : null}
            <p data-testid="chart-form-column-summary">{m.formColumnSummary(given.length, rollUpText(column, total))}</p>
            {given.length > 0 ? (
              <details>
                <summary>{m.table}</summary>
                <table className="staff-table">
                  <thead>
                    <tr>
                      <th scope="col">{m.columns.union}</th>
                      <th scope="col" className="num">
                        {columnLabel(column)}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {given.map((line) => (
                      <tr key={line.id} data-testid="chart-form-column-line">
                        <th scope="row">{line.name}</th>
                        <td className="num">{text(line.values[column.code] as number)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
          </figure>
        );
      })}
    </>
  );
}
