// Leaf fields pycti 6.9 and 7.x select on each GraphQL type, read from the documents its list and
// read helpers send (test/compat/pycti/pycti_read_documents.py prints them). Object-valued fields
// (refs, connections) are declared by the schema builder. Space-separated to keep the file short.

/** GraphQL type name → leaf fields pycti selects on it. */
export const SELECTED_LEAF_FIELDS: Readonly<Record<string, string>> = {
  AIPrompt: 'value',
  Artifact: 'decryption_key encryption_algorithm mime_type payload_bin url',
  AttackPattern:
    'aliases confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at x_mitre_detection x_mitre_id x_mitre_permissions_required x_mitre_platforms',
  AutonomousSystem: 'name number rir',
  BankAccount: 'account_number bic iban',
  BasicObject: 'entity_type id parent_types standard_id',
  BasicRelationship: 'entity_type id parent_types standard_id',
  Campaign:
    'aliases confidence created created_at description entity_type first_seen id last_seen modified name objective parent_types revoked spec_version standard_id updated_at',
  Case: 'description name',
  Channel:
    'aliases channel_types confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at',
  City: 'description latitude longitude name precision x_opencti_aliases',
  Country: 'description latitude longitude name precision x_opencti_aliases',
  CourseOfAction:
    'confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at x_mitre_id x_opencti_aliases',
  CoverageInformation: 'coverage_name coverage_score',
  Creator: 'id name',
  Credential: 'value',
  CryptocurrencyWallet: 'value',
  CryptographicKey: 'value',
  CustomFieldValue:
    'boolean_value date_value field_id field_name int_value select_value select_values string_value',
  DataComponent:
    'aliases confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at',
  DataSource:
    'aliases collection_layers confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at x_mitre_platforms',
  Directory: 'atime ctime mtime path path_enc',
  DomainName: 'value',
  EmailAddr: 'display_name value',
  EmailMessage: 'attribute_date body content_type is_multipart message_id received_lines subject',
  Event:
    'aliases confidence created created_at description entity_type event_types id modified name parent_types revoked spec_version standard_id start_time stop_time updated_at x_opencti_score',
  ExternalReference:
    'created created_at description entity_type external_id hash id modified parent_types source_name standard_id updated_at url',
  Feedback: 'description name',
  File: 'id name size',
  FileMetadata: 'mimetype version',
  Grouping:
    'confidence context created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at x_opencti_aliases',
  Hash: 'algorithm hash',
  Hostname: 'value',
  ICCID: 'value',
  IMEI: 'value',
  IMSI: 'value',
  IPv4Addr: 'value',
  IPv6Addr: 'value',
  Identity:
    'confidence contact_information created created_at description entity_type id identity_class modified name parent_types revoked roles spec_version standard_id updated_at x_opencti_aliases x_opencti_reliability',
  Incident:
    'aliases confidence created created_at description entity_type first_seen id incident_type last_seen modified name objective parent_types revoked severity source spec_version standard_id updated_at x_opencti_score',
  Indicator:
    'confidence created created_at description entity_type id indicator_types modified name parent_types pattern pattern_type pattern_version revoked spec_version standard_id updated_at valid_from valid_until x_mitre_platforms x_opencti_detection x_opencti_main_observable_type x_opencti_score',
  Individual:
    'contact_information description name x_opencti_aliases x_opencti_firstname x_opencti_lastname',
  Infrastructure:
    'aliases confidence created created_at description entity_type first_seen id infrastructure_types last_seen modified name parent_types revoked spec_version standard_id updated_at',
  IntrusionSet:
    'aliases confidence created created_at description entity_type first_seen goals id last_seen modified name parent_types primary_motivation resource_level revoked secondary_motivations spec_version standard_id updated_at x_opencti_score',
  KillChainPhase:
    'created created_at entity_type id kill_chain_name modified parent_types phase_name standard_id updated_at x_opencti_order',
  Label: 'color created_at id standard_id updated_at value',
  Language:
    'aliases confidence created created_at entity_type id modified name parent_types revoked spec_version standard_id updated_at',
  Location:
    'confidence created created_at description entity_type id latitude longitude modified name parent_types precision revoked spec_version standard_id updated_at x_opencti_aliases',
  MacAddr: 'value',
  Malware:
    'aliases architecture_execution_envs capabilities confidence created created_at description entity_type first_seen id implementation_languages is_family last_seen malware_types modified name parent_types revoked spec_version standard_id updated_at x_opencti_score',
  MalwareAnalysis:
    'analysis_definition_version analysis_ended analysis_engine_version analysis_started configuration_version modules product result result_name submitted version',
  MarkingDefinition:
    'created created_at definition definition_type entity_type id modified parent_types standard_id updated_at x_opencti_color x_opencti_order',
  MediaContent: 'content media_category publication_date title url',
  Mutex: 'name',
  Narrative:
    'aliases confidence created created_at description entity_type id modified name narrative_types parent_types revoked spec_version standard_id updated_at',
  NetworkTraffic:
    'dst_byte_count dst_packets dst_port end extensions is_active protocols src_byte_count src_packets src_port start',
  Note: 'attribute_abstract authors confidence content created created_at entity_type id likelihood modified note_types parent_types revoked spec_version standard_id updated_at',
  ObservableValue: 'type value',
  ObservedData:
    'confidence created created_at entity_type first_observed id last_observed max_distinct_count modified number_observed number_seen parent_types revoked spec_version standard_id updated_at',
  Opinion:
    'authors confidence created created_at entity_type explanation id modified opinion parent_types revoked spec_version standard_id updated_at',
  Organization:
    'contact_information description id name standard_id x_opencti_aliases x_opencti_organization_type x_opencti_reliability x_opencti_score',
  PageInfo: 'endCursor globalCount hasNextPage hasPreviousPage startCursor',
  PaymentCard: 'card_number cvv expiration_date holder_name',
  Persona: 'persona_name persona_type',
  PhoneNumber: 'value',
  Position:
    'description latitude longitude name postal_code precision street_address x_opencti_aliases',
  Process: 'command_line created_time cwd environment_variables extensions is_hidden pid',
  Region: 'description latitude longitude name precision x_opencti_aliases',
  Report:
    'confidence content created created_at description entity_type id modified name parent_types published report_types revoked spec_version standard_id updated_at x_opencti_reliability',
  SSHKey:
    'comment created expiration_date fingerprint_md5 fingerprint_sha256 key_length key_type public_key',
  Sector: 'contact_information description name x_opencti_aliases',
  SecurityPlatform: 'security_platform_type',
  Software: 'cpe languages name swid vendor version x_opencti_product',
  Status: 'id',
  StatusTemplate: 'color id name',
  StixCoreObject: 'created_at entity_type id parent_types spec_version standard_id updated_at',
  StixCoreRelationship:
    'confidence created created_at description entity_type id lang modified parent_types relationship_type revoked spec_version standard_id start_time stop_time updated_at',
  StixCyberObservable:
    'created_at entity_type id observable_value parent_types spec_version standard_id updated_at x_opencti_description x_opencti_score',
  StixDomainObject:
    'confidence created created_at entity_type id modified parent_types revoked spec_version standard_id updated_at',
  StixFile:
    'atime ctime extensions magic_number_hex mime_type mtime name name_enc size x_opencti_additional_names',
  StixObject: 'created_at entity_type id parent_types spec_version standard_id updated_at',
  StixRefRelationship:
    'created_at entity_type id parent_types relationship_type spec_version standard_id start_time stop_time updated_at',
  StixSightingRelationship:
    'attribute_count confidence created created_at description entity_type first_seen id last_seen modified parent_types spec_version standard_id updated_at x_opencti_negative',
  System: 'contact_information description name x_opencti_aliases',
  Text: 'value',
  ThreatActor:
    'aliases confidence created created_at description entity_type first_seen goals id last_seen modified name parent_types personal_motivations primary_motivation resource_level revoked roles secondary_motivations sophistication spec_version standard_id threat_actor_types updated_at',
  ThreatActorGroup:
    'aliases confidence created created_at description entity_type first_seen goals id last_seen modified name parent_types personal_motivations primary_motivation resource_level revoked roles secondary_motivations sophistication spec_version standard_id threat_actor_types updated_at x_opencti_score',
  ThreatActorIndividual:
    'aliases confidence created created_at description entity_type first_seen goals id last_seen modified name parent_types personal_motivations primary_motivation resource_level revoked roles secondary_motivations sophistication spec_version standard_id threat_actor_types updated_at',
  Tool: 'aliases confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id tool_types tool_version updated_at',
  TrackingNumber: 'value',
  Url: 'value',
  UserAccount:
    'account_created account_expires account_first_login account_last_login account_login account_type can_escalate_privs credential credential_last_changed display_name extensions is_disabled is_privileged is_service_account user_id',
  UserAgent: 'value',
  Vocabulary: 'id name',
  VocabularyCategory: 'key',
  VocabularyField: 'key',
  Vulnerability:
    'confidence created created_at description entity_type id modified name parent_types revoked spec_version standard_id updated_at x_opencti_aliases x_opencti_cisa_kev x_opencti_cvss_attack_complexity x_opencti_cvss_attack_vector x_opencti_cvss_availability_impact x_opencti_cvss_base_score x_opencti_cvss_base_severity x_opencti_cvss_confidentiality_impact x_opencti_cvss_exploit_code_maturity x_opencti_cvss_integrity_impact x_opencti_cvss_privileges_required x_opencti_cvss_remediation_level x_opencti_cvss_report_confidence x_opencti_cvss_scope x_opencti_cvss_temporal_score x_opencti_cvss_user_interaction x_opencti_cvss_v2_access_complexity x_opencti_cvss_v2_access_vector x_opencti_cvss_v2_authentication x_opencti_cvss_v2_availability_impact x_opencti_cvss_v2_base_score x_opencti_cvss_v2_confidentiality_impact x_opencti_cvss_v2_exploitability x_opencti_cvss_v2_integrity_impact x_opencti_cvss_v2_remediation_level x_opencti_cvss_v2_report_confidence x_opencti_cvss_v2_temporal_score x_opencti_cvss_v2_vector_string x_opencti_cvss_v4_attack_complexity x_opencti_cvss_v4_attack_requirements x_opencti_cvss_v4_attack_vector x_opencti_cvss_v4_availability_impact_s x_opencti_cvss_v4_availability_impact_v x_opencti_cvss_v4_base_score x_opencti_cvss_v4_base_severity x_opencti_cvss_v4_confidentiality_impact_s x_opencti_cvss_v4_confidentiality_impact_v x_opencti_cvss_v4_exploit_maturity x_opencti_cvss_v4_integrity_impact_s x_opencti_cvss_v4_integrity_impact_v x_opencti_cvss_v4_privileges_required x_opencti_cvss_v4_user_interaction x_opencti_cvss_v4_vector_string x_opencti_cvss_vector_string x_opencti_cwe x_opencti_epss_percentile x_opencti_epss_score x_opencti_first_seen_active x_opencti_score x_opencti_ssvc_automatable x_opencti_ssvc_exploitation x_opencti_ssvc_technical_impact',
  WindowsRegistryKey: 'attribute_key modified_time number_of_subkeys',
  WindowsRegistryValueType: 'data data_type name',
  X509Certificate:
    'authority_key_identifier basic_constraints certificate_policies crl_distribution_points extended_key_usage inhibit_any_policy is_self_signed issuer issuer_alternative_name key_usage name_constraints policy_constraints policy_mappings private_key_usage_period_not_after private_key_usage_period_not_before serial_number signature_algorithm subject subject_alternative_name subject_directory_attributes subject_key_identifier subject_public_key_algorithm subject_public_key_exponent subject_public_key_modulus validity_not_after validity_not_before version',
};
