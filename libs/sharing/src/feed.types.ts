import type { CollectionBase } from '@lib/streams';

export const FEED_ENTITY_TYPE = 'Feed';

/** Where a column's value comes from for one entity type (`value` of IPv4-Addr, `pattern`…). */
export type FeedMapping = { type: string; attribute: string };
/** One column of a feed: its name and, per entity type, the attribute it shows. */
export type FeedAttribute = { attribute: string; mappings: FeedMapping[] };

export type FeedFormat = 'csv' | 'txt' | 'json';

/**
 * A pull feed for SIEMs and firewalls (`GET /feeds/<id>`): the elements of some types that pass
 * the filters and changed within the rolling window, newest first, as CSV, plain text (the first
 * column, one value per line) or JSON.
 */
export type Feed = CollectionBase & {
  format: FeedFormat;
  separator: string;
  includeHeader: boolean;
  /** Minutes back from now (0: no window). */
  rollingTime: number;
  types: string[];
  attributes: FeedAttribute[];
  public: boolean;
};

export type FeedInput = {
  name: string;
  description?: string | null;
  filters?: string | null;
  feed_types: string[];
  feed_attributes: FeedAttribute[];
  format?: FeedFormat | null;
  separator?: string | null;
  include_header?: boolean | null;
  rolling_time?: number | null;
  feed_public?: boolean | null;
  authorized_members?: { id: string; access_right?: string | null }[] | null;
};
