import { ABSTRACT_TYPE } from './abstract-types.constants';
import { isTypeOf } from './is-type-of.util';

/** True for Artifact, StixFile and X509-Certificate (observables identified by hashes). */
export function isHashedObservableType(entityType: string): boolean {
  return isTypeOf(entityType, ABSTRACT_TYPE.hashedObservable);
}
