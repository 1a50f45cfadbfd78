import type { IdContribution } from './id-contribution.types';
import { alternatives, part, props } from './id-contributions.util';
import { OPENCTI_PLATFORM_UUID } from './namespaces.constants';

const NAME = props('name');
const NAME_CREATED = props('name', 'created');
const NAME_DEPENDENT_CREATED = props('name', part('created', 'name'));
const NAMED_IDENTITY = props('name', part('identity_class', 'name'));
const NAMED_LOCATION = props('name', part('x_opencti_location_type', 'name'));
const MITRE_OR_NAME = alternatives(['x_mitre_id'], ['name']);

// data-model.md §3.3: contributing properties of Stix-Domain-Objects.
export const DOMAIN_ID_CONTRIBUTIONS: Readonly<Record<string, IdContribution>> = {
  'Attack-Pattern': MITRE_OR_NAME,
  'Course-Of-Action': MITRE_OR_NAME,
  Campaign: NAME,
  Infrastructure: NAME,
  'Intrusion-Set': NAME,
  Malware: NAME,
  Tool: NAME,
  Vulnerability: NAME,
  Channel: NAME,
  Event: NAME,
  Narrative: NAME,
  Language: NAME,
  'Data-Component': NAME,
  'Data-Source': NAME,
  Incident: NAME_DEPENDENT_CREATED,
  Note: props('content', part('created', 'content')),
  Opinion: props('opinion', part('created', 'opinion')),
  Report: props('name', 'published'),
  'Observed-Data': props('objects'),
  Grouping: props('name', 'context', 'created'),
  'Case-Incident': NAME_DEPENDENT_CREATED,
  'Case-Rfi': NAME_CREATED,
  'Case-Rft': NAME_CREATED,
  Feedback: NAME_CREATED,
  Task: NAME_CREATED,
  Individual: NAMED_IDENTITY,
  Sector: NAMED_IDENTITY,
  System: NAMED_IDENTITY,
  SecurityPlatform: NAMED_IDENTITY,
  Organization: props('name', 'identity_class'),
  City: NAMED_LOCATION,
  Country: NAMED_LOCATION,
  Region: NAMED_LOCATION,
  // The location type is deliberately not hashed for Administrative-Area (§7 item 2).
  'Administrative-Area': NAME,
  Position: alternatives(['latitude', 'longitude'], ['name']),
  'Threat-Actor-Group': props('name', part('opencti_type', 'name')),
  'Threat-Actor-Individual': props('name', 'opencti_type'),
  Indicator: props('pattern'),
  'Malware-Analysis': props('product', 'result_name', 'submitted'),
  'Security-Coverage': props('objectCovered'),
};

// data-model.md §3.3: Stix-Meta-Objects.
export const META_ID_CONTRIBUTIONS: Readonly<Record<string, IdContribution>> = {
  'Marking-Definition': props(part('definition', 'definition_type'), 'definition_type'),
  Label: props('value'),
  'Kill-Chain-Phase': props('phase_name', 'kill_chain_name'),
  'External-Reference': alternatives(['url'], [part('source_name', 'external_id'), 'external_id']),
  Vocabulary: props('name', 'category'),
};

// data-model.md §3.3: internal objects with a deterministic id (OPENCTI namespace); every other
// internal object gets a random id.
export const INTERNAL_ID_CONTRIBUTIONS: Readonly<Record<string, IdContribution>> = {
  Settings: { kind: 'fixed', uuid: OPENCTI_PLATFORM_UUID },
  User: props('user_email'),
  Group: NAME,
  Role: NAME,
  Capability: NAME,
  StatusTemplate: NAME,
  Status: props('template_id', 'type', 'scope'),
  EntitySetting: props('target_type'),
  ManagerConfiguration: props('manager_id'),
};

// data-model.md §3.5.
export const CORE_RELATIONSHIP_ID_CONTRIBUTION: IdContribution = props(
  'relationship_type',
  part('source_ref', 'target_ref'),
  part('target_ref', 'source_ref'),
  'start_time',
  'stop_time',
);

export const SIGHTING_ID_CONTRIBUTION: IdContribution = props(
  { src: 'type', constant: 'sighting' },
  part('sighting_of_ref', 'where_sighted_refs'),
  part('where_sighted_refs', 'sighting_of_ref'),
  'first_seen',
  'last_seen',
);
