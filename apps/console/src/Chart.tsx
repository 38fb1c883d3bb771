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
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
    setWidth(el.current.clientWidth);
    const ro = new ResizeObserver(() => {
      chart.current?.resize();
      if (el.current) setWidth(el.current.clientWidth);
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (!width) return;
    const o = typeof option === 'function' ? option(width) : option;
    chart.current?.setOption({ textStyle: { fontFamily: 'inherit' }, ...o }, true);
  }, [option, width]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} className="pm-chart" />;
}
