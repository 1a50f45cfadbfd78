import { AppError } from '@lib/kernel';
import { parseFilterGroup } from '@lib/streams';
import { listFilters } from '../graphql/knowledge/read/filter-translation.util';
import { isKnownAttribute } from '../graphql/knowledge/read/knowledge-read.service';
import { RETENTION_UNITS } from './retention-rule.types';
import type { RetentionRuleInput, RetentionUnit } from './retention-rule.types';

// A generous bound: 100 years of days, far more in minutes, never an overflowing date.
const MAX_RETENTION = 10_000_000;

function invalid(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError({
    code: 'RETENTION_RULE_INVALID',
    category: 'validation',
    message: `${field}: ${message}`,
    details: { field, ...details },
  });
}

function checkedMax(value: unknown): number {
  const max = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RETENTION) {
    throw invalid('max_retention', `a whole number from 1 to ${MAX_RETENTION}`);
  }
  return max;
}

function checkedUnit(value: unknown): RetentionUnit {
  if (value === null || value === undefined || value === '') return 'days';
  const unit = RETENTION_UNITS.find((u) => u === value);
  if (!unit) throw invalid('retention_unit', `one of ${RETENTION_UNITS.join(', ')}`);
  return unit;
}

// The rule's filters go through the knowledge lists' own parser and key check, so a rule selects
// exactly what the same filters select in `stixCoreObjects(filters: …)`.
function checkedFilters(text: string | null | undefined): string {
  const group = parseFilterGroup(text);
  try {
    listFilters({ filters: group }, isKnownAttribute);
  } catch (error) {
    throw invalid('filters', (error as Error).message, (error as AppError).details ?? {});
  }
  return text?.trim() ?? '';
}

function checkedName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name) throw invalid('name', 'a rule needs a name');
  return name;
}

const first = (v: readonly unknown[]): unknown => v[0];

/** The stored attributes of a new rule (each bad field refused with its name). */
export function retentionRuleAttributes(input: RetentionRuleInput): Record<string, unknown> {
  if (input.scope && input.scope !== 'knowledge') {
    throw invalid('scope', 'only knowledge is supported');
  }
  return {
    name: checkedName(input.name),
    description: '',
    filters: checkedFilters(input.filters),
    max_retention: checkedMax(input.max_retention),
    retention_unit: checkedUnit(input.retention_unit),
    scope: 'knowledge',
  };
}

/** `fieldPatch` appliers of a rule's editable fields. */
export const RETENTION_RULE_EDITABLE: Readonly<Record<string, (value: unknown[]) => unknown>> = {
  name: (v) => checkedName(first(v)),
  filters: (v) => checkedFilters(typeof first(v) === 'string' ? (first(v) as string) : null),
  max_retention: (v) => checkedMax(first(v)),
  retention_unit: (v) => checkedUnit(first(v)),
};
