import { isCustomType, isTypeOf } from '@lib/stix';
import type { IndexLayout } from '@lib/opensearch';

// The element indices' explicit mappings. The element itself is kept whole in `_source`
// (`attributes` and `refs` are stored, not indexed: custom properties never add fields); what
// queries need is projected into a fixed set of fields: typed copies of well-known attributes
// (`num`, `date`, `sort`), every scalar attribute as one `key=value` keyword (`kv`), the searchable
// words (`text`), every key (`keys`) and every ref as `rel|target` (`ref_pairs`).

export const ELEMENT_COMPONENT = 'el';

/**
 * Bump when the mappings or families below change. Fields may be added (existing indices get them
 * too); a changed parameter applies to the indices created afterwards (version 2: no doc values
 * on the fields only filtered on); a new family gets its index (version 3: the audit log's).
 */
export const ELEMENT_LAYOUT_VERSION = 3;

/** One index per type family (DESIGN.md §7). */
export const ELEMENT_FAMILIES = [
  'domain-objects',
  'observables',
  'relationships',
  'sightings',
  'meta-objects',
  'internal-objects',
  'activity',
] as const;

export type ElementFamily = (typeof ELEMENT_FAMILIES)[number];

/**
 * The audit log has an index of its own: it grows by an entry per change, and inside the internal
 * objects' index every commit of a work or a setting refreshed its entries too, into segments of a
 * few hundred that the engine then merged. Entries written before stay where they were (reads span
 * every family).
 */
const AUDIT_LOG_TYPE = 'Activity';

export function familyOf(entityType: string, baseType: 'ENTITY' | 'RELATION'): ElementFamily {
  if (entityType === AUDIT_LOG_TYPE) {
    return 'activity';
  }
  if (baseType === 'RELATION') {
    return entityType === 'stix-sighting-relationship' ? 'sightings' : 'relationships';
  }
  if (isTypeOf(entityType, 'Stix-Cyber-Observable')) {
    return 'observables';
  }
  if (isTypeOf(entityType, 'Stix-Meta-Object')) {
    return 'meta-objects';
  }
  if (isTypeOf(entityType, 'Internal-Object')) {
    return 'internal-objects';
  }
  // Domain objects and custom STIX types (x-mitre-analytic…) alike.
  return isCustomType(entityType) || isTypeOf(entityType, 'Stix-Domain-Object')
    ? 'domain-objects'
    : 'internal-objects';
}

/** Numeric attributes, indexed as numbers for range filters and sorting. */
export const NUMBER_ATTRIBUTES = [
  'confidence',
  'x_opencti_score',
  'x_opencti_base_score',
  'number_observed',
  'attribute_count',
  'size',
  'x_opencti_order',
] as const;

/** Date attributes, indexed as dates. */
export const DATE_ATTRIBUTES = [
  'created',
  'modified',
  'first_seen',
  'last_seen',
  'valid_from',
  'valid_until',
  'start_time',
  'stop_time',
  'published',
  'first_observed',
  'last_observed',
] as const;

/** String attributes one can sort by (a missing value sorts where the empty string would). */
export const SORT_ATTRIBUTES = ['name', 'value', 'relationship_type', 'x_mitre_id'] as const;

const keyword = { type: 'keyword' };
// Fields only filtered on, never sorted nor aggregated: no doc values, whose per-segment terms
// dictionaries of unique ids cost the engine more than a tenth of its indexing and merging.
const filterOnly = { type: 'keyword', doc_values: false };
// Read from the source only (`keys` holds them for look-ups).
const kept = { type: 'keyword', index: false, doc_values: false };
const keywords = (names: readonly string[], spec: Record<string, unknown>) =>
  Object.fromEntries(names.map((name) => [name, spec]));

const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    internal_id: keyword,
    standard_id: keyword,
    entity_type: keyword,
    base_type: filterOnly,
    is_custom: { type: 'boolean' },
    stix_ids: kept,
    alias_ids: kept,
    lookup_keys: kept,
    keys: filterOnly,
    from_id: filterOnly,
    from_type: filterOnly,
    to_id: filterOnly,
    to_type: filterOnly,
    rel_key: filterOnly,
    created_at: { type: 'date' },
    updated_at: { type: 'date' },
    version: { type: 'long' },
    seq: { type: 'long' },
    attributes: { type: 'object', enabled: false },
    refs: { type: 'object', enabled: false },
    ref_pairs: filterOnly,
    ref_rels: filterOnly,
    markings: filterOnly,
    markings_count: { type: 'integer' },
    kv: { ...filterOnly, ignore_above: 2048 },
    attr_keys: filterOnly,
    text: { type: 'text', analyzer: 'standard' },
    num: {
      type: 'object',
      dynamic: 'strict',
      properties: keywords(NUMBER_ATTRIBUTES, { type: 'double', ignore_malformed: true }),
    },
    date: {
      type: 'object',
      dynamic: 'strict',
      properties: keywords(DATE_ATTRIBUTES, { type: 'date', ignore_malformed: true }),
    },
    sort: {
      type: 'object',
      dynamic: 'strict',
      properties: keywords(SORT_ATTRIBUTES, { type: 'keyword', ignore_above: 1024 }),
    },
  },
};

export type ElementLayoutOptions = { prefix: string; shards?: number; replicas?: string };

export function elementLayout(options: ElementLayoutOptions): IndexLayout {
  return {
    prefix: options.prefix,
    component: ELEMENT_COMPONENT,
    version: ELEMENT_LAYOUT_VERSION,
    families: ELEMENT_FAMILIES,
    mappings: MAPPINGS,
    settings: {
      number_of_shards: options.shards ?? 1,
      auto_expand_replicas: options.replicas ?? '0-1',
      refresh_interval: '1s',
      'mapping.total_fields.limit': 200,
    },
  };
}
