import type { Filter } from '@lib/kernel';
import type { RetentionRule } from '../../retention/retention-rule.types';
import { EMPTY_RETENTION_FORM } from './retention-form.types';
import type { RetentionFormValues } from './retention-form.types';

type FieldValue = [keyof RetentionFormValues, string | string[]];

// The form field a filter is, when it has the one shape that field builds.
function fieldOf(filter: Filter): FieldValue | undefined {
  if (filter.key.length !== 1 || filter.mode === 'and') return undefined;
  const values = filter.values.map(String);
  const eq = !filter.operator || filter.operator === 'eq';
  const one = values.length === 1 ? values[0] : undefined;
  switch (filter.key[0]) {
    case 'entity_type':
      return eq ? ['entity_types', values.join(', ')] : undefined;
    case 'objectLabel':
      return eq ? ['objectLabel', values] : undefined;
    case 'objectMarking':
      return eq ? ['objectMarking', values] : undefined;
    case 'createdBy':
      return eq && one ? ['createdBy', one] : undefined;
    case 'confidence':
      return filter.operator === 'lte' && one ? ['confidence_max', one] : undefined;
    default:
      return undefined;
  }
}

/**
 * A stored rule as the form shows it: its filters in the fields when they are what the form
 * builds, otherwise (a rule written through the API) as JSON in the advanced field.
 */
export function retentionFormValues(rule: RetentionRule): RetentionFormValues {
  const values: RetentionFormValues = {
    ...EMPTY_RETENTION_FORM,
    name: rule.name,
    max_retention: String(rule.maxRetention),
    retention_unit: rule.unit,
  };
  const group = rule.filterGroup;
  const fields = group.filters.map(fieldOf);
  const fits =
    group.mode === 'and' &&
    group.filterGroups.length === 0 &&
    fields.every((f) => f !== undefined) &&
    new Set(fields.map((f) => f[0])).size === fields.length;
  return fits
    ? { ...values, ...Object.fromEntries(fields) }
    : { ...values, advanced: rule.filters };
}
