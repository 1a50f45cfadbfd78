import { normalizeName } from './normalize-name.util';

const sut = normalizeName;

describe(normalizeName.name, () => {
  it.each<[unknown, string]>([
    ['  APT28  ', 'apt28'],
    ['Fancy   Bear', 'fancy   bear'],
    ['ÉCOLE', 'école'],
    [undefined, ''],
    [null, ''],
    [42, '42'],
  ])('normalises %p to %p', (value, expected) => {
    expect(sut(value)).toBe(expected);
  });
});
