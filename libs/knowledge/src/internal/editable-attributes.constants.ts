import { entityTypeInfo, isObservableType, isTypeOf } from '@lib/stix';

// Attributes a fieldPatch may edit, per entity type (data-model.md §1.3–1.5, §2). Custom
// properties (`x_…`) are always editable: they are kept untouched like on import.

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

const SDO_COMMON = words(
  'created modified x_opencti_modified_at lang confidence revoked x_opencti_workflow_id',
);
const SCO_COMMON = words('x_opencti_description x_opencti_score x_opencti_modified_at defanged');
const RELATION_COMMON = words(
  'description created modified confidence revoked lang x_opencti_workflow_id x_opencti_modified_at',
);
const META_COMMON = words('created modified');
const LOCATION = 'name description latitude longitude precision street_address postal_code';
const THREAT_ACTOR = `name description threat_actor_types first_seen last_seen goals roles
  sophistication resource_level primary_motivation secondary_motivations personal_motivations`;
const CASE = 'name description severity priority content restricted_members';

const BY_TYPE: Record<string, string> = {
  'Attack-Pattern':
    'name description x_mitre_id x_mitre_platforms x_mitre_permissions_required x_mitre_detection',
  Campaign: 'name description first_seen last_seen objective',
  'Course-Of-Action': 'name description x_mitre_id x_opencti_threat_hunting x_opencti_log_sources',
  Individual:
    'name description contact_information roles identity_class x_opencti_reliability x_opencti_firstname x_opencti_lastname',
  Organization:
    'name description contact_information identity_class x_opencti_organization_type x_opencti_reliability x_opencti_score',
  Sector: 'name description identity_class',
  System: 'name description identity_class x_opencti_reliability',
  SecurityPlatform: 'name description security_platform_type',
  Indicator:
    'name description pattern pattern_type pattern_version indicator_types valid_from valid_until x_opencti_score x_opencti_detection x_opencti_main_observable_type x_mitre_platforms',
  Infrastructure: 'name description infrastructure_types first_seen last_seen',
  'Intrusion-Set':
    'name description first_seen last_seen goals resource_level primary_motivation secondary_motivations',
  City: LOCATION,
  Country: LOCATION,
  Region: LOCATION,
  Position: LOCATION,
  'Administrative-Area': LOCATION,
  Malware:
    'name description malware_types is_family first_seen last_seen architecture_execution_envs implementation_languages capabilities',
  'Malware-Analysis':
    'product version result_name result submitted analysis_started analysis_ended configuration_version modules analysis_engine_version analysis_definition_version',
  Note: 'attribute_abstract content authors note_types likelihood',
  'Observed-Data': 'first_observed last_observed number_observed',
  Opinion: 'opinion explanation authors',
  Report:
    'name description report_types published x_opencti_reliability content content_mapping restricted_members',
  Grouping: 'name description context content content_mapping restricted_members',
  'Case-Incident': `${CASE} response_types`,
  'Case-Rfi': `${CASE} information_types x_opencti_request_access`,
  'Case-Rft': `${CASE} takedown_types`,
  Feedback: 'name description rating content',
  Task: 'name description due_date',
  'Threat-Actor-Group': THREAT_ACTOR,
  'Threat-Actor-Individual': `${THREAT_ACTOR} date_of_birth gender job_title marital_status eye_color hair_color height weight`,
  Tool: 'name description tool_types tool_version',
  Vulnerability:
    'name description x_opencti_cwe x_opencti_cisa_kev x_opencti_epss_score x_opencti_epss_percentile x_opencti_score x_opencti_first_seen_active',
  Incident: 'name description incident_type severity source first_seen last_seen objective',
  Channel: 'name description channel_types',
  Event: 'name description event_types start_time stop_time',
  Narrative: 'name description narrative_types',
  Language: 'name',
  'Data-Component': 'name description',
  'Data-Source': 'name description x_mitre_platforms collection_layers',
  'Security-Coverage':
    'name description periodicity duration type_affinity platforms_affinity external_uri coverage_information',
  'Autonomous-System': 'number name rir',
  Directory: 'path path_enc ctime mtime atime',
  'Domain-Name': 'value',
  'Email-Addr': 'value display_name',
  'Email-Message':
    'is_multipart attribute_date content_type message_id subject received_lines body',
  'Email-Mime-Part-Type': 'body content_type content_disposition',
  Artifact:
    'hashes mime_type payload_bin url encryption_algorithm decryption_key x_opencti_additional_names',
  StixFile:
    'hashes name name_enc size magic_number_hex mime_type ctime mtime atime x_opencti_additional_names',
  'X509-Certificate':
    'hashes is_self_signed version serial_number signature_algorithm issuer subject validity_not_before validity_not_after subject_public_key_algorithm subject_public_key_modulus subject_public_key_exponent basic_constraints name_constraints policy_constraints key_usage extended_key_usage subject_key_identifier authority_key_identifier subject_alternative_name issuer_alternative_name subject_directory_attributes crl_distribution_points inhibit_any_policy private_key_usage_period_not_before private_key_usage_period_not_after certificate_policies policy_mappings',
  'IPv4-Addr': 'value',
  'IPv6-Addr': 'value',
  'Mac-Addr': 'value',
  Mutex: 'name',
  'Network-Traffic':
    'start end is_active src_port dst_port protocols src_byte_count dst_byte_count src_packets dst_packets',
  Process:
    'is_hidden pid created_time cwd command_line environment_variables aslr_enabled dep_enabled priority owner_sid window_title integrity_level service_name descriptions display_name group_name start_type service_type service_status',
  Software: 'name cpe swid languages vendor version x_opencti_product',
  Url: 'value',
  'User-Account':
    'user_id credential account_login account_type display_name is_service_account is_privileged can_escalate_privs is_disabled account_created account_expires account_first_login account_last_login credential_last_changed',
  'Windows-Registry-Key': 'attribute_key modified_time number_of_subkeys',
  'Windows-Registry-Value-Type': 'name data data_type',
  'Cryptographic-Key': 'value',
  'Cryptocurrency-Wallet': 'value',
  Hostname: 'value',
  Text: 'value',
  'User-Agent': 'value',
  'Bank-Account': 'iban bic account_number',
  Credential: 'value',
  'Phone-Number': 'value',
  'Tracking-Number': 'value',
  'Payment-Card': 'card_number expiration_date cvv holder_name',
  'Media-Content': 'title content media_category url publication_date',
  Persona: 'persona_name persona_type',
  'SSH-Key':
    'key_type public_key fingerprint_sha256 fingerprint_md5 key_length comment created expiration_date',
  'Marking-Definition': 'definition_type definition x_opencti_order x_opencti_color',
  Label: 'value color',
  'External-Reference': 'source_name description url hash external_id',
  'Kill-Chain-Phase': 'kill_chain_name phase_name x_opencti_order',
  Vocabulary: 'name description category order aliases is_hidden',
  'stix-sighting-relationship': 'first_seen last_seen attribute_count x_opencti_negative',
};

/**
 * The attributes a fieldPatch may edit on `entityType` (and a create may set), custom `x_…`
 * properties aside: the type's own, its family's common ones and its alias field.
 */
export function editableAttributes(entityType: string): string[] {
  const info = entityTypeInfo(entityType);
  const common = isObservableType(entityType)
    ? SCO_COMMON
    : info?.baseType === 'RELATION'
      ? [...RELATION_COMMON, 'start_time', 'stop_time']
      : isTypeOf(entityType, 'Stix-Meta-Object')
        ? META_COMMON
        : SDO_COMMON;
  const own = words(BY_TYPE[entityType] ?? '');
  return [...new Set([...own, ...common, ...(info?.aliasField ? [info.aliasField] : [])])];
}

/** True when a fieldPatch may edit `key` on an element of `entityType`. */
export function isEditableAttribute(entityType: string, key: string): boolean {
  if (key.startsWith('x_') && key !== 'x_opencti_stix_ids') {
    return true;
  }
  return editableAttributes(entityType).includes(key);
}
