import type { Filter } from '@lib/kernel';
import { AppError } from '@lib/kernel';
import { entityTypeInfo, isAbstractType } from '@lib/stix';
import type { RetentionRuleInput } from '../../retention/retention-rule.types';
import type { RetentionFormValues } from './retention-form.types';

function invalid(field: string, message: string): AppError {
  return new AppError({
    code: 'FORM_FIELD_INVALID',
    category: 'validation',
    message,
    details: { field },
  });
}

function entityTypes(text: string): string[] {
  const types = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const unknown = types.find((t) => !entityTypeInfo(t) && !isAbstractType(t));
  if (unknown) throw invalid('entity_types', `Unknown entity type "${unknown}".`);
  return types;
}

function confidence(text: string): number | undefined {
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw invalid('confidence_max', 'The confidence must be a whole number from 0 to 100.');
  }
  return value;
}

/**
 * The rule the form describes: the advanced JSON when given (checked by the service like any
 * API input), else the filter group the fields build (all of them must match).
 */
export function retentionFormInput(values: RetentionFormValues): RetentionRuleInput {
  const max = values.max_retention === '' ? Number.NaN : Number(values.max_retention);
  const base = {
    name: values.name,
    max_retention: max,
    retention_unit: values.retention_unit,
  };
  if (values.advanced.trim() !== '') return { ...base, filters: values.advanced };
  const filters: Filter[] = [];
  const add = (key: string, list: readonly string[]) => {
    if (list.length > 0) filters.push({ key: [key], values: [...list] });
  };
  add('entity_type', entityTypes(values.entity_types));
  add('objectLabel', values.objectLabel);
  add('objectMarking', values.objectMarking);
  add('createdBy', values.createdBy ? [values.createdBy] : []);
  const max_confidence = confidence(values.confidence_max);
  if (max_confidence !== undefined) {
    filters.push({ key: ['confidence'], values: [max_confidence], operator: 'lte' });
  }
  const group = { mode: 'and', filters, filterGroups: [] };
  return { ...base, filters: filters.length > 0 ? JSON.stringify(group) : '' };
}
