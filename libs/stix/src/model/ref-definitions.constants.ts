import type { RefDefinition } from './model.types';
import { OBSERVABLE_REF_DEFINITIONS } from './observable-ref-definitions.constants';
import { refDefinition as ref } from './ref-definition.util';

const SDO = 'Stix-Domain-Object';
const SCO = 'Stix-Cyber-Observable';
const CUSTOM = 'Stix-Custom-Object';
const CORE_RELATIONSHIP = 'stix-core-relationship';
const SIGHTING = 'stix-sighting-relationship';
const CASES = ['Case-Incident', 'Case-Rfi', 'Case-Rft'];
// Custom (unmodelled) STIX objects keep the common refs too, so nothing they carry is lost.
const COMMON = [SDO, SCO, CORE_RELATIONSHIP, SIGHTING, CUSTOM];

// Types with the `objectOrganization` ref in data-model.md §1.3 (Event excluded: §4.3 forbids the
// granted ref on Event, Organization, Sector and Locations), every observable (§1.4), core
// relationships and sightings (§2.1, §2.3).
const RESTRICTABLE = [
  ...['Attack-Pattern', 'Campaign', 'Course-Of-Action', 'Individual', 'System'],
  ...['SecurityPlatform', 'Indicator', 'Infrastructure', 'Intrusion-Set', 'Malware'],
  ...['Malware-Analysis', 'Note', 'Observed-Data', 'Opinion', 'Report', 'Grouping'],
  ...[...CASES, 'Feedback', 'Task', 'Threat-Actor-Group', 'Threat-Actor-Individual', 'Tool'],
  ...['Vulnerability', 'Incident', 'Channel', 'Narrative', 'Data-Source'],
  ...[SCO, CORE_RELATIONSHIP, SIGHTING],
];

// data-model.md §2.4, meta refs.
const META_REF_DEFINITIONS: readonly RefDefinition[] = [
  ref(
    'created-by',
    { input: 'createdBy', stix: 'created_by_ref' },
    ['Individual', 'Organization', 'Sector', 'System'],
    COMMON,
  ),
  ref(
    'object-marking',
    { input: 'objectMarking', stix: 'object_marking_refs' },
    ['Marking-Definition'],
    [...COMMON, 'work', 'InternalFile'],
  ),
  ref(
    'object-label',
    { input: 'objectLabel', stix: 'labels', embedded: 'label' },
    ['Label'],
    COMMON,
  ),
  ref(
    'external-reference',
    { input: 'externalReferences', stix: 'external_references', embedded: 'external-reference' },
    ['External-Reference'],
    COMMON,
  ),
  ref(
    'kill-chain-phase',
    { input: 'killChainPhases', stix: 'kill_chain_phases', embedded: 'kill-chain-phase' },
    ['Kill-Chain-Phase'],
    ['Attack-Pattern', 'Indicator', 'Infrastructure', 'Tool', 'Malware', CORE_RELATIONSHIP],
  ),
  ref(
    'object',
    { input: 'objects', stix: 'object_refs' },
    ['Stix-Core-Object', CORE_RELATIONSHIP, SIGHTING, 'stix-ref-relationship'],
    ['Container'],
  ),
  ref(
    'granted',
    { input: 'objectOrganization', stix: 'granted_refs' },
    ['Organization'],
    RESTRICTABLE,
  ),
  ref(
    'object-assignee',
    { input: 'objectAssignee', stix: 'object_assignee_refs' },
    ['User'],
    ['Report', 'Incident', ...CASES, 'Feedback', 'Task', 'Malware-Analysis'],
  ),
  ref(
    'object-participant',
    { input: 'objectParticipant', stix: 'object_participant_refs' },
    ['User'],
    ['Report', 'Incident', ...CASES, 'Task'],
  ),
  ref(
    'born-in',
    { input: 'bornIn', stix: 'born_in_ref' },
    ['Country'],
    ['Threat-Actor-Individual'],
  ),
  ref(
    'of-ethnicity',
    { input: 'ethnicity', stix: 'ethnicity_ref' },
    ['Country'],
    ['Threat-Actor-Individual'],
  ),
];

// data-model.md §2.4 "other refs"; operating-system and sample are multi-valued on Malware and
// single-valued on Malware-Analysis.
const DOMAIN_REF_DEFINITIONS: readonly RefDefinition[] = [
  ref(
    'operating-system',
    { input: 'operatingSystems', stix: 'operating_system_refs' },
    ['Software'],
    ['Malware'],
  ),
  ref('sample', { input: 'samples', stix: 'sample_refs' }, ['Artifact', 'StixFile'], ['Malware']),
  ref(
    'operating-system',
    { input: 'operatingSystem', stix: 'operating_system_ref' },
    ['Software'],
    ['Malware-Analysis'],
  ),
  ref(
    'sample',
    { input: 'analysisSample', stix: 'sample_ref' },
    ['Artifact', 'StixFile'],
    ['Malware-Analysis'],
  ),
  ref('host-vm', { input: 'hostVm', stix: 'host_vm_ref' }, ['Software'], ['Malware-Analysis']),
  ref(
    'installed-software',
    { input: 'installedSoftware', stix: 'installed_software_refs' },
    ['Software'],
    ['Malware-Analysis'],
  ),
  ref(
    'analysis-sco',
    { input: 'analysisSco', stix: 'analysis_sco_refs' },
    [SCO],
    ['Malware-Analysis'],
  ),
  ref(
    'data-source',
    { input: 'dataSource', stix: 'data_source_ref' },
    ['Data-Source'],
    ['Data-Component'],
  ),
  // The spec names no target types for the covered entity: any core object.
  ref(
    'object-covered',
    { input: 'objectCovered', stix: 'covered_ref' },
    ['Stix-Core-Object'],
    ['Security-Coverage'],
  ),
];

/** Every ref of the model: data-model.md §2.4 and the observable refs of §1.4. */
export const REF_DEFINITIONS: readonly RefDefinition[] = [
  ...META_REF_DEFINITIONS,
  ...DOMAIN_REF_DEFINITIONS,
  ...OBSERVABLE_REF_DEFINITIONS,
];
