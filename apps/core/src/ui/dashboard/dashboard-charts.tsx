const CHARTS = [
  { name: 'by-type', title: 'Objects by type' },
  { name: 'by-marking', title: 'Objects by marking' },
  { name: 'by-label', title: 'Top labels' },
  { name: 'timeline', title: 'Objects created per month' },
] as const;

/**
 * The dashboard's charts: empty slots the `charts` page module (echarts, loaded by this page only)
 * fills from `/dashboard/charts.json`. Each slot says in text what its chart shows.
 */
export function DashboardCharts(): JSX.Element {
  return (
    <section
      class="charts"
      aria-labelledby="charts-title"
      data-module="charts"
      data-src="/dashboard/charts.json"
      data-state="loading"
    >
      <h2 id="charts-title">Overview</h2>
      <div class="chart-grid">
        {CHARTS.map((c) => (
          <figure class="card chart-card">
            <figcaption>{c.title}</figcaption>
            <div class="chart" data-chart={c.name} role="img" aria-label={c.title}></div>
            <p class="chart-summary visually-hidden" data-summary={c.name}></p>
          </figure>
        ))}
      </div>
    </section>
  );
}
