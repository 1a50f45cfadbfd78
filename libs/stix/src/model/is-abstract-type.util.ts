import { ABSTRACT_PARENTS, LEGACY_ABSTRACT_ALIASES } from './abstract-types.constants';

/** True for the abstract types of data-model.md §1.1 (and the legacy ref-relationship names). */
export function isAbstractType(type: string): boolean {
  return Object.hasOwn(ABSTRACT_PARENTS, type) || Object.hasOwn(LEGACY_ABSTRACT_ALIASES, type);
}
