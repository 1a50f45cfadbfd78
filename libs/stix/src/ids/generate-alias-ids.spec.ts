import { generateAliasIds } from './generate-alias-ids.util';
import { generateStandardId } from './generate-standard-id.util';

const sut = generateAliasIds;

describe(generateAliasIds.name, () => {
  it('gives Emotet its Geodo alias id (data-model.md §3.7)', () => {
    expect(sut('Malware', { name: 'Emotet', aliases: ['Geodo'] })).toEqual([
      'malware--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a8',
    ]);
  });

  it('reads x_opencti_aliases and keeps the other contributing fields', () => {
    const data = { name: 'ACME', identity_class: 'organization', x_opencti_aliases: ['Acme Inc'] };
    expect(sut('Organization', data)).toEqual([
      generateStandardId('Organization', { name: 'Acme Inc', identity_class: 'organization' }),
    ]);
  });

  it('trims, de-duplicates case-insensitively and drops the name itself', () => {
    const ids = sut('Intrusion-Set', {
      name: 'APT28',
      aliases: [' Fancy Bear ', 'fancy bear', 'FANCY BEAR', 'apt28', '', '  '],
    });
    expect(ids).toEqual([generateStandardId('Intrusion-Set', { name: 'Fancy Bear' })]);
  });

  it('applies aliases_identifier_rules of the lower-cased type', () => {
    const rules = { vulnerability: ['CVE-\\d{4}-\\d{4,7}'] };
    const ids = sut(
      'Vulnerability',
      { name: 'Log4Shell', x_opencti_aliases: ['CVE-2019-12345', 'log4j'] },
      rules,
    );
    expect(ids).toEqual(['vulnerability--f140924c-f52e-5b3a-b8bb-37a97cee7063']);
  });

  it('gives the threat actor type to alias ids', () => {
    expect(sut('Threat-Actor-Individual', { name: 'A', aliases: ['CARD04'] })).toEqual([
      'threat-actor--af15b6ae-a3dd-54d3-8fa0-3adfe0391d01',
    ]);
  });

  it('leaves out alias ids equal to the standard id (x_mitre_id way)', () => {
    expect(sut('Attack-Pattern', { name: 'A', x_mitre_id: 'T1', aliases: ['B'] })).toEqual([]);
  });

  it('still computes alias ids when the element has no name', () => {
    expect(sut('Malware', { aliases: ['Geodo'] })).toEqual([
      'malware--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a8',
    ]);
  });

  it.each(['Report', 'Indicator', 'SecurityPlatform', 'IPv4-Addr', 'x-mitre-tactic'])(
    'returns [] for the non-aliased type %s',
    (entityType) => {
      expect(sut(entityType, { name: 'x', aliases: ['y'] })).toEqual([]);
    },
  );
});
