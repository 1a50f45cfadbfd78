import type { EngineBody } from './search-engine.types';

type Properties = Record<string, EngineBody>;

const propertiesOf = (mapping: EngineBody | undefined): Properties =>
  (mapping?.properties as Properties | undefined) ?? {};

/**
 * The fields of `wanted` that `existing` lacks, as a mapping to PUT on an existing index (undefined:
 * none). Fields both have are left as the index has them: an engine refuses to change most of a
 * field's parameters in place, so a layout that changes one (say, drops a field's doc values)
 * applies it to the indices created from the template afterwards, and the others keep theirs.
 * Object fields are compared field by field, so a new sub-field is added to an existing object.
 */
export function mappingAdditions(
  wanted: EngineBody,
  existing: EngineBody | undefined,
): EngineBody | undefined {
  const have = propertiesOf(existing);
  const added: Properties = {};
  for (const [name, field] of Object.entries(propertiesOf(wanted))) {
    const current = have[name];
    if (current === undefined) {
      added[name] = field;
      continue;
    }
    if (field.properties !== undefined) {
      const nested = mappingAdditions(field, current);
      if (nested) added[name] = nested;
    }
  }
  return Object.keys(added).length > 0 ? { properties: added } : undefined;
}
