/**
 * One uPlot chart. uPlot (about 23 KB gzipped) and its stylesheet are imported here only, from the
 * charts panel's own lazy chunk: not one byte reaches the officer's entry, nor the dashboard's
 * first screen. The canvas is decorative for assistive technology: each chart carries its figures
 * as text beside it (ChartsPanel).
 */
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';

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
    let chart: uPlot | null = null;
    let live = true;
    let observer: ResizeObserver | null = null;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live) return;
      chart = new UPlot({ ...options, width: Math.max(320, element.clientWidth), height }, data, element);
      element.dataset.drawn = 'true';
      observer = new ResizeObserver(() => chart?.setSize({ width: Math.max(320, element.clientWidth), height }));
      observer.observe(element);
    });
    return () => {
      live = false;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [options, data, height]);
  return <div ref={container} className="staff-chart" aria-hidden="true" data-testid={testId} />;
}
