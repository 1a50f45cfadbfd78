import { parseStixObject } from './parse-stix-object.util';
import type { ParsedObject, StixIssue } from './stix-parse.types';

const malware = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'malware',
  spec_version: '2.1',
  id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: 'Emotet',
  is_family: true,
  ...extra,
});

const issues = (result: ParsedObject): StixIssue[] => (result.ok ? [] : result.issues);
const warnings = (result: ParsedObject): StixIssue[] => (result.ok ? result.warnings : []);

describe(parseStixObject.name, () => {
  const sut = parseStixObject;

  it('returns the very object it was given when nothing had to change', () => {
    const input = malware({ x_acme_score: { deep: [1] }, extensions: { 'x-acme-ext': { a: 1 } } });

    const result = sut(input);

    expect(result).toEqual({ ok: true, object: input, warnings: [] });
    expect(result.ok && result.object).toBe(input);
  });

  it('upgrades an object of a 2.0 bundle and says so', () => {
    const { spec_version: _none, ...input } = malware({ labels: ['bot'] });

    const result = sut(input, { specVersion: '2.0' });

    expect(result).toMatchObject({
      ok: true,
      upgradedFrom: '2.0',
      object: { spec_version: '2.1', malware_types: ['bot'], is_family: true },
    });
    expect(input).not.toHaveProperty('spec_version');
  });

  it("lets the object's own spec_version win over the bundle's", () => {
    expect(sut(malware(), { specVersion: '2.0' })).not.toHaveProperty('upgradedFrom');
    expect(sut(malware({ spec_version: '2.0' }), { specVersion: '2.1' })).toMatchObject({
      upgradedFrom: '2.0',
    });
  });

  it('reads an object without spec_version as 2.1, warning for non-observables only', () => {
    const { spec_version: _none, ...sdo } = malware();
    const sco = {
      type: 'ipv4-addr',
      id: 'ipv4-addr--8a2d2e0e-1a4b-4f0c-9e43-7c7e4a7fd0a1',
      value: '10.0.0.1',
    };

    expect(warnings(sut(sdo))).toEqual([
      { path: 'spec_version', message: 'is missing (read as 2.1)' },
    ]);
    expect(sut(sco)).toEqual({ ok: true, object: sco, warnings: [] });
  });

  it('reports every error at once, with the id and type of the rejected object', () => {
    const result = sut(malware({ confidence: 900, labels: 'x', created: 'soon' }));

    expect(result).toMatchObject({
      ok: false,
      id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
      type: 'malware',
    });
    expect(
      issues(result)
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(['confidence', 'created', 'labels']);
  });

  it('validates only the common properties of a custom type', () => {
    const custom = {
      type: 'x-acme-thing',
      spec_version: '2.1',
      id: 'x-acme-thing--0d3c7d8e-6c56-4a44-b3c5-0b1b9ad83a3c',
      name: 42,
      pattern: ['not a pattern'],
      created: '2024-01-01T00:00:00Z',
    };

    expect(sut(custom)).toEqual({ ok: true, object: custom, warnings: [] });
    expect(issues(sut({ ...custom, confidence: -1 }))).toEqual([
      { path: 'confidence', message: 'must be an integer between 0 and 100' },
    ]);
  });

  it('checks any standard reference property, and only warns on custom ones', () => {
    expect(issues(sut(malware({ sample_refs: ['file-1'] })))).toEqual([
      { path: 'sample_refs[0]', message: 'must be a STIX identifier (<type>--<uuid>)' },
    ]);
    expect(warnings(sut(malware({ x_acme_owner_ref: 'nobody' })))).toEqual([
      { path: 'x_acme_owner_ref', message: 'must be a STIX identifier (<type>--<uuid>)' },
    ]);
  });

  it('reads null optional properties as absent with a warning, null required ones as missing', () => {
    expect(warnings(sut(malware({ description: null })))).toEqual([
      { path: 'description', message: 'is null (read as absent)' },
    ]);
    expect(
      issues(
        sut({
          ...malware(),
          type: 'indicator',
          id: 'indicator--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
          pattern: null,
        }),
      ),
    ).toEqual([{ path: 'pattern', message: 'is required' }]);
  });

  it('warns about values outside an open vocabulary', () => {
    expect(warnings(sut(malware({ malware_types: ['ransomware', 'cryptojacker'] })))).toEqual([
      { path: 'malware_types[1]', message: "'cryptojacker' is not in the vocabulary" },
    ]);
  });

  it('accepts RFC 3339 timestamps with an offset, warning that they are not STIX timestamps', () => {
    const result = sut(malware({ first_seen: '2020-01-01T10:00:00+01:00' }));

    expect(result.ok).toBe(true);
    expect(warnings(result)).toEqual([
      { path: 'first_seen', message: expect.stringContaining('not a STIX timestamp') as unknown },
    ]);
  });

  it('reads type names that are Object.prototype members as custom types', () => {
    const input = JSON.parse(
      '{"type":"constructor","id":"constructor--0d3c7d8e-6c56-4a44-b3c5-0b1b9ad83a3c","labels":["a"]}',
    ) as unknown;

    expect(sut(input, { specVersion: '2.0' })).toMatchObject({
      ok: true,
      upgradedFrom: '2.0',
      object: { labels: ['a'] },
    });
  });

  it('rejects what is not an object without throwing', () => {
    expect(sut(undefined)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'must be a JSON object' }],
    });
  });
});
