// Small hand-written STIX 2.1 objects for the ingestion scenarios.
export const MITRE = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';
export const OTHER_AUTHOR = 'identity--0b0c8a4c-8f0f-4e3c-9d8e-1f6a5b4c3d2e';
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

const T = '2024-01-01T00:00:00.000Z';

export const identity = (id = MITRE, name = 'The MITRE Corporation') => ({
  type: 'identity',
  spec_version: '2.1',
  id,
  created: T,
  modified: T,
  name,
  identity_class: 'organization',
});

const TLP_ORDER: Record<string, number> = { clear: 1, white: 1, green: 2, amber: 3, red: 5 };

export const tlp = (id: string, level: string) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id,
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: `TLP:${level.toUpperCase()}`,
  definition: { tlp: level },
  x_opencti_order: TLP_ORDER[level],
});

export const malware = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  type: 'malware',
  spec_version: '2.1',
  id,
  created: T,
  modified: T,
  name,
  is_family: true,
  ...extra,
});

export const intrusionSet = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  type: 'intrusion-set',
  spec_version: '2.1',
  id,
  created: T,
  modified: T,
  name,
  ...extra,
});

export const relationship = (
  id: string,
  type: string,
  source: string,
  target: string,
  extra: Record<string, unknown> = {},
) => ({
  type: 'relationship',
  spec_version: '2.1',
  id,
  created: T,
  modified: T,
  relationship_type: type,
  source_ref: source,
  target_ref: target,
  ...extra,
});
