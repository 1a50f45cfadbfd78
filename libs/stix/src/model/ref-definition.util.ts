import type { EmbeddedRefKind, RefDefinition } from './model.types';

/**
 * Builds one row of REF_DEFINITIONS. Cardinality follows STIX naming: `*_ref` is single-valued,
 * `*_refs` and list properties (`labels`, `values`, `body_multipart`, …) are multi-valued.
 */
export function refDefinition(
  relationshipType: string,
  names: { readonly input: string; readonly stix: string; readonly embedded?: EmbeddedRefKind },
  targetTypes: readonly string[],
  appliesTo: readonly string[],
): RefDefinition {
  const base = {
    relationshipType,
    inputName: names.input,
    stixProperty: names.stix,
    multiple: !names.stix.endsWith('_ref'),
    targetTypes,
    appliesTo,
  };
  return Object.freeze(names.embedded ? { ...base, embedded: names.embedded } : base);
}
