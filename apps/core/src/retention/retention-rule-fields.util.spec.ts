import { AppError } from '@lib/kernel';
import { RETENTION_RULE_EDITABLE, retentionRuleAttributes } from './retention-rule-fields.util';

const LABELS = JSON.stringify({
  mode: 'and',
  filters: [{ key: ['objectLabel'], values: ['old'] }],
  filterGroups: [],
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('retentionRuleAttributes', () => {
  it('stores a valid rule, days by default', () => {
    expect(retentionRuleAttributes({ name: ' Old ', filters: LABELS, max_retention: 3 })).toEqual({
      name: 'Old',
      description: '',
      filters: LABELS,
      max_retention: 3,
      retention_unit: 'days',
      scope: 'knowledge',
    });
  });

  it.each([
    ['max_retention', { max_retention: -1 }],
    ['max_retention', { max_retention: 1.5 }],
    ['max_retention', { max_retention: 0 }],
    ['retention_unit', { retention_unit: 'weeks' }],
    ['scope', { scope: 'files' }],
    ['name', { name: '  ' }],
  ])('refuses a bad %s, naming it', (field, change) => {
    const error = refusal(() =>
      retentionRuleAttributes({ name: 'Rule', max_retention: 1, ...change }),
    );
    expect(error.category).toBe('validation');
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.details).toMatchObject({ field });
  });

  it('refuses an unknown filter key with the list queries own check', () => {
    const filters = JSON.stringify({
      mode: 'and',
      filters: [{ key: ['no_such_key'], values: ['x'] }],
      filterGroups: [],
    });
    const error = refusal(() => retentionRuleAttributes({ name: 'R', filters, max_retention: 1 }));
    expect(error.message).toBe('filters: Unknown filter key "no_such_key"');
    expect(error.details).toMatchObject({ field: 'filters', key: 'no_such_key' });
  });

  it('refuses filters that are not a FilterGroup', () => {
    const error = refusal(() =>
      retentionRuleAttributes({ name: 'R', filters: '{"mode":"xor"}', max_retention: 1 }),
    );
    expect(error.message).toContain('filters.mode');
  });
});

describe('RETENTION_RULE_EDITABLE', () => {
  it('takes a number given as text and refuses a negative one', () => {
    expect(RETENTION_RULE_EDITABLE.max_retention?.(['12'])).toBe(12);
    expect(refusal(() => RETENTION_RULE_EDITABLE.max_retention?.(['-2'])).message).toMatch(
      /^max_retention: /,
    );
  });
});
