import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** One ECharts chart. Clicking a bar or point calls `onPick` with its index, so every figure can drill down. */
export function Chart({
  option,
  onPick,
  height = 260,
  testId,
  label,
}: {
  option: ChartOption;
  onPick?: (dataIndex: number, seriesIndex: number) => void;
  height?: number;
  testId?: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element);
    chart.setOption(option);
    chart.on('click', (params) => pick.current?.(params.dataIndex, params.seriesIndex ?? 0));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="an-chart" style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}
