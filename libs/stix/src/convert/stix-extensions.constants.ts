// data-model.md §5.1: OpenCTI's extension definitions, and which attributes travel in them.
export const OCTI_EXTENSION_ID = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
export const OCTI_SCO_EXTENSION_ID = 'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82';
export const MITRE_EXTENSION_ID = 'extension-definition--322b8f77-262a-4cb8-a915-1e441e00329b';

/** Platform attribute → field of the OpenCTI extension (instead of a top-level property). */
export const EXTENSION_FIELDS: Record<string, string> = {
  x_opencti_aliases: 'aliases',
  x_opencti_score: 'score',
  x_opencti_detection: 'detection',
  x_opencti_main_observable_type: 'main_observable_type',
  x_opencti_location_type: 'location_type',
  x_opencti_reliability: 'reliability',
  x_opencti_firstname: 'firstname',
  x_opencti_lastname: 'lastname',
  x_opencti_organization_type: 'organization_type',
  x_opencti_order: 'order',
  x_opencti_color: 'color',
  x_opencti_workflow_id: 'workflow_id',
  x_opencti_modified_at: 'modified_at',
  x_opencti_description: 'description',
  x_opencti_additional_names: 'additional_names',
  x_opencti_product: 'product',
  x_opencti_cwe: 'cwe',
  x_opencti_cisa_kev: 'cisa_kev',
  x_opencti_epss_score: 'epss_score',
  x_opencti_epss_percentile: 'epss_percentile',
  x_opencti_first_seen_active: 'first_seen_active',
  x_opencti_negative: 'negative',
  restricted_members: 'authorized_members',
};

export const MITRE_EXTENSION_FIELDS: Record<string, string> = {
  x_mitre_id: 'id',
  x_mitre_detection: 'detection',
  x_mitre_permissions_required: 'permissions_required',
  x_mitre_platforms: 'platforms',
};

export const MITRE_EXTENSION_TYPES = new Set([
  'Attack-Pattern',
  'Course-Of-Action',
  'Indicator',
  'Data-Source',
  'Data-Component',
]);

/** OpenCTI-only object types, emitted with extension_type new-sdo (data-model.md §5.2). */
export const NEW_SDO_TYPES = new Set([
  'Incident',
  'Case-Incident',
  'Case-Rfi',
  'Case-Rft',
  'Feedback',
  'Task',
  'Threat-Actor-Individual',
  'Channel',
  'Event',
  'Narrative',
  'Language',
  'Security-Coverage',
  'Label',
  'Kill-Chain-Phase',
  'External-Reference',
  'Vocabulary',
]);

/**
 * Attribute keeping the external references that have no standard id (no url, no external id):
 * stored on their owner rather than dropped, and exported back among its external_references.
 */
export const INLINE_EXTERNAL_REFERENCES = 'i_inline_external_references';
