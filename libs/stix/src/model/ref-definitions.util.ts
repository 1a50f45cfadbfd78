import { isTypeOf } from './is-type-of.util';
import type { RefDefinition } from './model.types';
import { REF_DEFINITIONS } from './ref-definitions.constants';

// Per-type results are cached: the ingestion pipeline asks for every property of every object.
const MAX_CACHED_TYPES = 2000;
const byType = new Map<string, readonly RefDefinition[]>();
const byTypeAndProperty = new Map<string, ReadonlyMap<string, RefDefinition>>();

/** The refs an entity type carries (matching its type or any of its abstract parents). */
export function refDefinitionsFor(entityType: string): readonly RefDefinition[] {
  let definitions = byType.get(entityType);
  if (!definitions) {
    definitions = REF_DEFINITIONS.filter((definition) =>
      definition.appliesTo.some((owner) => isTypeOf(entityType, owner)),
    );
    if (byType.size < MAX_CACHED_TYPES) {
      byType.set(entityType, definitions);
    }
  }
  return definitions;
}

/**
 * The ref an entity type stores under a STIX property (e.g. Malware `sample_refs` → `sample`,
 * Malware-Analysis `sample_ref` → `sample`); undefined when the property is not a ref there.
 */
export function refDefinitionByStixProperty(
  entityType: string,
  stixProperty: string,
): RefDefinition | undefined {
  let index = byTypeAndProperty.get(entityType);
  if (!index) {
    index = new Map(refDefinitionsFor(entityType).map((d) => [d.stixProperty, d] as const));
    if (byTypeAndProperty.size < MAX_CACHED_TYPES) {
      byTypeAndProperty.set(entityType, index);
    }
  }
  return index.get(stixProperty);
}
