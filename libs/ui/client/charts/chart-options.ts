// echarts options of the dashboard's four charts, from the figures and the theme's colours.
import type { EChartsCoreOption } from 'echarts/core';

export type ChartPoint = { name: string; value: number; color?: string };
export type ChartData = {
  byType: ChartPoint[];
  byMarking: ChartPoint[];
  byLabel: ChartPoint[];
  timeline: ChartPoint[];
};
export type ChartName = 'by-type' | 'by-marking' | 'by-label' | 'timeline';
export type Theme = {
  text: string;
  muted: string;
  border: string;
  surface: string;
  palette: string[];
};

const KEYS: Record<ChartName, keyof ChartData> = {
  'by-type': 'byType',
  'by-marking': 'byMarking',
  'by-label': 'byLabel',
  timeline: 'timeline',
};

/** The figures of a chart by its slot name. */
export function pointsOf(name: ChartName, data: ChartData): ChartPoint[] {
  return data[KEYS[name]];
}

function axisStyle(theme: Theme) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
}

function tooltip(theme: Theme, trigger: 'item' | 'axis') {
  return {
    trigger,
    backgroundColor: theme.surface,
    borderColor: theme.border,
    textStyle: { color: theme.text },
  };
}

function donut(points: ChartPoint[], theme: Theme, radius: [string, string]): EChartsCoreOption {
  return {
    color: theme.palette,
    textStyle: { color: theme.text },
    tooltip: tooltip(theme, 'item'),
    legend: { type: 'scroll', bottom: 0, textStyle: { color: theme.text } },
    series: [
      {
        type: 'pie',
        radius,
        center: ['50%', '45%'],
        itemStyle: { borderColor: theme.surface, borderWidth: 2 },
        label: { color: theme.text, formatter: '{b}: {c}' },
        data: points.map((p) => ({
          name: p.name,
          value: p.value,
          ...(p.color && /^#[0-9a-f]{3,8}$/i.test(p.color)
            ? { itemStyle: { color: p.color } }
            : {}),
        })),
      },
    ],
  };
}

export function chartOptions(name: ChartName, data: ChartData, theme: Theme): EChartsCoreOption {
  const points = pointsOf(name, data);
  const base = { textStyle: { color: theme.text }, animation: false };
  switch (name) {
    case 'by-type':
      return {
        ...base,
        color: theme.palette,
        tooltip: tooltip(theme, 'axis'),
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        // Long type names leave the axis narrow: few ticks, and none drawn over another.
        xAxis: {
          type: 'value',
          minInterval: 1,
          splitNumber: 3,
          ...axisStyle(theme),
          axisLabel: { color: theme.muted, hideOverlap: true },
        },
        yAxis: {
          type: 'category',
          inverse: true,
          data: points.map((p) => p.name),
          ...axisStyle(theme),
        },
        series: [{ type: 'bar', data: points.map((p) => p.value), barMaxWidth: 22 }],
      };
    case 'by-marking':
      return { ...base, ...donut(points, theme, ['45%', '70%']) };
    case 'by-label':
      return { ...base, ...donut(points, theme, ['0%', '70%']) };
    case 'timeline':
      return {
        ...base,
        color: theme.palette,
        tooltip: tooltip(theme, 'axis'),
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          boundaryGap: false,
          data: points.map((p) => p.name),
          ...axisStyle(theme),
        },
        yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
        series: [
          {
            type: 'line',
            data: points.map((p) => p.value),
            smooth: true,
            areaStyle: { opacity: 0.25 },
            symbolSize: 6,
          },
        ],
      };
  }
}
