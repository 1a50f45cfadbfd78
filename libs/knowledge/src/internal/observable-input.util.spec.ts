import { creatableType, observableType } from './creatable-type.util';
import { hashesDictionary, observableAttributes } from './observable-input.util';

describe(observableAttributes.name, () => {
  it('reads a typed sub-input, hashes from pycti list form, nulls dropped', () => {
    expect(
      observableAttributes('StixFile', {
        name: 'a.exe',
        size: null,
        hashes: [{ algorithm: 'MD5', hash: 'abc' }],
      }),
    ).toEqual({ name: 'a.exe', hashes: { MD5: 'abc' } });
    expect(() => observableAttributes('IPv4Addr', undefined)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'IPv4Addr' }) }),
    );
    expect(hashesDictionary('h', { MD5: 'abc' })).toEqual({ MD5: 'abc' });
  });
});

describe(observableType.name, () => {
  it.each([
    ['File', 'StixFile'],
    ['StixFile', 'StixFile'],
    ['ipv4-addr', 'IPv4-Addr'],
    ['IPv4Addr', 'IPv4-Addr'],
    ['Domain-Name', 'Domain-Name'],
  ])('reads %s as %s', (input, expected) => {
    expect(observableType(input)).toBe(expected);
  });
});

describe(creatableType.name, () => {
  it('resolves abstract types through input.type and refuses the rest', () => {
    expect(creatableType('Identity', 'Organization')).toBe('Organization');
    expect(creatableType('Location', 'country')).toBe('Country');
    expect(creatableType('Malware', undefined)).toBe('Malware');
    expect(() => creatableType('Identity', 'Malware')).toThrow(
      expect.objectContaining({ category: 'validation' }),
    );
  });
});
