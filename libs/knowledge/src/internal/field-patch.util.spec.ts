import { buildElement } from '@lib/entity-store';
import { addMarkings, editAttribute, editRefs, editStixIds } from './field-patch.util';

describe(editAttribute.name, () => {
  it('replaces, adds to and removes from list attributes', () => {
    const a = { aliases: ['A'] };
    expect(editAttribute(a, 'aliases', 'add', ['B', 'A'])).toEqual({ aliases: ['A', 'B'] });
    expect(editAttribute(a, 'aliases', 'replace', ['C'])).toEqual({ aliases: ['C'] });
    expect(editAttribute(a, 'aliases', 'remove', ['A'])).toEqual({});
    expect(editAttribute({}, 'malware_types', 'add', ['trojan'])).toEqual({
      malware_types: ['trojan'],
    });
    expect(a).toEqual({ aliases: ['A'] });
  });

  it('sets and unsets single values, typing pycti strings', () => {
    expect(editAttribute({}, 'confidence', 'replace', ['80'])).toEqual({ confidence: 80 });
    expect(editAttribute({}, 'revoked', 'replace', ['true'])).toEqual({ revoked: true });
    expect(editAttribute({ description: 'x' }, 'description', 'replace', [])).toEqual({});
    expect(() => editAttribute({}, 'x_opencti_score', 'replace', ['high'])).toThrow(
      expect.objectContaining({ category: 'validation' }),
    );
  });
});

describe(editStixIds.name, () => {
  it('edits lower-cased STIX ids without duplicates', () => {
    expect(editStixIds(['a--1'], 'add', ['A--2', 'a--1'])).toEqual(['a--1', 'a--2']);
    expect(editStixIds(['a--1', 'a--2'], 'remove', ['a--1'])).toEqual(['a--2']);
  });
});

describe(addMarkings.name, () => {
  const marking = (type: string, order: number) =>
    buildElement({
      entityType: 'Marking-Definition',
      attributes: { definition_type: type, definition: `${type}:${order}`, x_opencti_order: order },
    });
  it('keeps the highest order per definition type and adds new types', () => {
    const green = marking('TLP', 2);
    const amber = marking('TLP', 3);
    const pap = marking('PAP', 1);
    expect(addMarkings([green], [amber])).toEqual([amber.internalId]);
    expect(addMarkings([amber], [green])).toEqual([amber.internalId]);
    expect(addMarkings([amber], [pap])).toEqual([amber.internalId, pap.internalId]);
  });
});

describe(editRefs.name, () => {
  it('adds, removes, and replaces single refs', () => {
    expect(editRefs({ object: ['a'] }, 'object', 'add', ['b', 'a'], false)).toEqual({
      object: ['a', 'b'],
    });
    expect(editRefs({ object: ['a'] }, 'object', 'remove', ['a'], false)).toEqual({});
    expect(editRefs({ 'created-by': ['a'] }, 'created-by', 'add', ['b'], true)).toEqual({
      'created-by': ['b'],
    });
  });
});
