// The GraphQL scalar of an attribute, by name. Attribute names mean the same thing on every type
// (data-model.md §1.7), so one rule serves the whole schema; the default is String.

export type LeafKind = 'String' | 'Int' | 'Float' | 'Boolean' | 'DateTime' | 'StringList' | 'Any';

const INT = new Set(
  (
    'confidence x_opencti_score x_opencti_order attribute_count number_observed max_distinct_count ' +
    'number_seen size globalCount src_port dst_port src_byte_count dst_byte_count src_packets ' +
    'dst_packets pid number_of_subkeys key_length int_value coverage_score subject_public_key_exponent'
  ).split(' '),
);
const FLOAT = new Set(['latitude', 'longitude', 'precision']);
const BOOLEAN = new Set(
  (
    'revoked is_family x_opencti_detection x_opencti_negative is_self_signed is_multipart is_active ' +
    'is_hidden is_disabled is_privileged is_service_account can_escalate_privs boolean_value ' +
    'hasNextPage hasPreviousPage x_opencti_cisa_kev required multiple'
  ).split(' '),
);
const DATES = new Set(
  (
    'created modified created_at updated_at first_seen last_seen valid_from valid_until published ' +
    'start_time stop_time first_observed last_observed date_value attribute_date ctime mtime atime ' +
    'account_created account_expires account_first_login account_last_login credential_last_changed ' +
    'validity_not_before validity_not_after private_key_usage_period_not_before ' +
    'private_key_usage_period_not_after created_time modified_time submitted analysis_started ' +
    'analysis_ended expiration_date publication_date x_opencti_first_seen_active'
  ).split(' '),
);
const LISTS = new Set(
  (
    'aliases x_opencti_aliases parent_types architecture_execution_envs implementation_languages ' +
    'capabilities goals secondary_motivations personal_motivations roles x_mitre_platforms ' +
    'x_mitre_permissions_required collection_layers authors protocols x_opencti_additional_names ' +
    'languages select_values received_lines x_opencti_stix_ids x_opencti_cwe entity_types file_markings'
  ).split(' '),
);
const ANY = new Set(['environment_variables', 'extensions']);

/** Scalar kind of a leaf field. */
export function leafKind(field: string): LeafKind {
  if (INT.has(field)) return 'Int';
  if (FLOAT.has(field) || /_score$|_percentile$/.test(field)) return 'Float';
  if (BOOLEAN.has(field)) return 'Boolean';
  if (DATES.has(field)) return 'DateTime';
  if (LISTS.has(field) || /_types$/.test(field)) return 'StringList';
  if (ANY.has(field)) return 'Any';
  return 'String';
}

/** A stored attribute value in the shape its GraphQL scalar serialises (null when it cannot). */
export function coerceLeaf(value: unknown, kind: LeafKind): unknown {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'Any':
      return value;
    case 'StringList':
      return (Array.isArray(value) ? value : [value]).map((v) => asText(v));
    case 'Int':
    case 'Float': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return null;
      return kind === 'Int' ? Math.trunc(n) : n;
    }
    case 'Boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return Array.isArray(value) && kind === 'String' && value.length === 1
        ? asText(value[0])
        : asText(value);
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
