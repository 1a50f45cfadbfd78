import { ENTITY_TYPES } from './entity-types.constants';
import { isHashedObservableType } from './is-hashed-observable-type.util';
import { isObservableType } from './is-observable-type.util';
import { isStixCoreRelationshipType } from './is-stix-core-relationship-type.util';
import { observableInputKey } from './observable-input-key.util';
import { STIX_CORE_RELATIONSHIP_TYPES } from './relationship-types.constants';
import { VOCABULARY_CATEGORIES } from './vocabulary-categories.constants';

const names = ENTITY_TYPES.map((t) => t.entityType);

describe('ENTITY_TYPES', () => {
  it('has unique entity types', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('models the internal objects the platform needs', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'Settings',
        'User',
        'Group',
        'Role',
        'Capability',
        'Connector',
        'work',
        'Status',
        'StatusTemplate',
        'EntitySetting',
        'TaxiiCollection',
        'StreamCollection',
        'Feed',
        'Sync',
        'BackgroundTask',
        'InternalFile',
        'Workspace',
        'Playbook',
        'Trigger',
        'Notification',
        'Notifier',
        'DecayRule',
        'ExclusionList',
        'CsvMapper',
        'JsonMapper',
        'DraftWorkspace',
        'DeleteOperation',
        'Pir',
        'History',
        'Activity',
      ]),
    );
  });

  it('models every core relationship type as a RELATION', () => {
    expect(STIX_CORE_RELATIONSHIP_TYPES).toHaveLength(58);
    for (const type of STIX_CORE_RELATIONSHIP_TYPES) {
      expect(ENTITY_TYPES.find((t) => t.entityType === type)?.baseType).toBe('RELATION');
    }
  });

  it('counts 40 SDOs, 33 observables and 5 meta types', () => {
    const count = (parent: string) => ENTITY_TYPES.filter((t) => t.parents.includes(parent)).length;
    expect(count('Stix-Domain-Object')).toBe(40);
    expect(count('Stix-Cyber-Observable')).toBe(33);
    expect(count('Stix-Meta-Object')).toBe(5);
  });
});

describe(isObservableType.name, () => {
  it.each([
    ['IPv4-Addr', true],
    ['StixFile', true],
    ['Persona', true],
    ['Malware', false],
    ['Stix-Cyber-Observable', true],
    ['Stix-Domain-Object', false],
  ])('%s → %s', (type, expected) => {
    expect(isObservableType(type)).toBe(expected);
  });
});

describe(isHashedObservableType.name, () => {
  it.each([
    ['Artifact', true],
    ['StixFile', true],
    ['X509-Certificate', true],
    ['IPv4-Addr', false],
    ['Malware', false],
  ])('%s → %s', (type, expected) => {
    expect(isHashedObservableType(type)).toBe(expected);
  });
});

describe(observableInputKey.name, () => {
  it.each([
    ['IPv4-Addr', 'IPv4Addr'],
    ['SSH-Key', 'SSHKey'],
    ['StixFile', 'StixFile'],
    ['X509-Certificate', 'X509Certificate'],
    ['Email-Mime-Part-Type', 'EmailMimePartType'],
    ['Windows-Registry-Value-Type', 'WindowsRegistryValueType'],
    ['Cryptocurrency-Wallet', 'CryptocurrencyWallet'],
  ])('%s → %s', (type, expected) => {
    expect(observableInputKey(type)).toBe(expected);
  });

  it('is undefined for non-observables', () => {
    expect(observableInputKey('Malware')).toBeUndefined();
  });
});

describe(isStixCoreRelationshipType.name, () => {
  it.each([
    ['uses', true],
    ['revoked-by', true],
    ['resolves-to', true],
    ['obs_resolves-to', false],
    ['created-by', false],
    ['stix-sighting-relationship', false],
  ])('%s → %s', (type, expected) => {
    expect(isStixCoreRelationshipType(type)).toBe(expected);
  });
});

describe('VOCABULARY_CATEGORIES', () => {
  it('lists the 48 categories of §1.3 once each', () => {
    expect(VOCABULARY_CATEGORIES).toHaveLength(48);
    expect(new Set(VOCABULARY_CATEGORIES).size).toBe(48);
  });
});
