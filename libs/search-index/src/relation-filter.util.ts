import type { Filter } from '@lib/kernel';
import { InvalidQueryError } from './errors/search-index.error';

/**
 * The ends and relationship types of a relationship filter: `connectedToId` lists ids;
 * `regardingOf`'s values are sub-filters `{key: 'id', values}` and `{key: 'relationship_type',
 * values}`. Elements match when a relationship (either direction, of one of the types if any)
 * links them to one of the ids.
 */
export function relationFilterTargets(
  key: 'regardingOf' | 'connectedToId',
  filter: Filter,
): { ids: string[]; types: string[] } {
  if (key === 'connectedToId') {
    return { ids: filter.values.map(String), types: [] };
  }
  const ids: string[] = [];
  const types: string[] = [];
  for (const value of filter.values as unknown[]) {
    const sub = value as { key?: unknown; values?: unknown };
    const values = Array.isArray(sub.values) ? sub.values.map(String) : [];
    const subKey: unknown = Array.isArray(sub.key) ? (sub.key as unknown[])[0] : sub.key;
    if (subKey === 'id') ids.push(...values);
    else if (subKey === 'relationship_type') types.push(...values);
    else
      throw new InvalidQueryError(`Unknown regardingOf key "${String(subKey)}"`, { key: subKey });
  }
  return { ids, types };
}
