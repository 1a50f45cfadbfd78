import { AppError } from '@lib/kernel';
import { parseFilterGroup } from '@lib/streams';
import type { RetentionRule } from '../../retention/retention-rule.types';
import { retentionFormInput } from './retention-form-input.util';
import { retentionFormValues } from './retention-form-values.util';
import { EMPTY_RETENTION_FORM } from './retention-form.types';

function ruleWith(filters: string): RetentionRule {
  return {
    id: 'r1',
    name: 'Old reports',
    description: '',
    filters,
    filterGroup: parseFilterGroup(filters),
    authorizedMembers: [],
    creatorId: '',
    createdAt: '',
    updatedAt: '',
    maxRetention: 7,
    unit: 'hours',
    scope: 'knowledge',
    lastExecutionDate: null,
    lastDeletedCount: null,
    remainingCount: null,
  };
}

describe('retention rule form', () => {
  const form = {
    ...EMPTY_RETENTION_FORM,
    name: 'Old reports',
    max_retention: '7',
    retention_unit: 'hours',
    entity_types: 'Report, Malware',
    objectLabel: ['l1', 'l2'],
    objectMarking: ['m1'],
    createdBy: 'org1',
    confidence_max: '40',
  };

  it('builds one "and" group of the filled fields', () => {
    const input = retentionFormInput(form);
    expect(input).toMatchObject({ name: 'Old reports', max_retention: 7, retention_unit: 'hours' });
    expect(JSON.parse(input.filters ?? '')).toEqual({
      mode: 'and',
      filters: [
        { key: ['entity_type'], values: ['Report', 'Malware'] },
        { key: ['objectLabel'], values: ['l1', 'l2'] },
        { key: ['objectMarking'], values: ['m1'] },
        { key: ['createdBy'], values: ['org1'] },
        { key: ['confidence'], values: [40], operator: 'lte' },
      ],
      filterGroups: [],
    });
  });

  it('reads the fields back from what it built', () => {
    const input = retentionFormInput(form);
    expect(retentionFormValues(ruleWith(input.filters ?? ''))).toEqual(form);
  });

  it('no field filled: no filter (every knowledge object)', () => {
    expect(retentionFormInput({ ...form, ...EMPTY_RETENTION_FORM }).filters).toBe('');
  });

  it('uses the advanced JSON when given, and shows API-made filters there', () => {
    const custom =
      '{"mode":"or","filters":[{"key":["x_opencti_score"],"values":[10],"operator":"lt"}],"filterGroups":[]}';
    expect(retentionFormInput({ ...form, advanced: custom }).filters).toBe(custom);
    const values = retentionFormValues(ruleWith(custom));
    expect(values.advanced).toBe(custom);
    expect(values.entity_types).toBe('');
  });

  it('names the field of a bad type or confidence', () => {
    for (const [change, field] of [
      [{ entity_types: 'Malware, Spaceship' }, 'entity_types'],
      [{ confidence_max: '101' }, 'confidence_max'],
    ] as const) {
      try {
        retentionFormInput({ ...form, ...change });
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).details).toMatchObject({ field });
      }
    }
  });
});
