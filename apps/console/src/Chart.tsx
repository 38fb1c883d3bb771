import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts and components the pages use: each one left out here is tens of KB less for the dashboard.
echarts.use([BarChart, FunnelChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Record<string, unknown>;

/**
 * A small ECharts wrapper: sets the option, follows the container's size, disposes on unmount. `option` may be a
 * function of the container's width, for layouts that differ on a phone (legend rows, label rotation).
 */
export function Chart({ option, height = 320, testId }: { option: Option | ((width: number) => Option); height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [width, setWidth] = useState(0);
  // What was drawn last: the first drawing is done at init, not one render later, and not twice.
  const drawn = useRef<{ option: unknown; width: number } | null>(null);
  const draw = (w: number) => {
    if (!chart.current || !w || (drawn.current?.option === option && drawn.current.width === w)) return;
    drawn.current = { option, width: w };
    const o = typeof option === 'function' ? option(w) : option;
    // No grow animation: a chart is read when it is drawn in full, not a second later.
    chart.current.setOption({ textStyle: { fontFamily: 'inherit' }, animation: false, ...o }, true);
    if (testId) performance.mark(`chart-drawn:${testId}`);
  };
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
    setWidth(el.current.clientWidth);
    draw(el.current.clientWidth);
    const ro = new ResizeObserver(() => {
      const c = chart.current;
      if (!c || !el.current) return;
      // The observer reports once at the start, with the size the chart was drawn at: a resize then lays it all out again.
      if (c.getWidth() !== el.current.clientWidth || c.getHeight() !== el.current.clientHeight) c.resize();
      setWidth(el.current.clientWidth);
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
      drawn.current = null;
    };
  }, []);
  useEffect(() => draw(width), [option, width]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} className="pm-chart" />;
}
