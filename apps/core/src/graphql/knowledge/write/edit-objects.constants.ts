// The `…Edit(id)` mutations: each answers an object whose fields are the edits of the element
// (`stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id } }`, data-model.md §6).

/** One field of an edit object (see edit-mutations.resolver.ts for their arguments). */
export type EditField =
  | 'fieldPatch'
  | 'relationAdd'
  | 'relationsAdd'
  | 'relationDelete'
  | 'delete'
  | 'importPush'
  | 'exportPush'
  | 'exportAsk'
  | 'merge'
  | 'askEnrichment'
  | 'askEnrichments'
  | 'restrictionOrganizationAdd'
  | 'restrictionOrganizationDelete';

export type EditObjectSpec = {
  /** Root mutation (`stixDomainObjectEdit`). */
  readonly mutation: string;
  /** GraphQL object type it answers (`StixDomainObjectEditMutations`). */
  readonly typeName: string;
  /** What the id may designate (entity types or abstract types). */
  readonly types: readonly string[];
  /** GraphQL type fieldPatch and relationDelete answer. */
  readonly returns: string;
  readonly fields: readonly EditField[];
};

const EDIT: readonly EditField[] = [
  'fieldPatch',
  'relationAdd',
  'relationsAdd',
  'relationDelete',
  'delete',
  'importPush',
];

// Knowledge an organization grant governs (§4.3) is shared and unshared with organizations.
const SHARING: readonly EditField[] = [
  'restrictionOrganizationAdd',
  'restrictionOrganizationDelete',
];

// Entities (not relationships, not meta objects) have exports.
const CORE_EDIT: readonly EditField[] = [...EDIT, 'exportPush', 'exportAsk', ...SHARING];

const spec = (
  mutation: string,
  types: readonly string[],
  returns: string,
  fields: readonly EditField[] = EDIT,
): EditObjectSpec => ({
  mutation,
  typeName: `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Mutations`,
  types,
  returns,
  fields,
});

export const EDIT_OBJECTS: readonly EditObjectSpec[] = [
  spec('stixEdit', ['Stix-Object', 'basic-relationship'], 'StixObject', ['delete', 'merge']),
  spec('stixCoreObjectEdit', ['Stix-Core-Object'], 'StixCoreObject', [
    ...CORE_EDIT,
    'merge',
    'askEnrichment',
    'askEnrichments',
  ]),
  spec('stixDomainObjectEdit', ['Stix-Domain-Object'], 'StixDomainObject', CORE_EDIT),
  spec('stixCyberObservableEdit', ['Stix-Cyber-Observable'], 'StixCyberObservable', [
    ...CORE_EDIT,
    'askEnrichment',
    'askEnrichments',
  ]),
  spec('stixCoreRelationshipEdit', ['stix-core-relationship'], 'StixCoreRelationship', [
    ...EDIT,
    ...SHARING,
  ]),
  spec('stixSightingRelationshipEdit', ['stix-sighting-relationship'], 'StixSightingRelationship', [
    ...EDIT,
    ...SHARING,
  ]),
  spec('externalReferenceEdit', ['External-Reference'], 'ExternalReference'),
  spec('killChainPhaseEdit', ['Kill-Chain-Phase'], 'KillChainPhase', ['fieldPatch', 'delete']),
  spec('labelEdit', ['Label'], 'Label', ['fieldPatch', 'delete']),
  spec('markingDefinitionEdit', ['Marking-Definition'], 'MarkingDefinition', [
    'fieldPatch',
    'delete',
  ]),
  spec('vocabularyEdit', ['Vocabulary'], 'Vocabulary', ['fieldPatch', 'delete']),
  spec('attackPatternEdit', ['Attack-Pattern'], 'AttackPattern', CORE_EDIT),
  spec('reportEdit', ['Report'], 'Report', CORE_EDIT),
  spec('noteEdit', ['Note'], 'Note', CORE_EDIT),
  spec('opinionEdit', ['Opinion'], 'Opinion', CORE_EDIT),
  spec('observedDataEdit', ['Observed-Data'], 'ObservedData', CORE_EDIT),
  spec('groupingEdit', ['Grouping'], 'Grouping', CORE_EDIT),
];

/** Containers with `<name>RelationAdd(id, input)` / `<name>RelationDelete(id, toId, …)` roots. */
export const RELATION_ROOTS: Readonly<Record<string, string>> = {
  grouping: 'Grouping',
  caseIncident: 'Case-Incident',
  caseRfi: 'Case-Rfi',
  caseRft: 'Case-Rft',
  feedback: 'Feedback',
  task: 'Task',
};

/** Types with a `<name>FieldPatch(id, input)` root. */
export const FIELD_PATCH_ROOTS: Readonly<Record<string, string>> = {
  indicator: 'Indicator',
  vocabulary: 'Vocabulary',
  task: 'Task',
};
