/**
 * A form round's years (issue 22): the form's first chosen column at the node across the last five
 * periods of the same kind, a gap for a year without a report of the form; beside it, as a sentence and
 * a table, every chosen column's roll-up each year and how many CĐCS it counts. The figures are the
 * form's roll-up at the node (the whole node, as its roll-up page shows them), added up by each row's rule.
 */
import uPlot from 'uplot';
import type { TableColumn } from '../../../domain/forms/tableColumns';
import { formatCount, useI18n } from '../../i18n';
import { rollUpText } from '../forms/formValues';
import { columnLabel } from '../table/FormColumns';
import { columnScaled, columnTick, type FormYearPoint } from './chartData';
import { ChartTable } from './ChartTable';
import { chartMessages } from './messages';
import { UPlotChart, yAxisSize } from './UPlotChart';

const BLUE = '#1565c0';

export function FormYearsChart({ columns, points, caption }: { columns: readonly TableColumn[]; points: readonly FormYearPoint[]; caption: string }) {
  const { language } = useI18n();
  const m = chartMessages(language);
  const first = columns[0];
  if (!first) return null;
  const text = (column: TableColumn, value: number | null) => (value == null ? '—' : rollUpText(column, { code: column.code, value, reported: 0 }));
  const withFigure = points.filter((point) => point.values[0] != null);
  const missing = points.filter((point) => point.reported === 0).map((point) => point.year);
  const options: Omit<uPlot.Options, 'width' | 'height'> = {
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: [(points[0]?.year ?? 0) - 0.5, (points.at(-1)?.year ?? 0) + 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] },
    },
    axes: [
      { incrs: [1], values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) },
      { size: yAxisSize, values: (_u, ticks) => ticks.map((tick) => columnTick(first, tick)) },
    ],
    series: [
      { label: m.columns.year, value: (_u, year, _s, idx) => (idx == null ? '' : String(year)) },
      // The points show a year standing alone between two without a report, which no line reaches.
      { label: columnLabel(first), stroke: BLUE, width: 2, points: { show: true, size: 8, fill: BLUE } },
    ],
  };
  const data: uPlot.AlignedData = [points.map((point) => point.year), points.map((point) => columnScaled(first, point.values[0] ?? null))];
  return (
    <figure className="staff-figure-chart" data-testid="chart-form-years">
      <figcaption>{caption}</figcaption>
      {points.length > 0 ? <UPlotChart options={options} data={data} testId="chart-form-years-canvas" /> : null}
      <p data-testid="chart-form-years-summary">
        {withFigure.length > 0
          ? m.formYearsSummary(first.label, withFigure[0]!.year, text(first, withFigure[0]!.values[0]!), withFigure.at(-1)!.year, text(first, withFigure.at(-1)!.values[0]!))
          : m.formYearsNone(first.label)}{' '}
        {missing.length > 0 ? m.yearsMissing(missing.join(', ')) : null}
      </p>
      {points.length > 0 ? (
        <ChartTable
          summary={m.table}
          columns={[m.columns.year, { label: m.columns.reported, numeric: true }, ...columns.map((column) => ({ label: columnLabel(column), numeric: true as const }))]}
        >
          {points.map((point) => (
            <tr key={point.year} data-testid="chart-form-years-line">
              <th scope="row">{point.year}</th>
              <td className="num">{formatCount(point.reported)}</td>
              {columns.map((column, index) => (
                <td key={column.code} className="num">
                  {text(column, point.values[index] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </ChartTable>
      ) : null}
    </figure>
  );
}
