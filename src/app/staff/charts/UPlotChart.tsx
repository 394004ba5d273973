/**
 * One uPlot chart. uPlot (about 23 KB gzipped) and its stylesheet are imported by the charts panel's
 * lazy chunk only (NodeScreen loads it with `React.lazy`): not one byte reaches the officer's entry,
 * nor the dashboard's first screen. The canvas is decorative for assistive technology: each chart
 * carries its figures as text beside it (ChartsPanel).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The least room beside a vertical axis: "100 %" and "10.000" fit (uPlot's 50 px cuts the first digit). */
const Y_AXIS_MIN = 62;

/**
 * Room beside a vertical axis for its widest label: money ("7.500.000 đồng" a month) outgrows any fixed
 * width. The axis font is 12 px, whose digits and dots are at most 7 px wide.
 */
export function yAxisSize(_u: uPlot, values: string[] | null | undefined): number {
  const widest = Math.max(0, ...(values ?? []).map((value) => value.length));
  return Math.max(Y_AXIS_MIN, 18 + 7 * widest);
}

export interface UPlotChartProps {
  /** Everything but the size, which follows the container. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  testId?: string;
}

export function UPlotChart({ options, data, height = 260, testId }: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const width = () => Math.max(320, element.clientWidth);
    const chart = new uPlot({ ...options, width: width(), height }, data, element);
    // Drawn: what a test waits for before it reads the canvas.
    element.dataset.drawn = 'true';
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      delete element.dataset.drawn;
    };
  }, [options, data, height]);
  return <div ref={container} className="staff-chart" aria-hidden="true" data-testid={testId} />;
}
