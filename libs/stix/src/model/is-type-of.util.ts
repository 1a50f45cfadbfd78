import { LEGACY_ABSTRACT_ALIASES } from './abstract-types.constants';
import { parentTypes } from './parent-types.util';

/**
 * True when `entityType` is `typeOrAbstract` or descends from it (what a `types` filter
 * matches). The legacy names stix-meta-relationship and stix-cyber-observable-relationship are
 * read as stix-ref-relationship.
 */
export function isTypeOf(entityType: string, typeOrAbstract: string): boolean {
  if (entityType === typeOrAbstract) {
    return true;
  }
  const target = Object.hasOwn(LEGACY_ABSTRACT_ALIASES, typeOrAbstract)
    ? (LEGACY_ABSTRACT_ALIASES[typeOrAbstract] ?? typeOrAbstract)
    : typeOrAbstract;
  return parentTypes(entityType).includes(target);
}
