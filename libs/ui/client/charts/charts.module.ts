// The dashboard's charts page module: echarts (only the chart types used, canvas renderer) in its
// own chunk, so only the dashboard pays for it. Colours come from the page's theme variables and
// follow the theme toggle.
import { init, use } from 'echarts/core';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { chartOptions, pointsOf } from './chart-options';
import type { ChartData, ChartName, Theme } from './chart-options';
import { themeColor } from '../theme-colors';
import { whenDetached } from '../page-lifetime';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

function themeNow(): Theme {
  return {
    text: themeColor('--text', '#1b2330'),
    muted: themeColor('--muted', '#4f5b6d'),
    border: themeColor('--border', '#d5dbe3'),
    surface: themeColor('--surface', '#ffffff'),
    palette: Array.from({ length: 8 }, (_, i) => themeColor(`--chart-${i + 1}`, '#1f5fbf')),
  };
}

function summary(name: ChartName, data: ChartData): string {
  const points = pointsOf(name, data);
  if (points.length === 0) return 'Nothing to count yet.';
  return points.map((p) => `${p.name}: ${p.value}`).join(', ');
}

export async function mount(el: HTMLElement): Promise<void> {
  const res = await fetch(el.dataset.src ?? '', {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!res.ok) {
    el.dataset.state = 'error';
    throw new Error(`the charts answered ${res.status}`);
  }
  const data = (await res.json()) as ChartData;
  const charts = new Map<ChartName, ECharts>();
  const draw = (): void => {
    const theme = themeNow();
    for (const slot of el.querySelectorAll<HTMLElement>('[data-chart]')) {
      const name = slot.dataset.chart as ChartName;
      const text = el.querySelector<HTMLElement>(`[data-summary="${name}"]`);
      if (text) text.textContent = summary(name, data);
      if (pointsOf(name, data).length === 0) {
        // Said in words: an empty pie is a grey disc, an empty axis a bare frame.
        slot.dataset.empty = '';
        slot.textContent = summary(name, data);
        continue;
      }
      let chart = charts.get(name);
      if (!chart) {
        chart = init(slot, undefined, { renderer: 'canvas' });
        charts.set(name, chart);
      }
      const option: EChartsCoreOption = chartOptions(name, data, theme);
      chart.setOption(option, true);
    }
  };
  draw();
  const theme = new MutationObserver(draw);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  scheme.addEventListener('change', draw);
  const size = new ResizeObserver(() => charts.forEach((c) => c.resize()));
  size.observe(el);
  // hx-boost swaps pages without reloading the document: let go of what hangs on it.
  whenDetached(el, () => {
    theme.disconnect();
    scheme.removeEventListener('change', draw);
    size.disconnect();
    charts.forEach((c) => c.dispose());
  });
  el.dataset.state = 'ready';
}
