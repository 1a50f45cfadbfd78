import { isHashedObservableType } from '../model/is-hashed-observable-type.util';
import { stixTypeOf } from '../model/stix-type-of.util';
import { canonicalJson } from './canonical-json.util';
import { OASIS_NAMESPACE } from './namespaces.constants';
import { uuidV5 } from './uuid-v5.util';

/**
 * One candidate id per hash of a hashed observable (`{"hashes":{"<ALGO>":"<value>"}}`,
 * data-model.md §3.4), used to match existing observables. Includes the id equal to the
 * standard id when there is one; [] for other types. Normalise the hashes first.
 */
export function generateHashIds(entityType: string, hashes: unknown): string[] {
  if (!isHashedObservableType(entityType) || typeof hashes !== 'object' || hashes === null) {
    return [];
  }
  const prefix = stixTypeOf(entityType);
  const ids = new Set<string>();
  for (const [algorithm, value] of Object.entries(hashes)) {
    if (typeof value === 'string' && value !== '') {
      const json = canonicalJson({ hashes: { [algorithm.toUpperCase()]: value } });
      ids.add(`${prefix}--${uuidV5(json, OASIS_NAMESPACE)}`);
    }
  }
  return [...ids];
}
