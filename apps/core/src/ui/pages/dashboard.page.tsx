import { ElementTable, Page, formatCount } from '@lib/ui';
import type { Chrome, ElementRow } from '@lib/ui';
import { DashboardCharts } from '../dashboard/dashboard-charts';

export type AreaCount = { area: string; label: string; href: string; count: number };

/** The landing page: how much of each kind the reader can see, and the latest reports. */
export function DashboardPage(props: {
  chrome: Chrome;
  counts: readonly AreaCount[];
  total: number;
  latest: readonly ElementRow[];
}): JSX.Element {
  return (
    <Page title="Dashboard" chrome={props.chrome}>
      <div class="page-head">
        <h1>Dashboard</h1>
        <span class="muted" safe>
          {`${formatCount(props.total)} objects you can see`}
        </span>
      </div>
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">Knowledge</h2>
        <div class="cards">
          {props.counts.map((c) => (
            <a class="card" href={c.href}>
              <div class="stat" safe>
                {formatCount(c.count)}
              </div>
              <div class="stat-label" safe>
                {`${c.label} · ${c.area}`}
              </div>
            </a>
          ))}
        </div>
      </section>
      <DashboardCharts />
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">Latest reports</h2>
        <ElementTable rows={props.latest} caption="Latest reports" />
      </section>
    </Page>
  );
}
