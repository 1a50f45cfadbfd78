// The abstract types of data-model.md §1.1, plus Stix-Custom-Object for STIX types the model does
// not know (x-mitre-analytic, attack-flow objects, any x-…): they are kept as their own entity type.

/** Names of every abstract type, by role. */
export const ABSTRACT_TYPE = {
  basicObject: 'Basic-Object',
  internalObject: 'Internal-Object',
  stixObject: 'Stix-Object',
  stixMetaObject: 'Stix-Meta-Object',
  stixCoreObject: 'Stix-Core-Object',
  stixDomainObject: 'Stix-Domain-Object',
  container: 'Container',
  case: 'Case',
  identity: 'Identity',
  location: 'Location',
  threatActor: 'Threat-Actor',
  stixCyberObservable: 'Stix-Cyber-Observable',
  hashedObservable: 'Hashed-Observable',
  stixCustomObject: 'Stix-Custom-Object',
  basicRelationship: 'basic-relationship',
  internalRelationship: 'internal-relationship',
  stixRelationship: 'stix-relationship',
  stixCoreRelationship: 'stix-core-relationship',
  stixRefRelationship: 'stix-ref-relationship',
} as const;

export type AbstractType = (typeof ABSTRACT_TYPE)[keyof typeof ABSTRACT_TYPE];

const A = ABSTRACT_TYPE;

/** Ancestors of each abstract type, nearest first. */
export const ABSTRACT_PARENTS: Readonly<Record<AbstractType, readonly string[]>> = {
  [A.basicObject]: [],
  [A.internalObject]: [A.basicObject],
  [A.stixObject]: [A.basicObject],
  [A.stixMetaObject]: [A.stixObject, A.basicObject],
  [A.stixCoreObject]: [A.stixObject, A.basicObject],
  [A.stixDomainObject]: [A.stixCoreObject, A.stixObject, A.basicObject],
  [A.container]: [A.stixDomainObject, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.case]: [A.container, A.stixDomainObject, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.identity]: [A.stixDomainObject, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.location]: [A.stixDomainObject, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.threatActor]: [A.stixDomainObject, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.stixCyberObservable]: [A.stixCoreObject, A.stixObject, A.basicObject],
  [A.hashedObservable]: [A.stixCyberObservable, A.stixCoreObject, A.stixObject, A.basicObject],
  [A.stixCustomObject]: [A.stixCoreObject, A.stixObject, A.basicObject],
  [A.basicRelationship]: [],
  [A.internalRelationship]: [A.basicRelationship],
  [A.stixRelationship]: [A.basicRelationship],
  [A.stixCoreRelationship]: [A.stixRelationship, A.basicRelationship],
  [A.stixRefRelationship]: [A.stixRelationship, A.basicRelationship],
};

/** Legacy names OpenCTI still accepts for `stix-ref-relationship` (data-model.md §1.1). */
export const LEGACY_ABSTRACT_ALIASES: Readonly<Record<string, AbstractType>> = {
  'stix-meta-relationship': A.stixRefRelationship,
  'stix-cyber-observable-relationship': A.stixRefRelationship,
};
