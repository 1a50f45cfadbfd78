import { mappingAdditions } from './mapping-additions.util';

describe(mappingAdditions.name, () => {
  const existing = {
    dynamic: 'strict',
    properties: {
      name: { type: 'keyword' },
      num: { type: 'object', properties: { score: { type: 'double' } } },
    },
  };

  it('is undefined when the index has every field', () => {
    expect(mappingAdditions(existing, existing)).toBeUndefined();
  });

  it('adds new fields, and new sub-fields of existing objects, nothing else', () => {
    const wanted = {
      dynamic: 'strict',
      properties: {
        name: { type: 'keyword', doc_values: false },
        tag: { type: 'keyword' },
        num: {
          type: 'object',
          properties: { score: { type: 'double' }, size: { type: 'long' } },
        },
      },
    };
    expect(mappingAdditions(wanted, existing)).toEqual({
      properties: {
        tag: { type: 'keyword' },
        num: { properties: { size: { type: 'long' } } },
      },
    });
  });

  it('adds every field to an index without mappings', () => {
    expect(mappingAdditions(existing, undefined)).toEqual({ properties: existing.properties });
  });
});
