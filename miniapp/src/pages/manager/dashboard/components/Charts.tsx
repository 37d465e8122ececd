import { useEffect, useRef } from 'react';
import { echarts } from './echarts';
import type { ChartSpec } from '../chart-options';

interface ChartProps {
  spec: ChartSpec;
  title: string;
}

/** One ECharts canvas; its numbers are also in data attributes (and a hidden table for screen readers). */
function Chart({ spec, title }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(spec.option, true);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [spec]);
  return (
    <figure className="dash-chart" id={spec.id} data-labels={JSON.stringify(spec.labels)} data-series={JSON.stringify(spec.series)}>
      <figcaption className="dash-chart__title">{title}</figcaption>
      <div className="dash-chart__canvas" ref={ref} role="img" aria-label={title} />
    </figure>
  );
}

interface ChartsProps {
  specs: ChartSpec[];
  titles: Record<string, string>;
}

/** The dashboard's charts, in a grid. */
export function Charts({ specs, titles }: ChartsProps) {
  return (
    <div className="dash-charts" id="dash-charts">
      {specs.map((spec) => (
        <Chart key={spec.id} spec={spec} title={titles[spec.id] ?? spec.id} />
      ))}
    </div>
  );
}

export default Charts;
