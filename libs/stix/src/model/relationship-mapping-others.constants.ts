import type { RelationshipMapping, RelationshipTargets } from './relationship-mapping.types';

// data-model.md §2.2, the remaining rows: domain sources N–Z, observable sources and the
// relationship-as-source row. `†` = non-builtin.

const LOCATIONS = ['Administrative-Area', 'City', 'Country', 'Position', 'Region'];

const THREAT_ACTOR_GROUP: RelationshipTargets = {
  'attributed-to': ['Individual', 'Organization'],
  compromises: ['Infrastructure'],
  'cooperates-with': ['Threat-Actor-Group†', 'Threat-Actor-Individual†'],
  'derived-from': ['Threat-Actor-Group', 'Threat-Actor-Individual'],
  hosts: ['Infrastructure'],
  impersonates: ['Individual', 'Organization'],
  'located-at': LOCATIONS,
  owns: ['Infrastructure'],
  'part-of': ['Threat-Actor-Group†'],
  'participates-in': ['Campaign†'],
  targets: [
    'Administrative-Area',
    'City',
    'Country',
    'Event†',
    'Individual',
    'Organization',
    'Position',
    'Region',
    'Sector',
    'System',
    'Vulnerability',
  ],
  uses: [
    'Attack-Pattern',
    'Channel',
    'Infrastructure',
    'Malware',
    'Narrative',
    'StixFile†',
    'Tool',
  ],
};

// §2.2: "everything Threat-Actor-Group has (except derived-from → only Threat-Actor-Group)".
const THREAT_ACTOR_INDIVIDUAL: RelationshipTargets = {
  ...THREAT_ACTOR_GROUP,
  'derived-from': ['Threat-Actor-Group'],
  'citizen-of': ['Country†'],
  'national-of': ['Country†'],
  'resides-in': ['Country†'],
  'employed-by': ['Organization†', 'Threat-Actor-Group†'],
  'known-as': ['Persona†', 'Threat-Actor-Individual†'],
  'reports-to': ['Threat-Actor-Group†', 'Threat-Actor-Individual†'],
  supports: ['Threat-Actor-Group†', 'Threat-Actor-Individual†'],
};

function ipAddressRelationships(self: string): RelationshipTargets {
  return {
    'belongs-to': ['Autonomous-System', 'Individual†', 'Organization†'],
    'derived-from': [self],
    'located-at': LOCATIONS.map((t) => `${t}†`),
    'resolves-to': ['Mac-Addr'],
  };
}

export const DOMAIN_RELATIONSHIPS_N_TO_Z: RelationshipMapping = {
  Narrative: { 'derived-from': ['Narrative'], 'subnarrative-of': ['Narrative†'] },
  Organization: {
    'derived-from': ['Organization'],
    'located-at': LOCATIONS,
    owns: ['Infrastructure†'],
    'part-of': ['Organization†', 'Sector†'],
    publishes: ['Media-Content†'],
    'should-cover': ['Attack-Pattern†'],
    uses: ['Tool†'],
  },
  Position: {
    'derived-from': ['Position'],
    'located-at': ['Administrative-Area', 'City', 'Country', 'Region'],
  },
  Region: { 'derived-from': ['Region'], 'located-at': ['Region'] },
  Sector: { 'derived-from': ['Sector'], 'located-at': LOCATIONS, 'part-of': ['Sector†'] },
  'Security-Coverage': {
    'has-covered': ['Attack-Pattern†', 'SecurityPlatform†', 'Vulnerability†'],
  },
  SecurityPlatform: { 'should-cover': ['Attack-Pattern†'] },
  System: {
    'belongs-to': ['Organization†'],
    'derived-from': ['System'],
    has: ['Vulnerability†'],
    'located-at': LOCATIONS,
  },
  'Threat-Actor-Group': THREAT_ACTOR_GROUP,
  // Legacy source type, only met on old data (§2.2 rule 2).
  'Threat-Actor': THREAT_ACTOR_GROUP,
  'Threat-Actor-Individual': THREAT_ACTOR_INDIVIDUAL,
  Tool: {
    delivers: ['Malware'],
    'derived-from': ['Tool'],
    drops: ['Malware'],
    has: ['Vulnerability'],
    targets: [
      'Administrative-Area',
      'City',
      'Country',
      'Event†',
      'Individual',
      'Infrastructure',
      'Organization',
      'Position',
      'Region',
      'Sector',
      'System†',
      'Vulnerability',
    ],
    uses: ['Attack-Pattern†', 'Infrastructure†'],
  },
  Vulnerability: { 'derived-from': ['Vulnerability'] },
} satisfies Record<string, RelationshipTargets>;

export const OBSERVABLE_RELATIONSHIPS: RelationshipMapping = {
  Artifact: {
    'communicates-with': ['Domain-Name†', 'IPv4-Addr†', 'IPv6-Addr†'],
    'derived-from': ['Artifact'],
    uses: ['Attack-Pattern†', 'Narrative†'],
  },
  'Bank-Account': { 'transferred-to': ['Bank-Account†'] },
  'Domain-Name': {
    'belongs-to': ['Individual†', 'Organization†'],
    'derived-from': ['Domain-Name', 'Hostname'],
    'resolves-to': ['Domain-Name', 'Hostname', 'IPv4-Addr', 'IPv6-Addr'],
    uses: ['Narrative†'],
  },
  Hostname: {
    'communicates-with': ['Domain-Name†', 'IPv4-Addr†', 'IPv6-Addr†'],
    'derived-from': ['Hostname'],
    drops: ['Artifact†', 'StixFile†'],
    'resolves-to': ['Domain-Name†', 'IPv4-Addr†', 'IPv6-Addr†'],
    uses: ['Attack-Pattern†'],
  },
  'IPv4-Addr': ipAddressRelationships('IPv4-Addr'),
  'IPv6-Addr': ipAddressRelationships('IPv6-Addr'),
  'Media-Content': {
    'authored-by': ['Individual†', 'Organization†', 'User-Account†'],
    'derived-from': ['Media-Content†'],
    uses: ['Narrative†'],
  },
  Software: {
    'derived-from': ['Software'],
    has: ['Vulnerability†'],
    remediates: ['Vulnerability†'],
  },
  StixFile: {
    'communicates-with': ['Domain-Name†', 'IPv4-Addr†', 'IPv6-Addr†'],
    demonstrates: ['Vulnerability†'],
    'derived-from': ['StixFile'],
    downloads: ['StixFile†'],
    drops: ['StixFile†'],
    targets: ['Vulnerability†'],
    uses: ['Attack-Pattern†', 'Narrative†'],
  },
  Text: { 'derived-from': ['Text'], uses: ['Narrative†'] },
  Url: { 'derived-from': ['Url'], uses: ['Narrative†'] },
  'User-Account': { 'derived-from': ['User-Account'], publishes: ['Media-Content†'] },
} satisfies Record<string, RelationshipTargets>;

// A `targets` relationship can itself be located somewhere.
export const RELATION_SOURCE_RELATIONSHIPS: RelationshipMapping = {
  targets: { 'located-at': LOCATIONS.map((t) => `${t}†`) },
};
