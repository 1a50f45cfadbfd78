import type { CompatCase, PyctiExpectation } from './compat-case.types';
import { differs } from './expectations.util';

// Documented differences between pycti and the platform (data-model.md §3.3 and §7).
const R_DATE = 'pycti hashes dates as given; the platform hashes YYYY-MM-DDTHH:mm:ss.sssZ';
const R_NULL_CREATED = 'pycti hashes an absent created as null; the platform drops it';
const R_FEEDBACK = 'pycti leaves created out of Feedback ids; the platform hashes it';
const R_ADMIN_AREA = 'pycti hashes the Administrative-Area location type; the platform does not';
const R_MA_CASE = 'pycti lower-cases result_name; the platform has no Malware-Analysis resolver';
const R_COVERAGE = 'pycti hashes covered_ref; the platform hashes objectCovered';
const R_TRIM = 'pycti strips content and opinion; the platform hashes them as given';
const R_CONTEXT = 'pycti lower-cases the grouping context; the platform keeps it';
const R_MITRE_V7 = 'pycti 7 lower-cases x_mitre_id; the 6.9 platform keeps its case';
const R_ABSTRACT_V7 = 'pycti 7 adds attribute_abstract to Note ids; the 6.9 platform does not';

const T0 = '2024-01-15T10:20:30.000Z';
const T0_NO_MS = '2024-01-15T10:20:30Z';

function c(
  name: string,
  entityType: string,
  data: Record<string, unknown>,
  expect?: CompatCase['expect'],
): CompatCase {
  return expect ? { name, entityType, data, expect } : { name, entityType, data };
}

function v7Only(expectation: PyctiExpectation): CompatCase['expect'] {
  return { '7': expectation };
}

const NAMED_TYPES: readonly [string, string][] = [
  ['Campaign', 'campaign'],
  ['Infrastructure', 'infrastructure'],
  ['Intrusion-Set', 'intrusion-set'],
  ['Malware', 'malware'],
  ['Tool', 'tool'],
  ['Vulnerability', 'vulnerability'],
  ['Channel', 'channel'],
  ['Event', 'event'],
  ['Narrative', 'narrative'],
  ['Language', 'language'],
  ['Data-Component', 'data-component'],
  ['Data-Source', 'data-source'],
  ['Threat-Actor-Group', 'threat-actor'],
  ['Threat-Actor-Individual', 'threat-actor'],
];
const NAMES = ['Emotet', '  APT 28  ', 'Ünïcödé Ñame', 'CVE-2024-3094', 'Operation Dream Job'];

const namedCases = NAMED_TYPES.flatMap(([entityType]) =>
  NAMES.map((name) => c(`${entityType} "${name}"`, entityType, { name })),
);

const identityCases = [
  c('Individual', 'Individual', { name: 'John Doe', identity_class: 'individual' }),
  c('Individual class spelt Individual', 'Individual', {
    name: 'julien',
    identity_class: 'Individual',
  }),
  c('Organization', 'Organization', { name: 'ACME Corp', identity_class: 'organization' }),
  c('Organization MITRE', 'Organization', {
    name: 'The MITRE Corporation',
    identity_class: 'organization',
  }),
  c('Sector', 'Sector', { name: 'Energy', identity_class: 'class' }),
  c('Sector Finance', 'Sector', { name: ' Finance ', identity_class: 'class' }),
  c('System', 'System', { name: 'SCADA-01', identity_class: 'system' }),
  c('SecurityPlatform', 'SecurityPlatform', { name: 'EDR', identity_class: 'securityplatform' }),
];

const locationCases = [
  c('City', 'City', { name: 'Paris', x_opencti_location_type: 'City' }),
  c('Country', 'Country', { name: 'France', x_opencti_location_type: 'Country' }),
  c('Country Côte', 'Country', { name: "Côte d'Ivoire", x_opencti_location_type: 'Country' }),
  c('Region', 'Region', { name: 'Western Europe', x_opencti_location_type: 'Region' }),
  c('Position with coordinates', 'Position', {
    name: 'HQ',
    latitude: 48.8566,
    longitude: 2.3522,
    x_opencti_location_type: 'Position',
  }),
  c('Position latitude only', 'Position', {
    name: 'L',
    latitude: -33.5,
    x_opencti_location_type: 'Position',
  }),
  c('Position by name', 'Position', { name: 'Eiffel Tower', x_opencti_location_type: 'Position' }),
  c(
    'Administrative-Area',
    'Administrative-Area',
    { name: 'Bavaria', x_opencti_location_type: 'Administrative-Area' },
    differs(R_ADMIN_AREA, 'location', {
      name: 'bavaria',
      x_opencti_location_type: 'Administrative-Area',
    }),
  ),
];

const mitreCases = [
  c('Attack-Pattern by name', 'Attack-Pattern', { name: 'Phishing' }),
  c(
    'Attack-Pattern T1059',
    'Attack-Pattern',
    { name: 'Command and Scripting Interpreter', x_mitre_id: 'T1059' },
    v7Only(differs(R_MITRE_V7, 'attack-pattern', { x_mitre_id: 't1059' })),
  ),
  c(
    'Attack-Pattern T1566.001',
    'Attack-Pattern',
    { name: 'Spearphishing Attachment', x_mitre_id: 'T1566.001' },
    v7Only(differs(R_MITRE_V7, 'attack-pattern', { x_mitre_id: 't1566.001' })),
  ),
  c('Attack-Pattern lower-case id', 'Attack-Pattern', { name: 'x', x_mitre_id: 't1003' }),
  c('Course-Of-Action by name', 'Course-Of-Action', {
    name: 'Restrict File and Directory Permissions',
  }),
  c(
    'Course-Of-Action M1022',
    'Course-Of-Action',
    { name: 'Restrict', x_mitre_id: 'M1022' },
    v7Only(differs(R_MITRE_V7, 'course-of-action', { x_mitre_id: 'm1022' })),
  ),
];

const containerCases = [
  c('Report', 'Report', { name: 'Report', published: '2022-11-25T19:00:05.000Z' }),
  c('Report APT1', 'Report', {
    name: 'APT1: Exposing One of China’s Cyber Espionage Units',
    published: '2013-02-18T00:00:00.000Z',
  }),
  c(
    'Report date without ms',
    'Report',
    { name: 'R', published: T0_NO_MS },
    differs(R_DATE, 'report', { name: 'r', published: T0_NO_MS }),
  ),
  c('Note', 'Note', { content: 'Analyst note', created: T0 }),
  c('Note without created', 'Note', { content: 'Floating note' }),
  c(
    'Note with abstract',
    'Note',
    { content: 'Body', attribute_abstract: 'Summary', created: T0 },
    v7Only(
      differs(R_ABSTRACT_V7, 'note', {
        content: 'Body',
        created: T0,
        attribute_abstract: 'Summary',
      }),
    ),
  ),
  c(
    'Note padded content',
    'Note',
    { content: '  padded  ' },
    differs(R_TRIM, 'note', { content: 'padded' }),
  ),
  c('Opinion', 'Opinion', { opinion: 'strongly-agree', created: T0 }),
  c('Opinion without created', 'Opinion', { opinion: 'neutral' }),
  c(
    'Opinion padded',
    'Opinion',
    { opinion: ' agree ' },
    differs(R_TRIM, 'opinion', { opinion: 'agree' }),
  ),
  c('Observed-Data sorted', 'Observed-Data', {
    objects: ['domain-name--0a', 'ipv4-addr--0b', 'url--0c'],
  }),
  c('Observed-Data one object', 'Observed-Data', {
    objects: ['ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4'],
  }),
  c('Grouping', 'Grouping', {
    name: 'Campaign material',
    context: 'suspicious-activity',
    created: T0,
  }),
  c('Grouping without created', 'Grouping', { name: 'G', context: 'unspecified' }),
  c(
    'Grouping upper-case context',
    'Grouping',
    { name: 'G', context: 'Malware-Analysis' },
    differs(R_CONTEXT, 'grouping', { name: 'g', context: 'malware-analysis' }),
  ),
  c('Case-Incident', 'Case-Incident', { name: 'Ransomware at ACME', created: T0 }),
  c(
    'Case-Incident without created',
    'Case-Incident',
    { name: 'Open case' },
    differs(R_NULL_CREATED, 'case-incident', { name: 'open case', created: null }),
  ),
  c('Case-Rfi', 'Case-Rfi', { name: 'Need context', created: T0 }),
  c('Case-Rft', 'Case-Rft', { name: 'Take down phishing site', created: T0 }),
  c('Task', 'Task', { name: 'Review IOCs', created: T0 }),
  c(
    'Task without created',
    'Task',
    { name: 'Todo' },
    differs(R_NULL_CREATED, 'task', { name: 'todo', created: null }),
  ),
  c('Feedback without created', 'Feedback', { name: 'Great platform' }),
  c(
    'Feedback with created',
    'Feedback',
    { name: 'Bug', created: T0 },
    differs(R_FEEDBACK, 'feedback', { name: 'bug' }),
  ),
  c('Incident', 'Incident', { name: 'Data breach', created: T0 }),
  c(
    'Incident date without ms',
    'Incident',
    { name: 'Breach', created: T0_NO_MS },
    differs(R_DATE, 'incident', { name: 'breach', created: T0_NO_MS }),
  ),
  c(
    'Incident without created',
    'Incident',
    { name: 'Undated' },
    differs(R_NULL_CREATED, 'incident', { name: 'undated', created: null }),
  ),
];

const otherCases = [
  c('Indicator clean pattern', 'Indicator', {
    pattern: "[ipv4-addr:value = '1.2.3.4']",
    pattern_type: 'stix',
  }),
  c('Indicator compound clean pattern', 'Indicator', {
    pattern: "[domain-name:value = 'evil.com'] OR [url:value = 'http://evil.com/x']",
    pattern_type: 'stix',
  }),
  c('Indicator yara', 'Indicator', { pattern: 'rule a { condition: true }', pattern_type: 'yara' }),
  c('Malware-Analysis', 'Malware-Analysis', {
    product: 'cuckoo',
    result_name: 'emotet dropper',
    submitted: T0,
  }),
  c('Malware-Analysis no date', 'Malware-Analysis', { product: 'joe', result_name: 'clean' }),
  c(
    'Malware-Analysis case',
    'Malware-Analysis',
    { product: 'cuckoo', result_name: 'Emotet' },
    differs(R_MA_CASE, 'malware-analysis', { product: 'cuckoo', result_name: 'emotet' }),
  ),
  c(
    'Security-Coverage',
    'Security-Coverage',
    { name: 'Coverage', objectCovered: 'intrusion-set--f743ab1d-b2f2-58f8-975f-0993511c0b9d' },
    differs(R_COVERAGE, 'security-coverage', {
      covered_ref: 'intrusion-set--f743ab1d-b2f2-58f8-975f-0993511c0b9d',
    }),
  ),
  c('Vocabulary', 'Vocabulary', { name: 'Spearphishing', category: 'attack_motivation_ov' }),
  c('Vocabulary padded', 'Vocabulary', { name: ' Ransomware ', category: 'malware_type_ov' }),
  c('Kill-Chain-Phase', 'Kill-Chain-Phase', {
    kill_chain_name: 'mitre-attack',
    phase_name: 'execution',
  }),
  c('Kill-Chain-Phase ICS', 'Kill-Chain-Phase', {
    kill_chain_name: 'mitre-ics-attack',
    phase_name: 'inhibit-response-function',
  }),
  c('Kill-Chain-Phase cased', 'Kill-Chain-Phase', {
    kill_chain_name: 'Lockheed',
    phase_name: 'Recon',
  }),
  c('External-Reference url', 'External-Reference', {
    source_name: 'mitre-attack',
    url: 'https://attack.mitre.org/techniques/T1059',
  }),
  c('External-Reference id', 'External-Reference', {
    source_name: 'cve',
    external_id: 'CVE-2021-44228',
  }),
  c('Label', 'Label', { value: 'malicious' }),
  c('Label with spaces', 'Label', { value: 'threat actor' }),
  c('Label with digits', 'Label', { value: 'apt-28' }),
];

/** SDO, meta and container cases (relationships and markings are in relationship-cases). */
export const DOMAIN_CASES: readonly CompatCase[] = [
  ...namedCases,
  ...identityCases,
  ...locationCases,
  ...mitreCases,
  ...containerCases,
  ...otherCases,
];
