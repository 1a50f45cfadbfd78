import { EXTENSION_FIELDS, MITRE_EXTENSION_FIELDS } from '@lib/stix';

export {
  MITRE_EXTENSION_ID as MITRE_EXTENSION,
  OCTI_EXTENSION_ID as OCTI_EXTENSION,
  OCTI_SCO_EXTENSION_ID as OCTI_SCO_EXTENSION,
} from '@lib/stix';

const invert = (table: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([attribute, field]) => [field, attribute]));

/** OpenCTI extension field → attribute; fields not listed are platform bookkeeping and dropped. */
export const OCTI_FIELD_ATTRIBUTES: Record<string, string> = {
  ...invert(EXTENSION_FIELDS),
  content: 'content',
  content_mapping: 'content_mapping',
  security_platform_type: 'security_platform_type',
};

export const MITRE_FIELD_ATTRIBUTES: Record<string, string> = {
  ...invert(MITRE_EXTENSION_FIELDS),
  collection_layers: 'collection_layers',
};

// Top-level STIX properties handled by the converter itself rather than stored as attributes.
export const STRUCTURAL_PROPERTIES = new Set([
  'id',
  'type',
  'spec_version',
  'extensions',
  'x_opencti_stix_ids',
  'x_opencti_id',
  'x_opencti_granted_refs',
]);
