import { coerceLeaf, leafKind } from './leaf-kinds.util';

describe('leaf kinds', () => {
  it('types attributes by name', () => {
    expect(leafKind('confidence')).toBe('Int');
    expect(leafKind('x_opencti_cvss_base_score')).toBe('Float');
    expect(leafKind('revoked')).toBe('Boolean');
    expect(leafKind('valid_from')).toBe('DateTime');
    expect(leafKind('malware_types')).toBe('StringList');
    expect(leafKind('name')).toBe('String');
  });

  it('coerces stored values to their scalar, null when impossible', () => {
    expect(coerceLeaf('7', 'Int')).toBe(7);
    expect(coerceLeaf('high', 'Int')).toBeNull();
    expect(coerceLeaf('a', 'StringList')).toEqual(['a']);
    expect(coerceLeaf(['a'], 'String')).toBe('a');
    expect(coerceLeaf({ a: 1 }, 'String')).toBe('{"a":1}');
    expect(coerceLeaf('yes', 'Boolean')).toBeNull();
    expect(coerceLeaf(undefined, 'String')).toBeNull();
  });
});
