// The read operations of the knowledge API: one list and one single query per type (data-model.md
// §6, connector-protocol.md Appendix A), with the ordering enum name pycti declares for each list.

/** Extra arguments of relationship lists; pycti declares their GraphQL types per list. */
export type RelationArgs = 'core' | 'sighting' | 'ref';

export type KnowledgeQuerySpec = {
  readonly list: string;
  /** Single lookup by any id; absent for lists without one. */
  readonly single?: string;
  /** GraphQL type of the nodes. */
  readonly node: string;
  /** Entity types (concrete or abstract) the query is restricted to. */
  readonly types: readonly string[];
  readonly ordering: string;
  readonly relationArgs?: RelationArgs;
};

const q = (
  list: string,
  single: string | undefined,
  node: string,
  types: string | string[],
  ordering: string,
  relationArgs?: RelationArgs,
): KnowledgeQuerySpec => ({
  list,
  ...(single ? { single } : {}),
  node,
  types: Array.isArray(types) ? types : [types],
  ordering,
  ...(relationArgs ? { relationArgs } : {}),
});

export const KNOWLEDGE_QUERIES: readonly KnowledgeQuerySpec[] = [
  q(
    'stixCoreObjects',
    'stixCoreObject',
    'StixCoreObject',
    'Stix-Core-Object',
    'StixCoreObjectsOrdering',
  ),
  q(
    'stixDomainObjects',
    'stixDomainObject',
    'StixDomainObject',
    'Stix-Domain-Object',
    'StixDomainObjectsOrdering',
  ),
  q(
    'stixCyberObservables',
    'stixCyberObservable',
    'StixCyberObservable',
    'Stix-Cyber-Observable',
    'StixCyberObservablesOrdering',
  ),
  q(
    'stixCoreRelationships',
    'stixCoreRelationship',
    'StixCoreRelationship',
    'stix-core-relationship',
    'StixCoreRelationshipsOrdering',
    'core',
  ),
  q(
    'stixSightingRelationships',
    'stixSightingRelationship',
    'StixSightingRelationship',
    'stix-sighting-relationship',
    'StixSightingRelationshipsOrdering',
    'sighting',
  ),
  q(
    'stixRefRelationships',
    'stixRefRelationship',
    'StixRefRelationship',
    'stix-ref-relationship',
    'StixRefRelationshipsOrdering',
    'ref',
  ),
  q(
    'stixRelationships',
    'stixRelationship',
    'StixRelationship',
    'stix-relationship',
    'StixRelationshipsOrdering',
    'core',
  ),
  q(
    'stixNestedRefRelationships',
    undefined,
    'StixRefRelationship',
    'stix-ref-relationship',
    'StixRefRelationshipsOrdering',
    'ref',
  ),
  q('malwares', 'malware', 'Malware', 'Malware', 'MalwaresOrdering'),
  q('intrusionSets', 'intrusionSet', 'IntrusionSet', 'Intrusion-Set', 'IntrusionSetsOrdering'),
  q('threatActors', 'threatActor', 'ThreatActor', 'Threat-Actor', 'ThreatActorsOrdering'),
  q(
    'threatActorsGroup',
    'threatActorGroup',
    'ThreatActorGroup',
    'Threat-Actor-Group',
    'ThreatActorsOrdering',
  ),
  q(
    'threatActorsIndividuals',
    'threatActorIndividual',
    'ThreatActorIndividual',
    'Threat-Actor-Individual',
    'ThreatActorsIndividualOrdering',
  ),
  q('campaigns', 'campaign', 'Campaign', 'Campaign', 'CampaignsOrdering'),
  q('indicators', 'indicator', 'Indicator', 'Indicator', 'IndicatorsOrdering'),
  q('attackPatterns', 'attackPattern', 'AttackPattern', 'Attack-Pattern', 'AttackPatternsOrdering'),
  q(
    'coursesOfAction',
    'courseOfAction',
    'CourseOfAction',
    'Course-Of-Action',
    'CoursesOfActionOrdering',
  ),
  q(
    'vulnerabilities',
    'vulnerability',
    'Vulnerability',
    'Vulnerability',
    'VulnerabilitiesOrdering',
  ),
  q('tools', 'tool', 'Tool', 'Tool', 'ToolsOrdering'),
  q('reports', 'report', 'Report', 'Report', 'ReportsOrdering'),
  q('groupings', 'grouping', 'Grouping', 'Grouping', 'GroupingsOrdering'),
  q('notes', 'note', 'Note', 'Note', 'NotesOrdering'),
  q('opinions', 'opinion', 'Opinion', 'Opinion', 'OpinionsOrdering'),
  q('observedDatas', 'observedData', 'ObservedData', 'Observed-Data', 'ObservedDatasOrdering'),
  q('incidents', 'incident', 'Incident', 'Incident', 'IncidentsOrdering'),
  q('containers', 'container', 'Container', 'Container', 'ContainersOrdering'),
  q('identities', 'identity', 'Identity', 'Identity', 'IdentitiesOrdering'),
  q('individuals', 'individual', 'Individual', 'Individual', 'IndividualsOrdering'),
  q('organizations', 'organization', 'Organization', 'Organization', 'OrganizationsOrdering'),
  q('sectors', 'sector', 'Sector', 'Sector', 'SectorsOrdering'),
  q('systems', 'system', 'System', 'System', 'SystemsOrdering'),
  q('locations', 'location', 'Location', 'Location', 'LocationsOrdering'),
  q('countries', 'country', 'Country', 'Country', 'CountriesOrdering'),
  q('regions', 'region', 'Region', 'Region', 'RegionsOrdering'),
  q('cities', 'city', 'City', 'City', 'CitiesOrdering'),
  q('positions', 'position', 'Position', 'Position', 'PositionsOrdering'),
  q(
    'infrastructures',
    'infrastructure',
    'Infrastructure',
    'Infrastructure',
    'InfrastructuresOrdering',
  ),
  q('dataComponents', 'dataComponent', 'DataComponent', 'Data-Component', 'DataComponentsOrdering'),
  q('dataSources', 'dataSource', 'DataSource', 'Data-Source', 'DataSourcesOrdering'),
  q('channels', 'channel', 'Channel', 'Channel', 'ChannelsOrdering'),
  q('events', 'event', 'Event', 'Event', 'EventsOrdering'),
  q('narratives', 'narrative', 'Narrative', 'Narrative', 'NarrativesOrdering'),
  q('languages', 'language', 'Language', 'Language', 'LanguagesOrdering'),
  q(
    'markingDefinitions',
    'markingDefinition',
    'MarkingDefinition',
    'Marking-Definition',
    'MarkingDefinitionsOrdering',
  ),
  q('labels', 'label', 'Label', 'Label', 'LabelsOrdering'),
  q(
    'externalReferences',
    'externalReference',
    'ExternalReference',
    'External-Reference',
    'ExternalReferencesOrdering',
  ),
  q(
    'killChainPhases',
    'killChainPhase',
    'KillChainPhase',
    'Kill-Chain-Phase',
    'KillChainPhasesOrdering',
  ),
  q('vocabularies', 'vocabulary', 'Vocabulary', 'Vocabulary', 'VocabularyOrdering'),
];

/** Values of every `<List>Ordering` enum: attributes lists are commonly sorted by. */
export const ORDERING_VALUES: readonly string[] = (
  '_score name value created modified created_at updated_at confidence x_opencti_score ' +
  'entity_type standard_id valid_from valid_until published first_seen last_seen start_time ' +
  'stop_time first_observed last_observed relationship_type definition definition_type ' +
  'x_opencti_order source_name external_id url kill_chain_name phase_name pattern_type ' +
  'observable_value attribute_count color category order x_mitre_id'
).split(' ');
