import { parentTypes } from '@lib/stix';

// data-model.md §3.8: attributes whose first writer wins (they change only while empty).
const FIRST_WRITER_WINS: Record<string, readonly string[]> = {
  '*': ['lang', 'x_opencti_reliability'],
  Report: ['published'],
  Identity: ['roles', 'identity_class'],
  Location: ['x_opencti_location_type'],
  Malware: ['capabilities'],
  Tool: ['tool_types', 'tool_version'],
  'Threat-Actor-Group': ['threat_actor_types', 'sophistication'],
  Infrastructure: ['infrastructure_types'],
  'Kill-Chain-Phase': ['kill_chain_name', 'phase_name', 'x_opencti_order'],
  'External-Reference': ['url', 'source_name', 'external_id'],
  'Marking-Definition': ['definition_type', 'definition', 'x_opencti_order'],
};

const cache = new Map<string, ReadonlySet<string>>();

export function firstWriterWins(entityType: string): ReadonlySet<string> {
  let set = cache.get(entityType);
  if (!set) {
    set = new Set(
      ['*', entityType, ...parentTypes(entityType)].flatMap(
        (type) => FIRST_WRITER_WINS[type] ?? [],
      ),
    );
    cache.set(entityType, set);
  }
  return set;
}

/** Time attributes that only ever widen: the oldest start and the newest end are kept. */
export const OLDEST_WINS = new Set(['created', 'start_time', 'first_seen', 'first_observed']);
export const NEWEST_WINS = new Set([
  'modified',
  'x_opencti_modified_at',
  'stop_time',
  'last_seen',
  'last_observed',
]);

/** Counters summed when an upsert widens the observation window (sightings, observed data). */
export const WINDOW_COUNTERS: Record<string, readonly [string, string]> = {
  attribute_count: ['first_seen', 'last_seen'],
  number_observed: ['first_observed', 'last_observed'],
};

/** Refs added whatever the confidence (data-model.md §3.8). */
export const ALWAYS_ADDED_REFS = new Set(['object-label', 'external-reference']);

// Relationship time sentinels (data-model.md §1.7): stored when absent, never exported.
export const FROM_START = '1970-01-01T00:00:00.000Z';
export const UNTIL_END = '5138-11-16T09:46:40.000Z';
