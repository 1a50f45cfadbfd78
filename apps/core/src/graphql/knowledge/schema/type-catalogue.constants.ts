// The GraphQL type tree of the knowledge API, in GraphQL names. Concrete entity types come from
// @lib/stix (ENTITY_TYPES, see type-names.util.ts); this file names the interfaces, the few
// types pycti spreads on that the model does not store, and the object-valued fields.

/** Interface → the interfaces it implements (transitively, as GraphQL requires). */
export const INTERFACES: Readonly<Record<string, readonly string[]>> = {
  BasicObject: [],
  StixObject: ['BasicObject'],
  StixMetaObject: ['BasicObject', 'StixObject'],
  StixCoreObject: ['BasicObject', 'StixObject'],
  StixDomainObject: ['BasicObject', 'StixObject', 'StixCoreObject'],
  Container: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixDomainObject'],
  Case: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixDomainObject', 'Container'],
  Identity: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixDomainObject'],
  Location: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixDomainObject'],
  ThreatActor: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixDomainObject'],
  StixCyberObservable: ['BasicObject', 'StixObject', 'StixCoreObject'],
  HashedObservable: ['BasicObject', 'StixObject', 'StixCoreObject', 'StixCyberObservable'],
  BasicRelationship: [],
  StixRelationship: ['BasicRelationship'],
};

/** Abstract entity type of the model → GraphQL interface. */
export const ABSTRACT_TO_INTERFACE: Readonly<Record<string, string>> = {
  'Basic-Object': 'BasicObject',
  'Stix-Object': 'StixObject',
  'Stix-Meta-Object': 'StixMetaObject',
  'Stix-Core-Object': 'StixCoreObject',
  'Stix-Domain-Object': 'StixDomainObject',
  Container: 'Container',
  Case: 'Case',
  Identity: 'Identity',
  Location: 'Location',
  'Threat-Actor': 'ThreatActor',
  'Stix-Cyber-Observable': 'StixCyberObservable',
  'Hashed-Observable': 'HashedObservable',
  'basic-relationship': 'BasicRelationship',
  'stix-relationship': 'StixRelationship',
};

const OBSERVABLE = INTERFACES.StixCyberObservable ?? [];
const RELATION = ['BasicRelationship', 'StixRelationship'];

/** Concrete types beyond the model's entity types: relationships, custom objects, newer observables. */
export const EXTRA_OBJECT_TYPES: Readonly<Record<string, readonly string[]>> = {
  StixCoreRelationship: RELATION,
  StixSightingRelationship: RELATION,
  StixRefRelationship: RELATION,
  StixCustomObject: ['BasicObject', 'StixObject', 'StixCoreObject'],
  AIPrompt: [...OBSERVABLE, 'StixCyberObservable'],
  ICCID: [...OBSERVABLE, 'StixCyberObservable'],
  IMEI: [...OBSERVABLE, 'StixCyberObservable'],
  IMSI: [...OBSERVABLE, 'StixCyberObservable'],
};

/** Plain object types (no interface) of nested values. */
export const SUPPORT_TYPES = [
  'PageInfo',
  'Creator',
  'Status',
  'StatusTemplate',
  'CustomFieldValue',
  'File',
  'FileMetadata',
  'Hash',
  'ObservableValue',
  'CoverageInformation',
  'VocabularyCategory',
  'VocabularyField',
] as const;

/** How an object-valued field is shaped: one value, a list, or a connection (edges { node }). */
export type ObjectFieldShape = 'one' | 'list' | 'connection';

// Fields with arguments (`objects(all:)` on containers) are resolver fields, see
// container-objects.resolver.ts.
export type ObjectFieldSpec = {
  readonly name: string;
  readonly target: string;
  readonly shape: ObjectFieldShape;
};

const f = (name: string, target: string, shape: ObjectFieldShape): ObjectFieldSpec => ({
  name,
  target,
  shape,
});

const CORE_REFS = [
  f('createdBy', 'Identity', 'one'),
  f('objectMarking', 'MarkingDefinition', 'list'),
  f('objectLabel', 'Label', 'list'),
  f('externalReferences', 'ExternalReference', 'connection'),
  f('objectOrganization', 'Organization', 'list'),
  f('creators', 'Creator', 'list'),
  f('status', 'Status', 'one'),
  f('customFieldValues', 'CustomFieldValue', 'list'),
];
const ENDS = [
  f('from', 'StixObjectOrStixRelationship', 'one'),
  f('to', 'StixObjectOrStixRelationship', 'one'),
];
const KILL_CHAIN = [f('killChainPhases', 'KillChainPhase', 'list')];

/** Object-valued fields per type or interface (implementations inherit their interfaces' fields). */
export const OBJECT_FIELDS: Readonly<Record<string, readonly ObjectFieldSpec[]>> = {
  // Declares the connection type; the field itself comes from the resolver.
  ContainerObjects: [f('objects', 'StixObjectOrStixRelationship', 'connection')],
  StixCoreObject: [
    ...CORE_REFS,
    f('importFiles', 'File', 'connection'),
    f('exportFiles', 'File', 'connection'),
  ],
  StixCyberObservable: [f('indicators', 'Indicator', 'connection')],
  HashedObservable: [f('hashes', 'Hash', 'list')],
  BasicRelationship: ENDS,
  StixCoreRelationship: [
    ...CORE_REFS,
    ...KILL_CHAIN,
    f('coverage_information', 'CoverageInformation', 'list'),
  ],
  StixSightingRelationship: CORE_REFS,
  AttackPattern: KILL_CHAIN,
  Indicator: [
    ...KILL_CHAIN,
    f('observables', 'StixCyberObservable', 'connection'),
    f('x_opencti_observable_values', 'ObservableValue', 'list'),
  ],
  Infrastructure: KILL_CHAIN,
  Malware: [...KILL_CHAIN, f('samples', 'StixCyberObservable', 'list')],
  Tool: KILL_CHAIN,
  DataComponent: [f('dataSource', 'DataSource', 'one')],
  ExternalReference: [f('importFiles', 'File', 'connection')],
  Vocabulary: [f('category', 'VocabularyCategory', 'one')],
  VocabularyCategory: [f('fields', 'VocabularyField', 'list')],
  Status: [f('template', 'StatusTemplate', 'one')],
  File: [f('metaData', 'FileMetadata', 'one'), f('objectMarking', 'MarkingDefinition', 'list')],
  ObservableValue: [f('hashes', 'Hash', 'list')],
};

/** Leaf fields every type of an interface carries, beyond what pycti selects. */
export const BASE_LEAF_FIELDS: Readonly<Record<string, string>> = {
  BasicObject: 'id standard_id entity_type parent_types',
  StixObject: 'spec_version created_at updated_at x_opencti_stix_ids toStix',
  StixDomainObject: 'created modified revoked confidence lang',
  BasicRelationship: 'id standard_id entity_type parent_types created_at updated_at fromId toId',
  StixRelationship: 'spec_version x_opencti_stix_ids toStix fromType toType',
  StixCoreRelationship: 'relationship_type created modified confidence revoked',
  StixRefRelationship: 'relationship_type',
  StixSightingRelationship: 'relationship_type created modified confidence',
  StixCustomObject: 'name description created modified confidence revoked',
  File: 'lastModified uploadStatus',
  FileMetadata: 'entity_id creator_id file_markings',
  VocabularyCategory: 'description entity_types',
  VocabularyField: 'required multiple description',
};
