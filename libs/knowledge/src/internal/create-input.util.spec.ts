import { buildElement } from '@lib/entity-store';
import { OCTI_EXTENSION_ID, parseStixObject } from '@lib/stix';
import { inputFieldOf, inputToStix, splitInput } from './create-input.util';

describe(splitInput.name, () => {
  it('separates attributes, refs by input name and id controls; nulls are absent', () => {
    const sut = splitInput('Malware', {
      name: 'Emotet',
      description: null,
      createdBy: 'identity--1',
      objectMarking: ['m1', null],
      samples: ['file--1'],
      stix_id: 'MALWARE--ABC',
      x_opencti_stix_ids: ['malware--x'],
      update: true,
      createIndicator: false,
    });
    expect(sut.attributes).toEqual({ name: 'Emotet' });
    expect(sut.refs.map((r) => [r.definition.relationshipType, r.ids])).toEqual([
      ['created-by', ['identity--1']],
      ['object-marking', ['m1']],
      ['sample', ['file--1']],
    ]);
    expect(sut).toMatchObject({
      stixId: 'malware--abc',
      extraStixIds: ['malware--x'],
      update: true,
    });
  });

  it('rejects refs the type does not carry and several ids for a single ref', () => {
    expect(() => splitInput('Label', { value: 'x', killChainPhases: ['k'] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'killChainPhases' }) }),
    );
    expect(() => splitInput('Malware', { name: 'x', createdBy: ['a', 'b'] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'createdBy' }) }),
    );
  });
});

describe(inputToStix.name, () => {
  it('writes valid STIX with refs as standard ids and meta objects embedded, no platform bookkeeping', () => {
    const author = buildElement({
      entityType: 'Organization',
      standardId: 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      attributes: { name: 'ACME' },
    });
    const label = buildElement({ entityType: 'Label', attributes: { value: 'ransomware' } });
    const phase = buildElement({
      entityType: 'Kill-Chain-Phase',
      attributes: { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
    });
    const stix = inputToStix({
      entityType: 'Malware',
      stixId: 'malware--2c5b7a3e-1f20-4c8a-9d4e-6b7f8a9c0d1e',
      extraStixIds: [],
      attributes: { name: 'Emotet', is_family: true },
      refs: new Map([
        ['created-by', [author]],
        ['object-label', [label]],
        ['kill-chain-phase', [phase]],
      ]),
    });
    expect(stix).toMatchObject({
      type: 'malware',
      id: 'malware--2c5b7a3e-1f20-4c8a-9d4e-6b7f8a9c0d1e',
      name: 'Emotet',
      created_by_ref: author.standardId,
      labels: ['ransomware'],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
    });
    const octi = (stix.extensions as Record<string, Record<string, unknown>>)[OCTI_EXTENSION_ID];
    expect(octi).not.toHaveProperty('id');
    expect(octi).not.toHaveProperty('created_at');
    expect(parseStixObject(stix).ok).toBe(true);
  });
});

describe(inputFieldOf.name, () => {
  it.each([
    ['created_by_ref', 'createdBy'],
    ['object_marking_refs[0]', 'objectMarking'],
    ['id', 'stix_id'],
    ['source_ref', 'fromId'],
    ['where_sighted_refs', 'toId'],
    ['pattern', 'pattern'],
    [undefined, 'input'],
  ])('maps %s to %s', (field, expected) => {
    expect(inputFieldOf('Indicator', field)).toBe(expected);
  });
});
