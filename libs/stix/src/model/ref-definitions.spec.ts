import { REF_DEFINITIONS } from './ref-definitions.constants';
import { refDefinitionByStixProperty, refDefinitionsFor } from './ref-definitions.util';

describe(refDefinitionsFor.name, () => {
  const sut = refDefinitionsFor;
  const types = (entityType: string) => sut(entityType).map((d) => d.relationshipType);

  it('gives SDOs the common refs', () => {
    expect(types('Campaign')).toEqual(
      expect.arrayContaining([
        'created-by',
        'object-marking',
        'object-label',
        'external-reference',
        'granted',
      ]),
    );
    expect(types('Campaign')).not.toContain('kill-chain-phase');
  });

  it('gives containers their object refs and cases assignees and participants', () => {
    expect(types('Report')).toEqual(
      expect.arrayContaining(['object', 'object-assignee', 'object-participant']),
    );
    expect(types('Feedback')).toEqual(expect.arrayContaining(['object', 'object-assignee']));
    expect(types('Feedback')).not.toContain('object-participant');
  });

  it('keeps the granted ref off Event, Organization, Sector and locations', () => {
    for (const entityType of ['Event', 'Organization', 'Sector', 'Country', 'Position']) {
      expect(types(entityType)).not.toContain('granted');
    }
  });

  it('gives custom STIX objects the common refs', () => {
    expect(types('x-mitre-tactic')).toEqual([
      'created-by',
      'object-marking',
      'object-label',
      'external-reference',
    ]);
  });

  it('gives relationships kill chain phases and sightings no object refs', () => {
    expect(types('uses')).toContain('kill-chain-phase');
    expect(types('stix-sighting-relationship')).not.toContain('kill-chain-phase');
  });
});

describe(refDefinitionByStixProperty.name, () => {
  const sut = refDefinitionByStixProperty;

  it.each<[string, string, string, boolean, string[]]>([
    ['Malware', 'sample_refs', 'sample', true, ['Artifact', 'StixFile']],
    ['Malware-Analysis', 'sample_ref', 'sample', false, ['Artifact', 'StixFile']],
    ['Malware', 'operating_system_refs', 'operating-system', true, ['Software']],
    ['Malware-Analysis', 'operating_system_ref', 'operating-system', false, ['Software']],
    ['Email-Addr', 'belongs_to_ref', 'obs_belongs-to', false, ['User-Account']],
    ['IPv4-Addr', 'belongs_to_refs', 'obs_belongs-to', true, ['Autonomous-System']],
    [
      'Domain-Name',
      'resolves_to_refs',
      'obs_resolves-to',
      true,
      ['Domain-Name', 'IPv4-Addr', 'IPv6-Addr'],
    ],
    ['IPv6-Addr', 'resolves_to_refs', 'obs_resolves-to', true, ['Mac-Addr']],
    ['Directory', 'contains_refs', 'contains', true, ['Directory', 'StixFile']],
    ['StixFile', 'contains_refs', 'contains', true, ['Stix-Cyber-Observable']],
    ['Email-Message', 'from_ref', 'from', false, ['Email-Addr']],
    ['Email-Message', 'body_multipart', 'body-multipart', true, ['Email-Mime-Part-Type']],
    [
      'Network-Traffic',
      'src_ref',
      'src',
      false,
      ['Domain-Name', 'IPv4-Addr', 'IPv6-Addr', 'Mac-Addr'],
    ],
    ['Process', 'creator_user_ref', 'creator-user', false, ['User-Account']],
    ['Windows-Registry-Key', 'values', 'values', true, ['Windows-Registry-Value-Type']],
    ['Threat-Actor-Individual', 'born_in_ref', 'born-in', false, ['Country']],
    ['Data-Component', 'data_source_ref', 'data-source', false, ['Data-Source']],
    ['Security-Coverage', 'covered_ref', 'object-covered', false, ['Stix-Core-Object']],
    [
      'Grouping',
      'object_refs',
      'object',
      true,
      [
        'Stix-Core-Object',
        'stix-core-relationship',
        'stix-sighting-relationship',
        'stix-ref-relationship',
      ],
    ],
  ])('%s %s → %s', (entityType, property, relationshipType, multiple, targets) => {
    expect(sut(entityType, property)).toMatchObject({
      relationshipType,
      multiple,
      targetTypes: targets,
    });
  });

  it.each<[string, string, string]>([
    ['Malware', 'labels', 'label'],
    ['IPv4-Addr', 'external_references', 'external-reference'],
    ['Attack-Pattern', 'kill_chain_phases', 'kill-chain-phase'],
  ])('marks %s %s as embedded %s', (entityType, property, embedded) => {
    expect(sut(entityType, property)?.embedded).toBe(embedded);
  });

  it.each<[string, string]>([
    ['Malware-Analysis', 'sample_refs'],
    ['Malware', 'sample_ref'],
    ['Email-Addr', 'belongs_to_refs'],
    ['Report', 'kill_chain_phases'],
    ['Malware', 'name'],
  ])('finds no ref for %s %s', (entityType, property) => {
    expect(sut(entityType, property)).toBeUndefined();
  });

  it('defines each input name with the multiplicity of its STIX property', () => {
    for (const definition of REF_DEFINITIONS) {
      expect(definition.multiple).toBe(!definition.stixProperty.endsWith('_ref'));
    }
  });
});
