import { ABSTRACT_TYPE } from './abstract-types.constants';
import type { AbstractType } from './abstract-types.constants';
import type { AliasField } from './model.types';

/** Row of the Stix-Domain-Object and Stix-Meta-Object tables (data-model.md §1.3, §1.5). */
export type DomainTypeRow = {
  readonly entityType: string;
  readonly stixType: string;
  readonly parent: AbstractType;
  readonly aliasField?: AliasField;
};

const A = ABSTRACT_TYPE;

function row(
  entityType: string,
  stixType: string,
  parent: AbstractType,
  aliasField?: AliasField,
): DomainTypeRow {
  return aliasField
    ? { entityType, stixType, parent, aliasField }
    : { entityType, stixType, parent };
}

// data-model.md §1.3, one row per concrete SDO, in the order of the spec's table.
export const DOMAIN_TYPE_ROWS: readonly DomainTypeRow[] = [
  row('Attack-Pattern', 'attack-pattern', A.stixDomainObject, 'aliases'),
  row('Campaign', 'campaign', A.stixDomainObject, 'aliases'),
  row('Course-Of-Action', 'course-of-action', A.stixDomainObject, 'x_opencti_aliases'),
  row('Individual', 'identity', A.identity, 'x_opencti_aliases'),
  row('Organization', 'identity', A.identity, 'x_opencti_aliases'),
  row('Sector', 'identity', A.identity, 'x_opencti_aliases'),
  row('System', 'identity', A.identity, 'x_opencti_aliases'),
  row('SecurityPlatform', 'identity', A.identity),
  row('Indicator', 'indicator', A.stixDomainObject),
  row('Infrastructure', 'infrastructure', A.stixDomainObject, 'aliases'),
  row('Intrusion-Set', 'intrusion-set', A.stixDomainObject, 'aliases'),
  row('City', 'location', A.location, 'x_opencti_aliases'),
  row('Country', 'location', A.location, 'x_opencti_aliases'),
  row('Region', 'location', A.location, 'x_opencti_aliases'),
  row('Position', 'location', A.location, 'x_opencti_aliases'),
  row('Administrative-Area', 'location', A.location, 'x_opencti_aliases'),
  row('Malware', 'malware', A.stixDomainObject, 'aliases'),
  row('Malware-Analysis', 'malware-analysis', A.stixDomainObject),
  row('Note', 'note', A.container),
  row('Observed-Data', 'observed-data', A.container),
  row('Opinion', 'opinion', A.container),
  row('Report', 'report', A.container),
  row('Grouping', 'grouping', A.container),
  row('Case-Incident', 'case-incident', A.case),
  row('Case-Rfi', 'case-rfi', A.case),
  row('Case-Rft', 'case-rft', A.case),
  row('Feedback', 'feedback', A.case),
  row('Task', 'task', A.container),
  row('Threat-Actor-Group', 'threat-actor', A.threatActor, 'aliases'),
  row('Threat-Actor-Individual', 'threat-actor', A.threatActor, 'aliases'),
  row('Tool', 'tool', A.stixDomainObject, 'aliases'),
  row('Vulnerability', 'vulnerability', A.stixDomainObject, 'x_opencti_aliases'),
  row('Incident', 'incident', A.stixDomainObject, 'aliases'),
  row('Channel', 'channel', A.stixDomainObject, 'aliases'),
  row('Event', 'event', A.stixDomainObject, 'aliases'),
  row('Narrative', 'narrative', A.stixDomainObject, 'aliases'),
  row('Language', 'language', A.stixDomainObject, 'aliases'),
  row('Data-Component', 'data-component', A.stixDomainObject),
  row('Data-Source', 'data-source', A.stixDomainObject),
  row('Security-Coverage', 'security-coverage', A.stixDomainObject),
];

// data-model.md §1.5. Vocabulary is aliased (§3.6).
export const META_TYPE_ROWS: readonly DomainTypeRow[] = [
  row('Marking-Definition', 'marking-definition', A.stixMetaObject),
  row('Label', 'label', A.stixMetaObject),
  row('External-Reference', 'external-reference', A.stixMetaObject),
  row('Kill-Chain-Phase', 'kill-chain-phase', A.stixMetaObject),
  row('Vocabulary', 'vocabulary', A.stixMetaObject, 'aliases'),
];
