import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { Filter } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { typeLabel } from '@lib/ui';

/** One slice or bar: a name, its count, the colour the platform keeps for it if any. */
export type ChartPoint = { name: string; value: number; color?: string | undefined };

/** The dashboard's charts (`/dashboard/charts.json`), all counted under the reader's access. */
export type DashboardCharts = {
  byType: ChartPoint[];
  byMarking: ChartPoint[];
  byLabel: ChartPoint[];
  /** Objects created on the platform per month (the last 12 months, oldest first). */
  timeline: ChartPoint[];
};

const KNOWLEDGE = ['Stix-Core-Object'];
const TOP_TYPES = 12;
const MAX_MARKINGS = 20;
const MAX_LABELS = 30;
const TOP_LABELS = 10;
const MONTHS = 12;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const only = (filter: Filter) => ({ mode: 'and' as const, filters: [filter], filterGroups: [] });

/** The first day (UTC) of the month `back` months before `now`'s. */
function monthStart(now: Date, back: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
}

/**
 * The dashboard's figures: the store's per-type counts and search-index counts with filters
 * (markings, labels, creation months), every query under the reader's AccessContext.
 */
@Injectable()
export class DashboardChartsService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  async charts(ctx: AccessContext, now = new Date()): Promise<DashboardCharts> {
    const [byType, byMarking, byLabel, timeline] = await Promise.all([
      this.byType(ctx),
      this.byMarking(ctx),
      this.byLabel(ctx),
      this.timeline(ctx, now),
    ]);
    return { byType, byMarking, byLabel, timeline };
  }

  private async byType(ctx: AccessContext): Promise<ChartPoint[]> {
    const counts = await this.store.countByType(ctx);
    return Object.entries(counts)
      .filter(([type, n]) => n > 0 && isTypeOf(type, 'Stix-Core-Object'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_TYPES)
      .map(([type, value]) => ({ name: typeLabel(type), value }));
  }

  private async byMarking(ctx: AccessContext): Promise<ChartPoint[]> {
    const markings = await this.index.search(ctx, {
      types: ['Marking-Definition'],
      first: MAX_MARKINGS,
      orderBy: 'created_at',
      orderMode: 'asc',
    });
    const [counts, none] = await Promise.all([
      this.countEach(ctx, markings.items, 'objectMarking'),
      this.index.count(ctx, {
        types: KNOWLEDGE,
        filters: only({ key: ['objectMarking'], values: [], operator: 'nil' }),
      }),
    ]);
    const points = markings.items.map((m, i) => ({
      name: str(m.attributes.definition) ?? m.standardId,
      value: counts[i] ?? 0,
      color: str(m.attributes.x_opencti_color),
    }));
    return [...points, { name: 'No marking', value: none, color: undefined }].filter(
      (p) => p.value > 0,
    );
  }

  private async byLabel(ctx: AccessContext): Promise<ChartPoint[]> {
    const labels = await this.index.search(ctx, { types: ['Label'], first: MAX_LABELS });
    const counts = await this.countEach(ctx, labels.items, 'objectLabel');
    return labels.items
      .map((l, i) => ({
        name: str(l.attributes.value) ?? l.standardId,
        value: counts[i] ?? 0,
        color: str(l.attributes.color),
      }))
      .filter((p) => p.value > 0)
      .sort((a, b) => b.value - a.value)
      .slice(0, TOP_LABELS);
  }

  private async timeline(ctx: AccessContext, now: Date): Promise<ChartPoint[]> {
    const months = Array.from({ length: MONTHS }, (_, i) => monthStart(now, MONTHS - 1 - i));
    const counts = await Promise.all(
      months.map((start) => {
        const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
        return this.index.count(ctx, {
          types: KNOWLEDGE,
          filters: {
            mode: 'and',
            filters: [
              { key: ['created_at'], values: [start.toISOString()], operator: 'gte' },
              { key: ['created_at'], values: [end.toISOString()], operator: 'lt' },
            ],
            filterGroups: [],
          },
        });
      }),
    );
    return months.map((m, i) => ({ name: m.toISOString().slice(0, 7), value: counts[i] ?? 0 }));
  }

  private countEach(
    ctx: AccessContext,
    targets: readonly StoredElement[],
    key: 'objectMarking' | 'objectLabel',
  ): Promise<number[]> {
    return Promise.all(
      targets.map((t) =>
        this.index.count(ctx, {
          types: KNOWLEDGE,
          filters: only({ key: [key], values: [t.internalId] }),
        }),
      ),
    );
  }
}
