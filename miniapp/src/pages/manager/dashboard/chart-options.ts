import type { KpiGroup, KpiReport } from '@baoxiu/shared';
import { hours } from './period';

/** The texts the charts need, given by the page in the current language. */
export interface ChartTexts {
  volume: string;
  resolved: string;
  firstResponse: string;
  mttr: string;
  noCategory: string;
  csat: string;
  stars: (n: number) => string;
}

export interface DashboardData {
  byDay: KpiReport;
  bySite: KpiReport;
  byCategory: KpiReport;
}

const COLORS = ['#1677ff', '#00b42a', '#ff7d00', '#722ed1', '#f53f3f', '#14c9c9', '#86909c'];
const base = { color: COLORS, animation: false, tooltip: { trigger: 'axis' as const }, grid: { left: 48, right: 24, top: 40, bottom: 32 } };

/** The series each chart draws, as plain numbers: the page shows them beside the canvas for tests and screen readers. */
export interface ChartSpec {
  id: string;
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
  option: Record<string, unknown>;
}

const name = (g: KpiGroup, fallback: string) => g.name ?? (g.key === null ? fallback : String(g.key));

function volumeByDay(r: KpiReport, t: ChartTexts): ChartSpec {
  const labels = r.groups.map((g) => String(g.key).slice(5));
  const series = [
    { name: t.volume, values: r.groups.map((g) => g.kpis.volume) },
    { name: t.resolved, values: r.groups.map((g) => g.kpis.resolved) },
  ];
  return {
    id: 'chart-volume',
    labels,
    series,
    option: {
      ...base,
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: series[0].name, data: series[0].values },
        { type: 'line', name: series[1].name, data: series[1].values },
      ],
    },
  };
}

function trend(r: KpiReport, t: ChartTexts): ChartSpec {
  const labels = r.groups.map((g) => String(g.key).slice(5));
  const series = [
    { name: t.firstResponse, values: r.groups.map((g) => hours(g.kpis.firstResponse.avgSeconds)) },
    { name: t.mttr, values: r.groups.map((g) => hours(g.kpis.mttr.avgSeconds)) },
  ];
  return {
    id: 'chart-trend',
    labels,
    series,
    option: {
      ...base,
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: true })),
    },
  };
}

function bySite(r: KpiReport, t: ChartTexts): ChartSpec {
  const top = r.groups.slice(0, 10).reverse(); // biggest at the top of a horizontal bar chart
  const labels = top.map((g) => name(g, '—'));
  const series = [{ name: t.volume, values: top.map((g) => g.kpis.volume) }];
  return {
    id: 'chart-site',
    labels,
    series,
    option: {
      ...base,
      grid: { left: 120, right: 24, top: 16, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels },
      series: [{ type: 'bar', name: t.volume, data: series[0].values, barMaxWidth: 28 }],
    },
  };
}

function byCategory(r: KpiReport, t: ChartTexts): ChartSpec {
  const labels = r.groups.map((g) => name(g, t.noCategory));
  const series = [{ name: t.volume, values: r.groups.map((g) => g.kpis.volume) }];
  return {
    id: 'chart-category',
    labels,
    series,
    option: {
      color: COLORS,
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        { type: 'pie', name: t.volume, radius: ['35%', '65%'], data: labels.map((l, i) => ({ name: l, value: series[0].values[i] })) },
      ],
    },
  };
}

function csat(r: KpiReport, t: ChartTexts): ChartSpec {
  const labels = [1, 2, 3, 4, 5].map(t.stars);
  const series = [{ name: t.csat, values: r.totals.csat.distribution }];
  return {
    id: 'chart-csat',
    labels,
    series,
    option: {
      ...base,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t.csat, data: series[0].values, itemStyle: { color: '#ff7d00' } }],
    },
  };
}

/** Every chart of the dashboard from the period's reports. */
export function dashboardCharts(data: DashboardData, t: ChartTexts): ChartSpec[] {
  return [volumeByDay(data.byDay, t), trend(data.byDay, t), bySite(data.bySite, t), byCategory(data.byCategory, t), csat(data.byDay, t)];
}
