import { LEGACY_ABSTRACT_ALIASES } from './abstract-types.constants';
import { CONCRETE_TYPES_BY_ABSTRACT } from './entity-types.constants';

/**
 * Every known concrete type matching `typeOrAbstract`: the descendants of an abstract type
 * (custom types cannot be enumerated and are not listed), or the type itself otherwise.
 */
export function concreteTypesOf(typeOrAbstract: string): readonly string[] {
  const abstract = Object.hasOwn(LEGACY_ABSTRACT_ALIASES, typeOrAbstract)
    ? (LEGACY_ABSTRACT_ALIASES[typeOrAbstract] ?? typeOrAbstract)
    : typeOrAbstract;
  return CONCRETE_TYPES_BY_ABSTRACT.get(abstract) ?? [typeOrAbstract];
}
