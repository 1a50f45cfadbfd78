// Public API of @lib/stix: the STIX 2.1 model (types, relationships, refs), standard ids, parsing.

// --- model ---
export type {
  AliasField,
  AttributeRename,
  BaseType,
  BootstrapMarking,
  EmbeddedRefKind,
  EntityTypeInfo,
  RefDefinition,
  RelationshipPairStatus,
} from './model/model.types';
export { ABSTRACT_TYPE } from './model/abstract-types.constants';
export type { AbstractType } from './model/abstract-types.constants';
export { ENTITY_TYPES } from './model/entity-types.constants';
export {
  INTERNAL_RELATIONSHIP_TYPES,
  REF_RELATIONSHIP_TYPES,
  STIX_CORE_RELATIONSHIP_TYPES,
  STIX_SIGHTING_RELATIONSHIP,
} from './model/relationship-types.constants';
export { entityTypeInfo } from './model/entity-type-info.util';
export { isCustomType } from './model/is-custom-type.util';
export {
  isOrganizationRestrictedType,
  organizationRestrictedTypes,
} from './model/organization-restricted-types.util';
export { isAbstractType } from './model/is-abstract-type.util';
export { parentTypes } from './model/parent-types.util';
export { isTypeOf } from './model/is-type-of.util';
export { concreteTypesOf } from './model/concrete-types-of.util';
export { stixTypeOf } from './model/stix-type-of.util';
export { resolveEntityType } from './model/resolve-entity-type.util';
export { isObservableType } from './model/is-observable-type.util';
export { isHashedObservableType } from './model/is-hashed-observable-type.util';
export { observableInputKey } from './model/observable-input-key.util';
export { isStixCoreRelationshipType } from './model/is-stix-core-relationship-type.util';
export { relationshipPairStatus } from './model/relationship-pair-status.util';
export { REF_DEFINITIONS } from './model/ref-definitions.constants';
export { refDefinitionByStixProperty, refDefinitionsFor } from './model/ref-definitions.util';
export { ATTRIBUTE_RENAMES } from './model/attribute-renames.constants';
export { attributeToStixName, stixToAttributeName } from './model/attribute-names.util';
export { VOCABULARY_CATEGORIES } from './model/vocabulary-categories.constants';
export { VOCABULARY_FIELDS } from './model/vocabulary-fields.constants';
export { BOOTSTRAP_MARKINGS } from './model/bootstrap-markings.constants';

// --- ids ---
export {
  OASIS_NAMESPACE,
  OPENCTI_ADMIN_UUID,
  OPENCTI_NAMESPACE,
  OPENCTI_PLATFORM_UUID,
  OPENCTI_SYSTEM_UUID,
} from './ids/namespaces.constants';
export { canonicalJson } from './ids/canonical-json.util';
export { uuidV5 } from './ids/uuid-v5.util';
export { normalizeName } from './ids/normalize-name.util';
export { generateStandardId } from './ids/generate-standard-id.util';
export { hasDeterministicId } from './ids/has-deterministic-id.util';
export { generateAliasIds } from './ids/generate-alias-ids.util';
export type { AliasIdentifierRules } from './ids/generate-alias-ids.util';
export { generateHashIds } from './ids/generate-hash-ids.util';
export { normalizeObservable } from './ids/normalize-observable.util';
export { canonicalHashAlgorithm } from './ids/hash-algorithm.util';
export { cleanupIndicatorPattern } from './ids/cleanup-indicator-pattern.util';

// --- convert (stored element → STIX 2.1) ---
export { toStix } from './convert/to-stix';
export type {
  RefTargetLookup,
  StixRefTarget,
  StixSource,
  StixTarget,
  TargetLookup,
} from './convert/to-stix';
export { EMBEDDED_REF_TYPES } from './convert/to-stix';
export { storedMemberList, UNREADABLE_MEMBER } from './convert/stored-member-list.util';
export {
  EXTENSION_FIELDS,
  INLINE_EXTERNAL_REFERENCES,
  MITRE_EXTENSION_FIELDS,
  MITRE_EXTENSION_ID,
  OCTI_EXTENSION_ID,
  OCTI_SCO_EXTENSION_ID,
} from './convert/stix-extensions.constants';

// --- parse (untrusted STIX 2.0/2.1 in: validation, 2.0 → 2.1 upgrade) ---
export type {
  ParsedObject,
  ParseStixOptions,
  StixBundleContent,
  StixIssue,
  StixObject,
  StixSpecVersion,
} from './parse/stix-parse.types';
export { parseStixObject } from './parse/parse-stix-object.util';
export { readBundle } from './parse/read-bundle.util';
export { upgradeStix20 } from './parse/upgrade-stix20.util';
export { STIX_INVALID_BUNDLE, StixInvalidBundleError } from './parse/stix-parse.error';

// --- read (streamed bundles) ---
export { readBundleParts } from './read/read-bundle-stream.util';
export { hashList, observableValue, representative } from './model/representative.util';
