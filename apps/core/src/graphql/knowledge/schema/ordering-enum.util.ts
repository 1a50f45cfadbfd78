import { registerEnumType } from '@nestjs/graphql';
import { ORDERING_VALUES } from './knowledge-queries.constants';

const orderings = new Map<string, object>();

/** The ordering enum of a list (`StixCoreObjectsOrdering`…), registered once by name. */
export function orderingEnum(name: string): object {
  let values = orderings.get(name);
  if (!values) {
    values = Object.fromEntries(ORDERING_VALUES.map((v) => [v, v]));
    registerEnumType(values, { name });
    orderings.set(name, values);
  }
  return values;
}
