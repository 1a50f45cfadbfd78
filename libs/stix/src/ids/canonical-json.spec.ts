import { canonicalJson } from './canonical-json.util';

const sut = canonicalJson;

describe(canonicalJson.name, () => {
  it('sorts keys by UTF-16 code units and drops whitespace and undefined', () => {
    expect(sut({ b: 1, a: [true, null], C: 'x', é: 2, z: undefined })).toBe(
      '{"C":"x","a":[true,null],"b":1,"é":2}',
    );
  });

  it('formats numbers the ECMAScript way and dates as ISO strings', () => {
    expect(sut({ n: 1e21, f: 0.1, d: new Date(Date.UTC(2024, 0, 1)) })).toBe(
      '{"d":"2024-01-01T00:00:00.000Z","f":0.1,"n":1e+21}',
    );
  });

  it('refuses undefined', () => {
    expect(() => sut(undefined)).toThrow(
      expect.objectContaining({ code: 'STIX_ID_NOT_SERIALISABLE' }) as Error,
    );
  });
});
