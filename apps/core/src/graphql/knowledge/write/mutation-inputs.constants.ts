// Input fields of the knowledge mutations beyond a type's editable attributes and refs
// (@lib/knowledge editableAttributes, @lib/stix refDefinitionsFor): the upsert controls every
// create takes, and the fields clients send for a few types (data-model.md §6, pycti's creates).

const words = (text: string): readonly string[] => text.split(/\s+/).filter(Boolean);

/** Every `<type>AddInput` (entities and relationships). */
export const CREATE_CONTROLS = words(`
  x_opencti_score objectOrganization
  stix_id x_opencti_stix_ids update upsertOperations files filesMarkings noTriggerImport embedded
  customFieldValues x_opencti_workflow_id x_opencti_modified_at clientMutationId`);

/** Every observable's `<Key>AddInput` (the other controls are `stixCyberObservableAdd` args). */
export const OBSERVABLE_CONTROLS = words('files filesMarkings noTriggerImport embedded');

const CVSS3 = `attack_vector attack_complexity privileges_required user_interaction scope
  confidentiality_impact integrity_impact availability_impact base_score base_severity
  exploit_code_maturity remediation_level report_confidence temporal_score vector_string`;
const CVSS2 = `access_vector access_complexity authentication confidentiality_impact
  integrity_impact availability_impact base_score exploitability remediation_level
  report_confidence temporal_score vector_string`;
const CVSS4 = `attack_vector attack_complexity attack_requirements privileges_required
  user_interaction confidentiality_impact_v integrity_impact_v availability_impact_v
  confidentiality_impact_s integrity_impact_s availability_impact_s exploit_maturity base_score
  base_severity vector_string`;
const prefixed = (prefix: string, names: string) => words(names).map((n) => `${prefix}${n}`);

/** Fields a type's create takes beyond its editable attributes and refs, by entity type. */
export const EXTRA_CREATE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Indicator: words('createObservables'),
  Vulnerability: [
    ...prefixed('x_opencti_cvss_', CVSS3),
    ...prefixed('x_opencti_cvss_v2_', CVSS2),
    ...prefixed('x_opencti_cvss_v4_', CVSS4),
    ...words(`x_opencti_aliases x_opencti_ssvc_automatable x_opencti_ssvc_exploitation
      x_opencti_ssvc_technical_impact`),
  ],
  'Attack-Pattern': words('aliases'),
  'Data-Component': words('aliases'),
  'Data-Source': words('aliases'),
  'Observed-Data': words('max_distinct_count number_seen'),
  'Security-Coverage': words(`auto_enrichment_disable coverage_last_result coverage_valid_from
    coverage_valid_to tenant_id tenant_name`),
  'Course-Of-Action': words('x_opencti_aliases'),
  Grouping: words('x_opencti_aliases'),
  'stix-core-relationship': words('coverage_information external_uri'),
};

/** Field name → GraphQL input type, where the field name alone does not decide it. */
export type InputFieldKind =
  | 'String'
  | 'StringList'
  | 'Boolean'
  | 'Int'
  | 'Float'
  | 'DateTime'
  | 'Any'
  | 'StixId'
  | 'Uploads'
  | 'Hashes'
  | 'Edits';

export const INPUT_FIELD_KINDS: Readonly<Record<string, InputFieldKind>> = {
  stix_id: 'StixId',
  x_opencti_stix_ids: 'StringList',
  update: 'Boolean',
  noTriggerImport: 'Boolean',
  embedded: 'Boolean',
  createIndicator: 'Boolean',
  createObservables: 'Boolean',
  files: 'Uploads',
  filesMarkings: 'Any',
  customFieldValues: 'Any',
  coverage_information: 'Any',
  upsertOperations: 'Edits',
  hashes: 'Hashes',
  fromId: 'String',
  toId: 'String',
  relationship_type: 'String',
  type: 'String',
  x_opencti_workflow_id: 'String',
  clientMutationId: 'String',
};
