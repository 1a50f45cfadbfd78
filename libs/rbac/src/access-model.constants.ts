import { uuidV5 } from '@lib/stix';
import { CAPABILITIES } from './capabilities.constants';
import type { Capability } from './capabilities.constants';

// data-model.md §1.6/§4.6: the access model is internal elements linked by internal refs:
// User —member-of→ Group —has-role→ Role —has-capability→ Capability; Group —accesses-to→
// Marking-Definition; User —participate-to→ Organization.
export const USER_TYPE = 'User';
export const GROUP_TYPE = 'Group';
export const ROLE_TYPE = 'Role';
export const CAPABILITY_TYPE = 'Capability';
export const SETTINGS_TYPE = 'Settings';

export const MEMBER_OF = 'member-of';
export const HAS_ROLE = 'has-role';
export const HAS_CAPABILITY = 'has-capability';
export const ACCESSES_TO = 'accesses-to';
export const PARTICIPATE_TO = 'participate-to';

// Namespace of the access model's deterministic ids (capabilities, bootstrap roles and groups).
const ACCESS_NAMESPACE = '2d6b0e8e-3f57-4c1e-9a3c-5b7f0c1d9e42';

/** The fixed internal id of a capability: the same on every platform. */
export function capabilityId(name: Capability): string {
  return uuidV5(`capability:${name}`, ACCESS_NAMESPACE);
}

const CAPABILITY_BY_ID = new Map<string, Capability>(CAPABILITIES.map((c) => [capabilityId(c), c]));

/** The capability a stored id or a name stands for (roles store ids; pycti sends either). */
export function capabilityOf(idOrName: string): Capability | undefined {
  const byId = CAPABILITY_BY_ID.get(idOrName);
  if (byId) return byId;
  return (CAPABILITIES as readonly string[]).includes(idOrName)
    ? (idOrName as Capability)
    : undefined;
}

export function bootstrapRoleId(name: string): string {
  return uuidV5(`role:${name}`, ACCESS_NAMESPACE);
}

export function bootstrapGroupId(name: string): string {
  return uuidV5(`group:${name}`, ACCESS_NAMESPACE);
}

export type BootstrapRole = { name: string; description: string; capabilities: Capability[] };
export type BootstrapGroup = {
  name: string;
  description: string;
  role: string;
  defaultAssignation: boolean;
  autoNewMarking: boolean;
};

// §4.6: what a new platform starts with.
export const BOOTSTRAP_ROLES: readonly BootstrapRole[] = [
  { name: 'Default', description: 'Read knowledge', capabilities: ['KNOWLEDGE'] },
  { name: 'Administrator', description: 'Everything', capabilities: ['BYPASS'] },
  {
    name: 'Connector',
    description: 'What connectors need to import, enrich and export',
    capabilities: [
      'KNOWLEDGE_KNUPDATE_KNDELETE',
      'KNOWLEDGE_KNUPDATE_KNMERGE',
      'KNOWLEDGE_KNUPDATE_KNBYPASSFIELDS',
      'KNOWLEDGE_KNUPDATE_KNBYPASSREFERENCE',
      'KNOWLEDGE_KNUPLOAD',
      'KNOWLEDGE_KNASKIMPORT',
      'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT',
      'KNOWLEDGE_KNENRICHMENT',
      'CONNECTORAPI',
      'MODULES_MODMANAGE',
      'TAXIIAPI',
      'INGESTION',
      'SETTINGS_SETMARKINGS',
      'SETTINGS_SETLABELS',
      'SETTINGS_SETVOCABULARIES',
      'SETTINGS_SETKILLCHAINPHASES',
    ],
  },
];

export const BOOTSTRAP_GROUPS: readonly BootstrapGroup[] = [
  {
    name: 'Default',
    description: 'Every new user joins it',
    role: 'Default',
    defaultAssignation: true,
    autoNewMarking: false,
  },
  {
    name: 'Administrators',
    description: 'Platform administrators',
    role: 'Administrator',
    defaultAssignation: false,
    autoNewMarking: true,
  },
  {
    name: 'Connectors',
    description: 'Connector service accounts',
    role: 'Connector',
    defaultAssignation: false,
    autoNewMarking: true,
  },
];
