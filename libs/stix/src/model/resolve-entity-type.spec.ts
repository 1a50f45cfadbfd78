import { resolveEntityType } from './resolve-entity-type.util';

const sut = resolveEntityType;
const OCTI = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';

describe(resolveEntityType.name, () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['identity class individual', { type: 'identity', identity_class: 'individual' }, 'Individual'],
    ['identity class class', { type: 'identity', identity_class: 'class' }, 'Sector'],
    ['identity class system', { type: 'identity', identity_class: 'system' }, 'System'],
    [
      'identity class organization',
      { type: 'identity', identity_class: 'organization' },
      'Organization',
    ],
    [
      'identity class securityplatform',
      { type: 'identity', identity_class: 'securityplatform' },
      'SecurityPlatform',
    ],
    ['identity of another class', { type: 'identity', identity_class: 'group' }, 'Organization'],
    [
      'identity typed by extension',
      {
        type: 'identity',
        identity_class: 'organization',
        extensions: { [OCTI]: { type: 'SecurityPlatform' } },
      },
      'SecurityPlatform',
    ],
    ['identity typed by x_opencti_type', { type: 'identity', x_opencti_type: 'Sector' }, 'Sector'],
    [
      'location by x_opencti_location_type',
      { type: 'location', x_opencti_location_type: 'Administrative-Area' },
      'Administrative-Area',
    ],
    [
      'location by extension location_type',
      { type: 'location', extensions: { [OCTI]: { location_type: 'city' } } },
      'City',
    ],
    ['location with a city', { type: 'location', city: 'Paris', country: 'FR' }, 'City'],
    ['location with a country', { type: 'location', country: 'FR', region: 'europe' }, 'Country'],
    ['location with a region', { type: 'location', region: 'northern-africa' }, 'Region'],
    ['location with coordinates', { type: 'location', latitude: 1, longitude: 2 }, 'Position'],
    ['location with a name only', { type: 'location', name: 'Somewhere' }, 'Position'],
    [
      'threat actor, resource level individual',
      { type: 'threat-actor', resource_level: 'Individual' },
      'Threat-Actor-Individual',
    ],
    [
      'threat actor by extension',
      { type: 'threat-actor', extensions: { [OCTI]: { type: 'Threat-Actor-Individual' } } },
      'Threat-Actor-Individual',
    ],
    [
      'threat actor by x_opencti_type',
      { type: 'threat-actor', x_opencti_type: 'threat-actor-individual' },
      'Threat-Actor-Individual',
    ],
    [
      'threat actor by default',
      { type: 'threat-actor', resource_level: 'government' },
      'Threat-Actor-Group',
    ],
    ['file', { type: 'file' }, 'StixFile'],
    ['malware-analysis', { type: 'malware-analysis' }, 'Malware-Analysis'],
    ['ipv4-addr', { type: 'ipv4-addr' }, 'IPv4-Addr'],
    ['x509-certificate', { type: 'x509-certificate' }, 'X509-Certificate'],
    ['ssh-key', { type: 'ssh-key' }, 'SSH-Key'],
    ['case-rfi', { type: 'case-rfi' }, 'Case-Rfi'],
    ['marking-definition', { type: 'marking-definition' }, 'Marking-Definition'],
    ['legacy x-opencti-case-incident', { type: 'x-opencti-case-incident' }, 'Case-Incident'],
    ['legacy x-opencti-case-rfi', { type: 'x-opencti-case-rfi' }, 'Case-Rfi'],
    ['legacy x-opencti-case-rft', { type: 'x-opencti-case-rft' }, 'Case-Rft'],
    ['legacy x-opencti-feedback', { type: 'x-opencti-feedback' }, 'Feedback'],
    ['legacy x-opencti-task', { type: 'x-opencti-task' }, 'Task'],
    ['legacy x-opencti-incident', { type: 'x-opencti-incident' }, 'Incident'],
    ['legacy x-mitre-data-component', { type: 'x-mitre-data-component' }, 'Data-Component'],
    ['legacy x-mitre-data-source', { type: 'x-mitre-data-source' }, 'Data-Source'],
    ['relationship', { type: 'relationship', relationship_type: 'uses' }, 'uses'],
    ['sighting', { type: 'sighting' }, 'stix-sighting-relationship'],
    ['custom x-mitre-tactic', { type: 'x-mitre-tactic' }, 'x-mitre-tactic'],
    ['custom extension-definition', { type: 'extension-definition' }, 'extension-definition'],
    ['custom attack-action', { type: 'attack-action' }, 'attack-action'],
  ])('%s', (_label, stix, expected) => {
    expect(sut(stix)).toBe(expected);
  });

  it('refuses an object without a type', () => {
    expect(() => sut({ id: 'x' })).toThrow(
      expect.objectContaining({ code: 'STIX_TYPE_MISSING' }) as Error,
    );
  });
});
