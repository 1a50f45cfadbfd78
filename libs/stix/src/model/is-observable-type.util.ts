import { ABSTRACT_TYPE } from './abstract-types.constants';
import { isTypeOf } from './is-type-of.util';

/** True for every Stix-Cyber-Observable type (data-model.md §1.4). */
export function isObservableType(entityType: string): boolean {
  return isTypeOf(entityType, ABSTRACT_TYPE.stixCyberObservable);
}
