/**
 * A form round's charts (issue 22): one bar chart per column the form chose for the period table
 * (domain/forms/tableColumns.ts), each CĐCS directly under the node that gave the figure, as the rate
 * chart draws Plan 94's rate; with the figures as a sentence (how many gave it, the roll-up by the
 * row's own rule) and a table. The lines are the period table's (`GET …/period-table?form=`, every
 * page, useFormChartData.ts), highest figure first, so the chart draws what the table says.
 */
import uPlot from 'uplot';
import { useI18n } from '../../i18n';
import { formValueText, rollUpText } from '../forms/formValues';
import { columnLabel } from '../table/FormColumns';
import { columnBars, columnScaled, columnTick } from './chartData';
import { ChartTable } from './ChartTable';
import { chartMessages } from './messages';
import type { FormLines } from './useFormChartData';
import { UPlotChart, yAxisSize } from './UPlotChart';

const BAR_BLUE = '#1976d2';

export function FormColumnCharts({ lines, columns, columnTotals }: FormLines) {
  const { t, language } = useI18n();
  const m = chartMessages(language);
  return (
    <>
      {columns.map((column) => {
        const given = columnBars(lines, column.code);
        const total = columnTotals.find((each) => each.code === column.code);
        const text = (value: number) => formValueText(t, column, column.kind === 'yesNo' ? value === 1 : value);
        const options: Omit<uPlot.Options, 'width' | 'height'> = {
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false, range: [-0.5, Math.max(0.5, given.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [{ show: false }, { size: yAxisSize, values: (_u, ticks) => ticks.map((tick) => columnTick(column, tick)) }],
          series: [
            { label: m.columns.union, value: (_u, _v, _s, idx) => (idx == null ? '' : (given[idx]?.name ?? '')) },
            { label: columnLabel(column), fill: BAR_BLUE, stroke: BAR_BLUE, paths: uPlot.paths.bars!({ size: [0.7, 60] }), points: { show: false } },
          ],
        };
        const data: uPlot.AlignedData = [given.map((_, i) => i), given.map((line) => columnScaled(column, line.values[column.code] ?? null))];
        return (
          <figure key={column.code} className="staff-figure-chart" data-testid="chart-form-column" data-code={column.code}>
            <figcaption>
              {m.formColumnTitle(columnLabel(column))} {m.directOnly}
            </figcaption>
            {given.length > 0 ? <UPlotChart options={options} data={data} testId="chart-form-column-canvas" /> : null}
            <p data-testid="chart-form-column-summary">{m.formColumnSummary(given.length, rollUpText(column, total))}</p>
            {given.length > 0 ? (
              <ChartTable summary={m.table} columns={[m.columns.union, { label: columnLabel(column), numeric: true }]}>
                {given.map((line) => (
                  <tr key={line.id} data-testid="chart-form-column-line">
                    <th scope="row">{line.name}</th>
                    <td className="num">{text(line.values[column.code] as number)}</td>
                  </tr>
                ))}
              </ChartTable>
            ) : null}
          </figure>
        );
      })}
    </>
  );
}
