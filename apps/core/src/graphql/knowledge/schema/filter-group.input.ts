import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { FILTER_OPERATORS } from '@lib/kernel';
import type { FilterMode, FilterOperator, FilterValue } from '@lib/kernel';
import { AnyScalar } from './scalars.constants';

const FilterModeValues = { and: 'and', or: 'or' } as const;
const FilterOperatorValues = Object.fromEntries(FILTER_OPERATORS.map((o) => [o, o]));
const OrderingModeValues = { asc: 'asc', desc: 'desc' } as const;

registerEnumType(FilterModeValues, { name: 'FilterMode' });
registerEnumType(FilterOperatorValues, { name: 'FilterOperator' });
registerEnumType(OrderingModeValues, { name: 'OrderingMode' });

export { FilterModeValues, FilterOperatorValues, OrderingModeValues };

/** One filter of a FilterGroup (OpenCTI's shape, data-model.md §6). */
@InputType('Filter')
class FilterInput {
  @Field(() => [String])
  key!: string[];

  @Field(() => [AnyScalar])
  values!: FilterValue[];

  @Field(() => FilterOperatorValues, { nullable: true })
  operator?: FilterOperator | null;

  @Field(() => FilterModeValues, { nullable: true })
  mode?: FilterMode | null;
}

/** A recursive group of filters combined by `mode`. */
@InputType('FilterGroup')
export class FilterGroupInput {
  @Field(() => FilterModeValues)
  mode!: FilterMode;

  @Field(() => [FilterInput])
  filters!: FilterInput[];

  @Field(() => [FilterGroupInput])
  filterGroups!: FilterGroupInput[];
}
