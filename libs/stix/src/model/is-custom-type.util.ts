import { ENTITY_TYPE_INDEX } from './entity-types.constants';
import { isAbstractType } from './is-abstract-type.util';
import { MODELLED_STIX_TYPES, STIX_TYPE_SYNTAX } from './stix-types.constants';

/**
 * True when `entityType` is a STIX type the model does not know (x-mitre-analytic,
 * extension-definition, attack-flow objects, any x-…): it is kept as its own entity type under
 * Stix-Custom-Object.
 */
export function isCustomType(entityType: string): boolean {
  return (
    !ENTITY_TYPE_INDEX.has(entityType) &&
    !MODELLED_STIX_TYPES.has(entityType) &&
    !isAbstractType(entityType) &&
    STIX_TYPE_SYNTAX.test(entityType)
  );
}
