import { createInputOf, editsOf, isoOf, parseEntityForm } from './entity-form.util';

describe('entity forms', () => {
  it('reads an indicator form into the indicatorAdd input', () => {
    const form = parseEntityForm('Indicator', {
      name: '  Bad domain ',
      description: '**bad**',
      confidence: '75',
      createdBy: 'org-1',
      objectMarking: 'm-1',
      objectLabel: ['l-1', 'l-2', 'l-1'],
      pattern: "[domain-name:value = 'bad.example']",
      pattern_type: 'stix',
      valid_from: '2026-12-01T10:30',
    });
    expect(form.errors).toEqual({});
    expect(createInputOf('Indicator', form.values)).toEqual({
      name: 'Bad domain',
      description: '**bad**',
      confidence: 75,
      createdBy: 'org-1',
      objectMarking: ['m-1'],
      objectLabel: ['l-1', 'l-2'],
      pattern: "[domain-name:value = 'bad.example']",
      pattern_type: 'stix',
      valid_from: '2026-12-01T10:30:00.000Z',
    });
  });

  it('names each wrong or missing field, keeping what was typed', () => {
    const form = parseEntityForm('Indicator', {
      name: ' ',
      confidence: '150',
      pattern_type: 'regex',
      valid_from: 'soon',
      description: 'kept',
    });
    expect(form.errors).toEqual({
      name: 'A name is required.',
      confidence: 'Confidence is a whole number from 0 to 100.',
      pattern: 'Pattern is required.',
      pattern_type: expect.stringContaining('Pattern type must be one of stix'),
      valid_from: 'Valid from must be a date and time.',
    });
    expect(form.values.description).toBe('kept');
    expect(parseEntityForm('Malware', { name: 'x', objectMarking: { a: 1 } }).errors).toEqual({});
    expect(isoOf('2026-02-03T10:00')).toBe('2026-02-03T10:00:00.000Z');
    expect(isoOf('2026-12-01')).toBeUndefined();
  });

  it('patches only what changed, removing a cleared description', () => {
    const form = parseEntityForm('Report', {
      name: 'Report A',
      description: '',
      confidence: '60',
      createdBy: '',
      objectMarking: ['m-1'],
      objectLabel: ['l-2'],
      published: '2026-01-01T00:00',
    });
    const edits = editsOf('Report', form.values, {
      attributes: {
        name: 'Report A',
        description: 'old',
        confidence: 50,
        published: '2026-01-01T00:00:00Z',
      },
      createdBy: 'org-1',
      objectMarking: ['m-1'],
      objectLabel: ['l-1'],
    });
    expect(edits).toEqual([
      { key: 'description', value: [], operation: 'remove' },
      { key: 'confidence', value: [60], operation: 'replace' },
      { key: 'createdBy', value: [], operation: 'replace' },
      { key: 'objectLabel', value: ['l-2'], operation: 'replace' },
    ]);
  });
});
