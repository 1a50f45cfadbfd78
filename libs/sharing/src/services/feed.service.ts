import { stringify } from 'csv-stringify/sync';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, targetLookup } from '@lib/entity-store';
import { hasCapability, systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf, toStix } from '@lib/stix';
import {
  entityTypeOfStix,
  filterIdValues,
  resolveIdAliases,
  stixMatches,
  stixValues,
} from '@lib/streams';
import type { Feed } from '../feed.types';

type Stix = Record<string, unknown>;

/** Most rows a feed answers (newest first). */
export const FEED_MAX_ROWS = 5000;
const SCAN_PAGE = 500;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** A value as feed text: scalars as they are, lists joined with `;`, objects as JSON. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** An attribute of the STIX form: a dotted path (`hashes.SHA-256`) or a filter key. */
function valueAt(stix: Stix, attribute: string): unknown {
  if (attribute === 'entity_type') return entityTypeOfStix(stix);
  if (attribute.includes('.')) {
    return attribute
      .split('.')
      .reduce<unknown>(
        (v, part) => (v && typeof v === 'object' ? (v as Stix)[part] : undefined),
        stix,
      );
  }
  const values = stixValues(stix, attribute);
  return values.length > 1 ? values : values[0];
}

/** Renders feeds (`GET /feeds/<id>`) as their reader may see them. */
@Injectable()
export class FeedService {
  private readonly system = systemContext('feeds');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  canRead(ctx: AccessContext | undefined, feed: Feed): boolean {
    if (feed.public) return true;
    if (!ctx) return false;
    return (
      hasCapability(ctx, 'TAXIIAPI') &&
      (feed.authorizedMembers.length === 0 ||
        hasCapability(ctx, 'BYPASS') ||
        feed.authorizedMembers.some((m) => m.id === ctx.userId))
    );
  }

  async render(ctx: AccessContext, feed: Feed): Promise<{ contentType: string; body: string }> {
    const rows = await this.rows(ctx, feed);
    const columns = feed.attributes.map((a) => a.attribute);
    if (feed.format === 'json') {
      const body = JSON.stringify(
        rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))),
      );
      return { contentType: CONTENT_TYPES.json, body };
    }
    const body =
      feed.format === 'txt'
        ? [...new Set(rows.map((row) => row[0] ?? '').filter(Boolean))]
            .map((v) => `${v}\n`)
            .join('')
        : stringify(feed.includeHeader ? [columns, ...rows] : rows, { delimiter: feed.separator });
    return { contentType: CONTENT_TYPES[feed.format], body };
  }

  /** The rows: elements of the feed's types changed within its window, passing its filters. */
  private async rows(ctx: AccessContext, feed: Feed): Promise<string[][]> {
    const aliases = await resolveIdAliases(
      this.store,
      this.system,
      filterIdValues(feed.filterGroup),
    );
    const since =
      feed.rollingTime > 0 ? new Date(Date.now() - feed.rollingTime * 60_000) : undefined;
    const rows: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.index.search(ctx, {
        types: feed.types,
        filters: {
          mode: 'and',
          filters: since
            ? [{ key: ['updated_at'], values: [since.toISOString()], operator: 'gte' }]
            : [],
          filterGroups: [],
        },
        orderBy: 'updated_at',
        orderMode: 'desc',
        first: SCAN_PAGE,
        ...(after ? { after } : {}),
      });
      const lookup = await targetLookup(this.store, page.items);
      for (const element of page.items) {
        const stix = toStix(element, lookup) as Stix;
        if (!stixMatches(stix, feed.filterGroup, aliases)) continue;
        const type = entityTypeOfStix(stix);
        rows.push(
          feed.attributes.map((column) => {
            const mapping = column.mappings.find((m) => isTypeOf(type, m.type));
            return mapping ? text(valueAt(stix, mapping.attribute)) : '';
          }),
        );
        if (rows.length >= FEED_MAX_ROWS) return rows;
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
      after = page.pageInfo.endCursor;
    }
  }
}
