import { toContributingDate } from './contributing-date.util';
import type { IdResolver } from './id-contribution.types';
import { normalizeName } from './normalize-name.util';

// data-model.md §3.2: hash algorithms in the order the standard id picks one.
export const HASH_PRIORITY: readonly string[] = [
  'MD5',
  'SHA-1',
  'SHA-256',
  'SHA-512',
  'SHA3-256',
  'SHA3-512',
  'SSDEEP',
];

// Every date that can contribute to an id is hashed as `YYYY-MM-DDTHH:mm:ss.sssZ` (§3.3).
const DATE_KEYS = [
  'created',
  'published',
  'submitted',
  'first_observed',
  'last_observed',
  'start_time',
  'stop_time',
  'first_seen',
  'last_seen',
  'start',
  'end',
];

const upperCase: IdResolver = (value) => (typeof value === 'string' ? value.toUpperCase() : value);

// Observed-Data hashes the sorted standard ids of its objects (JavaScript default sort order).
const sortedIds: IdResolver = (value) =>
  Array.isArray(value) ? [...(value as unknown[])].sort() : value;

/** One hash, by priority, with its algorithm upper-cased; undefined when none qualifies. */
export const chooseOneHash: IdResolver = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const hashes = new Map<string, unknown>();
  for (const [algorithm, hash] of Object.entries(value)) {
    hashes.set(algorithm.toUpperCase(), hash);
  }
  for (const algorithm of HASH_PRIORITY) {
    const hash = hashes.get(algorithm);
    if (hash) {
      return { [algorithm]: hash };
    }
  }
  return undefined;
};

const oneItemList: IdResolver = (value) => (Array.isArray(value) ? (value as unknown[]) : [value]);

const DATE_RESOLVERS = DATE_KEYS.map((key) => [key, toContributingDate] as const);

// Resolvers apply only where listed (§3.2): names of domain, meta and internal objects are
// normalised; observables get no string normalisation at id level.
export const ENTITY_RESOLVERS: ReadonlyMap<string, IdResolver> = new Map<string, IdResolver>([
  ['name', normalizeName],
  ['identity_class', normalizeName],
  ['value', normalizeName],
  ['definition', upperCase],
  ['definition_type', upperCase],
  ['target_type', upperCase],
  ['objects', sortedIds],
  ...DATE_RESOLVERS,
]);

export const OBSERVABLE_RESOLVERS: ReadonlyMap<string, IdResolver> = new Map<string, IdResolver>([
  ['hashes', chooseOneHash],
  ...DATE_RESOLVERS,
]);

export const RELATIONSHIP_RESOLVERS: ReadonlyMap<string, IdResolver> = new Map<string, IdResolver>([
  ['where_sighted_refs', oneItemList],
  ...DATE_RESOLVERS,
]);
