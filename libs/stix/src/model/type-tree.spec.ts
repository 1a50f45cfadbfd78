import { concreteTypesOf } from './concrete-types-of.util';
import { entityTypeInfo } from './entity-type-info.util';
import { isAbstractType } from './is-abstract-type.util';
import { isCustomType } from './is-custom-type.util';
import { isTypeOf } from './is-type-of.util';
import { parentTypes } from './parent-types.util';
import { stixTypeOf } from './stix-type-of.util';

const SDO_CHAIN = ['Stix-Domain-Object', 'Stix-Core-Object', 'Stix-Object', 'Basic-Object'];

describe(parentTypes.name, () => {
  const sut = parentTypes;
  it.each<[string, string[]]>([
    ['Malware', SDO_CHAIN],
    ['Case-Incident', ['Case', 'Container', ...SDO_CHAIN]],
    ['Report', ['Container', ...SDO_CHAIN]],
    ['Sector', ['Identity', ...SDO_CHAIN]],
    [
      'StixFile',
      [
        'Hashed-Observable',
        'Stix-Cyber-Observable',
        'Stix-Core-Object',
        'Stix-Object',
        'Basic-Object',
      ],
    ],
    ['IPv4-Addr', ['Stix-Cyber-Observable', 'Stix-Core-Object', 'Stix-Object', 'Basic-Object']],
    ['Label', ['Stix-Meta-Object', 'Stix-Object', 'Basic-Object']],
    ['work', ['Internal-Object', 'Basic-Object']],
    ['uses', ['stix-core-relationship', 'stix-relationship', 'basic-relationship']],
    ['stix-sighting-relationship', ['stix-relationship', 'basic-relationship']],
    ['object-marking', ['stix-ref-relationship', 'stix-relationship', 'basic-relationship']],
    ['member-of', ['internal-relationship', 'basic-relationship']],
    ['x-mitre-analytic', ['Stix-Custom-Object', 'Stix-Core-Object', 'Stix-Object', 'Basic-Object']],
    ['Container', SDO_CHAIN],
    ['stix-meta-relationship', ['stix-relationship', 'basic-relationship']],
    ['Not A Type', []],
  ])('%s', (type, expected) => {
    expect(sut(type)).toEqual(expected);
  });
});

describe(isTypeOf.name, () => {
  const sut = isTypeOf;
  it.each<[string, string, boolean]>([
    ['Malware', 'Malware', true],
    ['Malware', 'Stix-Domain-Object', true],
    ['Feedback', 'Container', true],
    ['Task', 'Case', false],
    ['x-mitre-tactic', 'Stix-Core-Object', true],
    ['created-by', 'stix-meta-relationship', true],
    ['from', 'stix-cyber-observable-relationship', true],
    ['IPv4-Addr', 'Stix-Domain-Object', false],
    ['uses', 'stix-relationship', true],
  ])('%s is a %s: %s', (type, parent, expected) => {
    expect(sut(type, parent)).toBe(expected);
  });
});

describe(concreteTypesOf.name, () => {
  const sut = concreteTypesOf;
  it('lists the concrete descendants of an abstract type', () => {
    expect(sut('Case')).toEqual(['Case-Incident', 'Case-Rfi', 'Case-Rft', 'Feedback']);
    expect(sut('Identity')).toEqual([
      'Individual',
      'Organization',
      'Sector',
      'System',
      'SecurityPlatform',
    ]);
    expect(sut('Hashed-Observable')).toEqual(['Artifact', 'StixFile', 'X509-Certificate']);
    expect(sut('Threat-Actor')).toEqual(['Threat-Actor-Group', 'Threat-Actor-Individual']);
  });

  it('includes Case and Task in Container', () => {
    expect(sut('Container')).toEqual(
      expect.arrayContaining([
        'Report',
        'Note',
        'Opinion',
        'Observed-Data',
        'Grouping',
        'Task',
        'Feedback',
      ]),
    );
  });

  it('lists relationship families', () => {
    expect(sut('stix-core-relationship')).toContain('uses');
    expect(sut('stix-relationship')).toEqual(
      expect.arrayContaining(['uses', 'stix-sighting-relationship', 'created-by']),
    );
    expect(sut('stix-meta-relationship')).toEqual(sut('stix-ref-relationship'));
  });

  it('returns a concrete or unknown type itself', () => {
    expect(sut('Malware')).toEqual(['Malware']);
    expect(sut('x-mitre-analytic')).toEqual(['x-mitre-analytic']);
  });

  it('lists no custom type under Stix-Custom-Object', () => {
    expect(sut('Stix-Custom-Object')).toEqual([]);
  });
});

describe(isAbstractType.name, () => {
  it.each([
    ['Stix-Domain-Object', true],
    ['stix-ref-relationship', true],
    ['stix-cyber-observable-relationship', true],
    ['Stix-Custom-Object', true],
    ['Malware', false],
    ['uses', false],
  ])('%s → %s', (type, expected) => {
    expect(isAbstractType(type)).toBe(expected);
  });
});

describe(isCustomType.name, () => {
  it.each([
    ['x-mitre-analytic', true],
    ['x-mitre-detection-strategy', true],
    ['attack-action', true],
    ['language-content', true],
    ['extension-definition', true],
    ['Malware', false],
    ['malware', false],
    ['x-mitre-data-source', false],
    ['relationship', false],
    ['Stix-Domain-Object', false],
    ['Not-STIX', false],
    ['x--double', false],
  ])('%s → %s', (type, expected) => {
    expect(isCustomType(type)).toBe(expected);
  });
});

describe(entityTypeInfo.name, () => {
  it('describes a known type', () => {
    expect(entityTypeInfo('Vulnerability')).toEqual({
      entityType: 'Vulnerability',
      stixType: 'vulnerability',
      baseType: 'ENTITY',
      parents: SDO_CHAIN,
      aliasField: 'x_opencti_aliases',
    });
    expect(entityTypeInfo('uses')?.baseType).toBe('RELATION');
    expect(entityTypeInfo('SecurityPlatform')?.aliasField).toBeUndefined();
  });

  it('synthesises custom types', () => {
    expect(entityTypeInfo('x-mitre-matrix')).toEqual({
      entityType: 'x-mitre-matrix',
      stixType: 'x-mitre-matrix',
      baseType: 'ENTITY',
      parents: ['Stix-Custom-Object', 'Stix-Core-Object', 'Stix-Object', 'Basic-Object'],
    });
  });

  it('knows nothing of abstract or malformed names', () => {
    expect(entityTypeInfo('Stix-Domain-Object')).toBeUndefined();
    expect(entityTypeInfo('Not A Type')).toBeUndefined();
  });
});

describe(stixTypeOf.name, () => {
  it.each([
    ['Individual', 'identity'],
    ['Administrative-Area', 'location'],
    ['Threat-Actor-Individual', 'threat-actor'],
    ['StixFile', 'file'],
    ['uses', 'relationship'],
    ['object-marking', 'relationship'],
    ['member-of', 'internal-relationship'],
    ['stix-sighting-relationship', 'sighting'],
    ['Malware-Analysis', 'malware-analysis'],
    ['Case-Rfi', 'case-rfi'],
    ['User', 'user'],
    ['EntitySetting', 'entitysetting'],
    ['x-mitre-tactic', 'x-mitre-tactic'],
  ])('%s → %s', (type, expected) => {
    expect(stixTypeOf(type)).toBe(expected);
  });
});
