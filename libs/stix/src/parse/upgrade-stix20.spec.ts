import { upgradeStix20 } from './upgrade-stix20.util';

const ENVELOPE = { created: '2020-01-01T00:00:00.000Z', modified: '2020-01-02T00:00:00.000Z' };

describe(upgradeStix20.name, () => {
  const sut = upgradeStix20;

  it('sets spec_version 2.1 right after type and keeps every other property', () => {
    const input = {
      type: 'attack-pattern',
      id: 'attack-pattern--0a3ead4e-6d47-4ccb-854c-a6a4f9d96b22',
      ...ENVELOPE,
      name: 'Phishing',
      labels: ['free-label'],
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      object_marking_refs: ['marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'],
      x_mitre_platforms: ['Windows'],
    };

    const upgraded = sut(input);

    expect(Object.keys(upgraded).slice(0, 2)).toEqual(['type', 'spec_version']);
    expect(upgraded).toEqual({ ...input, spec_version: '2.1' });
  });

  it('replaces a spec_version 2.0 written on the object', () => {
    expect(sut({ type: 'campaign', spec_version: '2.0', name: 'C' })).toEqual({
      type: 'campaign',
      spec_version: '2.1',
      name: 'C',
    });
  });

  it.each([
    ['malware', 'malware_types', ['ransomware']],
    ['tool', 'tool_types', ['remote-access']],
    ['indicator', 'indicator_types', ['malicious-activity']],
    ['threat-actor', 'threat_actor_types', ['nation-state']],
    ['report', 'report_types', ['threat-report']],
    ['infrastructure', 'infrastructure_types', ['botnet']],
  ])('moves the vocabulary labels of %s to %s', (type, property, labels) => {
    const upgraded = sut({ type, name: 'N', labels });

    expect(upgraded[property]).toEqual(labels);
    expect(upgraded).not.toHaveProperty('labels');
  });

  it.each([
    'attack-pattern',
    'campaign',
    'identity',
    'intrusion-set',
    'vulnerability',
    'relationship',
  ])('keeps the free labels of %s', (type) => {
    expect(sut({ type, labels: ['a', 'b'] })).toMatchObject({ labels: ['a', 'b'] });
  });

  it('keeps labels when the 2.1 property is already there', () => {
    const upgraded = sut({ type: 'malware', labels: ['x'], malware_types: ['bot'] });

    expect(upgraded).toMatchObject({ labels: ['x'], malware_types: ['bot'] });
  });

  it('marks 2.0 malware as families unless is_family is given', () => {
    expect(sut({ type: 'malware', name: 'A' })).toMatchObject({ is_family: true });
    expect(sut({ type: 'malware', name: 'A', is_family: false })).toMatchObject({
      is_family: false,
    });
  });

  it("gives indicators pattern_type 'stix' unless one is given", () => {
    expect(sut({ type: 'indicator', pattern: '[a:b = 1]' })).toMatchObject({
      pattern_type: 'stix',
    });
    expect(sut({ type: 'indicator', pattern: 'x', pattern_type: 'yara' })).toMatchObject({
      pattern_type: 'yara',
    });
  });

  it('reads a one-value identity_class list as its value', () => {
    expect(sut({ type: 'identity', identity_class: ['unknown'] })).toMatchObject({
      identity_class: 'unknown',
    });
  });

  it('keeps observed-data objects as a dictionary and renames the 2.0 observable properties', () => {
    const objects = {
      '0': {
        type: 'file',
        name: 'a.exe',
        created: 'c',
        modified: 'm',
        accessed: 'a',
        is_encrypted: false,
      },
      '1': { type: 'process', pid: 4, created: 'c', binary_ref: '0', name: 'a.exe' },
      '2': { type: 'windows-registry-key', key: 'HKLM\\x', modified: 'm' },
      '3': { type: 'user-account', user_id: 'u', password_last_changed: 'p' },
      '4': { type: 'directory', path: 'C:\\', created: 'c', ctime: 'kept' },
      '5': { type: 'ipv4-addr', value: '10.0.0.1' },
    };

    const upgraded = sut({ type: 'observed-data', number_observed: 1, objects });

    expect(upgraded.objects).toEqual({
      '0': { type: 'file', name: 'a.exe', ctime: 'c', mtime: 'm', atime: 'a', is_encrypted: false },
      '1': { type: 'process', pid: 4, created_time: 'c', image_ref: '0', name: 'a.exe' },
      '2': { type: 'windows-registry-key', key: 'HKLM\\x', modified_time: 'm' },
      '3': { type: 'user-account', user_id: 'u', credential_last_changed: 'p' },
      '4': { type: 'directory', path: 'C:\\', created: 'c', ctime: 'kept' },
      '5': { type: 'ipv4-addr', value: '10.0.0.1' },
    });
  });

  it('does not modify its input', () => {
    const input = {
      type: 'malware',
      labels: ['bot'],
      objects: { '0': { type: 'file', created: 'c' } },
    };
    const copy = structuredClone(input);

    sut(input);

    expect(input).toEqual(copy);
  });

  it('keeps TLP 1.0 markings as they are', () => {
    const tlp = {
      type: 'marking-definition',
      id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      definition: { tlp: 'amber' },
    };

    expect(sut(tlp)).toEqual({ ...tlp, spec_version: '2.1' });
  });
});

describe(`${upgradeStix20.name} on hostile keys`, () => {
  const sut = upgradeStix20;

  it('copies __proto__ and constructor as plain properties', () => {
    const input = JSON.parse(
      '{"type":"constructor","labels":["a"],"__proto__":{"polluted":true},"constructor":"c"}',
    ) as Record<string, unknown>;

    const upgraded = sut(input);

    expect(Object.getPrototypeOf(upgraded)).toBe(Object.prototype);
    expect(Object.keys(upgraded)).toEqual([
      'type',
      'spec_version',
      'labels',
      '__proto__',
      'constructor',
    ]);
    expect(upgraded).not.toHaveProperty('polluted');
  });

  it('renames nothing through inherited names in observed-data objects', () => {
    const objects = JSON.parse(
      '{"__proto__":{"type":"file","created":"c"},"1":{"type":"constructor","name":"n"},"2":{"type":"file","constructor":"k"}}',
    ) as Record<string, unknown>;

    const upgraded = sut({ type: 'observed-data', objects });

    expect(Object.keys(upgraded.objects as object)).toEqual(['1', '2', '__proto__']);
    expect(upgraded.objects).toMatchObject({
      '1': { type: 'constructor', name: 'n' },
      '2': { type: 'file', constructor: 'k' },
    });
    expect(Object.getOwnPropertyDescriptor(upgraded.objects, '__proto__')?.value).toEqual({
      type: 'file',
      ctime: 'c',
    });
  });
});
