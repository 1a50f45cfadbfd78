import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './canonical-json.util';
import { generateStandardId } from './generate-standard-id.util';
import { OASIS_NAMESPACE, OPENCTI_NAMESPACE } from './namespaces.constants';

const sut = generateStandardId;

// Expected ids built independently: canonical JSON of the spec's contributing data, uuid's v5.
function idOf(prefix: string, hashed: Record<string, unknown>, namespace = OASIS_NAMESPACE) {
  return `${prefix}--${uuidv5(canonicalJson(hashed), namespace)}`;
}

const FROM = 'email-addr--4c3e2f4a-8d5b-5a31-9a4e-3f1c2a6b7d8e';

describe(`${generateStandardId.name} contribution rules`, () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'x_mitre_id wins over name',
      'Course-Of-Action',
      { name: 'M', x_mitre_id: 'M1036' },
      idOf('course-of-action', { x_mitre_id: 'M1036' }),
    ],
    [
      'Incident hashes created with its name',
      'Incident',
      { name: 'Breach', created: '2024-01-02T03:04:05Z' },
      idOf('incident', { name: 'breach', created: '2024-01-02T03:04:05.000Z' }),
    ],
    [
      'Note: created only counts with content',
      'Note',
      { content: ' Hello ', created: new Date('2024-01-01T00:00:00Z') },
      idOf('note', { content: ' Hello ', created: '2024-01-01T00:00:00.000Z' }),
    ],
    [
      'Grouping hashes name, context, created',
      'Grouping',
      { name: 'G', context: 'suspicious-activity', created: '2024-01-01' },
      idOf('grouping', {
        name: 'g',
        context: 'suspicious-activity',
        created: '2024-01-01T00:00:00.000Z',
      }),
    ],
    [
      'Feedback hashes name and created',
      'Feedback',
      { name: 'F', created: '2024-01-01T00:00:00.000Z' },
      idOf('feedback', { name: 'f', created: '2024-01-01T00:00:00.000Z' }),
    ],
    [
      'Organization hashes identity_class',
      'Organization',
      { name: 'Org', identity_class: 'Organization' },
      idOf('identity', { name: 'org', identity_class: 'organization' }),
    ],
    [
      'Administrative-Area leaves its location type out',
      'Administrative-Area',
      { name: 'Bavaria', x_opencti_location_type: 'Administrative-Area' },
      idOf('location', { name: 'bavaria' }),
    ],
    [
      'Position prefers coordinates',
      'Position',
      { name: 'P', latitude: 48.8566, longitude: 2.3522 },
      idOf('location', { latitude: 48.8566, longitude: 2.3522 }),
    ],
    [
      'Position keeps a zero coordinate',
      'Position',
      { name: 'P', latitude: 0 },
      idOf('location', { latitude: 0 }),
    ],
    [
      'Position falls back to its name',
      'Position',
      { name: 'Eiffel Tower' },
      idOf('location', { name: 'eiffel tower' }),
    ],
    [
      'Threat-Actor-Individual hashes its type',
      'Threat-Actor-Individual',
      { name: 'X', opencti_type: 'ignored' },
      idOf('threat-actor', { name: 'x', opencti_type: 'Threat-Actor-Individual' }),
    ],
    [
      'Observed-Data sorts its objects',
      'Observed-Data',
      { objects: ['url--b', 'ipv4-addr--a', 'domain-name--c'] },
      idOf('observed-data', { objects: ['domain-name--c', 'ipv4-addr--a', 'url--b'] }),
    ],
    [
      'Malware-Analysis keeps case',
      'Malware-Analysis',
      { product: 'Sandbox', result_name: 'Bad', submitted: '2024-05-06T07:08:09.1Z' },
      idOf('malware-analysis', {
        product: 'Sandbox',
        result_name: 'Bad',
        submitted: '2024-05-06T07:08:09.100Z',
      }),
    ],
    [
      'Security-Coverage hashes objectCovered',
      'Security-Coverage',
      { objectCovered: 'intrusion-set--x', name: 'C' },
      idOf('security-coverage', { objectCovered: 'intrusion-set--x' }),
    ],
    [
      'Kill-Chain-Phase keeps case',
      'Kill-Chain-Phase',
      { kill_chain_name: 'Mitre', phase_name: 'Exec' },
      idOf('kill-chain-phase', { kill_chain_name: 'Mitre', phase_name: 'Exec' }),
    ],
    [
      'External-Reference prefers the url',
      'External-Reference',
      { url: 'https://x', source_name: 's', external_id: 'e' },
      idOf('external-reference', { url: 'https://x' }),
    ],
    [
      'External-Reference falls back to source and external id',
      'External-Reference',
      { source_name: 'cve', external_id: 'CVE-1' },
      idOf('external-reference', { source_name: 'cve', external_id: 'CVE-1' }),
    ],
    [
      'Vocabulary hashes name and category',
      'Vocabulary',
      { name: 'Spear', category: 'x_ov' },
      idOf('vocabulary', { name: 'spear', category: 'x_ov' }),
    ],
    [
      'Label value is normalised',
      'Label',
      { value: ' Malicious ' },
      idOf('label', { value: 'malicious' }),
    ],
    [
      'Indicator re-formats a stix pattern',
      'Indicator',
      { pattern: "[url:value='x']", pattern_type: 'stix' },
      idOf('indicator', { pattern: "[url:value = 'x']" }),
    ],
    [
      'Indicator keeps other patterns verbatim',
      'Indicator',
      { pattern: ' rule a {} ', pattern_type: 'yara' },
      idOf('indicator', { pattern: ' rule a {} ' }),
    ],
    [
      'Domain-Name is not lower-cased at id level',
      'Domain-Name',
      { value: 'Example.COM' },
      idOf('domain-name', { value: 'Example.COM' }),
    ],
    [
      'StixFile: a hash wins over the name',
      'StixFile',
      { name: 'a.exe', hashes: { 'sha-256': 'AB', md5: 'cd' } },
      idOf('file', { hashes: { MD5: 'cd' } }),
    ],
    [
      'StixFile falls back to its name',
      'StixFile',
      { name: 'a.exe', hashes: {} },
      idOf('file', { name: 'a.exe' }),
    ],
    [
      'Artifact falls back to its url',
      'Artifact',
      { url: 'https://x/a.bin' },
      idOf('artifact', { url: 'https://x/a.bin' }),
    ],
    [
      'X509 falls back to serial then subject',
      'X509-Certificate',
      { subject: 'CN=x' },
      idOf('x509-certificate', { subject: 'CN=x' }),
    ],
    [
      'SSDEEP is the last hash picked',
      'StixFile',
      { hashes: { SSDEEP: '3:a:b', TLSH: 'T1' } },
      idOf('file', { hashes: { SSDEEP: '3:a:b' } }),
    ],
    [
      'Email-Message hashes from_ref, subject, body',
      'Email-Message',
      { from_ref: FROM, subject: 'Hi', is_multipart: false },
      idOf('email-message', { from_ref: FROM, subject: 'Hi' }),
    ],
    [
      'Network-Traffic hashes its dates with milliseconds',
      'Network-Traffic',
      { src_ref: 'ipv4-addr--a', dst_port: 443, protocols: ['tcp'], start: '2024-01-01T00:00:00Z' },
      idOf('network-traffic', {
        src_ref: 'ipv4-addr--a',
        dst_port: 443,
        protocols: ['tcp'],
        start: '2024-01-01T00:00:00.000Z',
      }),
    ],
    [
      'Process: pid only counts with a command line',
      'Process',
      { pid: 4, command_line: 'cmd.exe' },
      idOf('process', { pid: 4, command_line: 'cmd.exe' }),
    ],
    [
      'Windows-Registry-Key hashes attribute_key (quirk)',
      'Windows-Registry-Key',
      { attribute_key: 'HKLM\\Run' },
      idOf('windows-registry-key', { attribute_key: 'HKLM\\Run' }),
    ],
    [
      'Autonomous-System hashes its number',
      'Autonomous-System',
      { number: 64500, name: 'x' },
      idOf('autonomous-system', { number: 64500 }),
    ],
    [
      'Persona hashes name and type',
      'Persona',
      { persona_name: 'p', persona_type: 'twitter' },
      idOf('persona', { persona_name: 'p', persona_type: 'twitter' }),
    ],
    [
      'SSH-Key hashes its SHA-256 fingerprint',
      'SSH-Key',
      { fingerprint_sha256: 'SHA256:x', comment: 'c' },
      idOf('ssh-key', { fingerprint_sha256: 'SHA256:x' }),
    ],
    [
      'Email-Mime-Part-Type hashes the whole input',
      'Email-Mime-Part-Type',
      { body: 'b', content_type: 'text/plain' },
      idOf('email-mime-part-type', {
        body: 'b',
        content_type: 'text/plain',
        opencti_type: 'Email-Mime-Part-Type',
      }),
    ],
    [
      'relationship times are hashed with milliseconds',
      'targets',
      { source_ref: 'a--1', target_ref: 'b--2', stop_time: new Date(Date.UTC(2024, 0, 2)) },
      idOf('relationship', {
        relationship_type: 'targets',
        source_ref: 'a--1',
        target_ref: 'b--2',
        stop_time: '2024-01-02T00:00:00.000Z',
      }),
    ],
    [
      'sighting wraps a single where_sighted ref',
      'stix-sighting-relationship',
      {
        sighting_of_ref: 'a--1',
        where_sighted_refs: 'b--2',
        first_seen: '2024-01-01T00:00:00.000Z',
      },
      idOf('sighting', {
        type: 'sighting',
        sighting_of_ref: 'a--1',
        where_sighted_refs: ['b--2'],
        first_seen: '2024-01-01T00:00:00.000Z',
      }),
    ],
    [
      'stix-core-relationship reads relationship_type from data',
      'stix-core-relationship',
      { relationship_type: 'uses', source_ref: 'a--1', target_ref: 'b--2' },
      idOf('relationship', { relationship_type: 'uses', source_ref: 'a--1', target_ref: 'b--2' }),
    ],
    [
      'User hashes its email in the OpenCTI namespace',
      'User',
      { user_email: 'Admin@opencti.io', name: 'admin' },
      idOf('user', { user_email: 'Admin@opencti.io' }, OPENCTI_NAMESPACE),
    ],
    [
      'Group name is normalised',
      'Group',
      { name: ' Connectors ' },
      idOf('group', { name: 'connectors' }, OPENCTI_NAMESPACE),
    ],
    [
      'Status hashes template, type and scope',
      'Status',
      { template_id: 't', type: 'Report', scope: 'GLOBAL' },
      idOf('status', { template_id: 't', type: 'Report', scope: 'GLOBAL' }, OPENCTI_NAMESPACE),
    ],
    [
      'EntitySetting upper-cases its target type',
      'EntitySetting',
      { target_type: 'Report' },
      idOf('entitysetting', { target_type: 'REPORT' }, OPENCTI_NAMESPACE),
    ],
  ])('%s', (_label, entityType, data, expected) => {
    expect(sut(entityType, data)).toBe(expected);
  });

  it('gives Settings its fixed id', () => {
    expect(sut('Settings', {})).toBe('settings--d06053cb-7123-404b-b092-6606411702d2');
  });

  it.each([
    ['Connector', /^connector--[0-9a-f-]{36}$/],
    ['work', /^work--[0-9a-f-]{36}$/],
    ['object-marking', /^relationship-meta--[0-9a-f-]{36}$/],
    ['member-of', /^internal-relationship--[0-9a-f-]{36}$/],
  ])('gives %s a fresh random id', (entityType, shape) => {
    const first = sut(entityType, { name: 'x' });
    expect(first).toMatch(shape);
    expect(sut(entityType, { name: 'x' })).not.toBe(first);
  });

  it.each(['x-mitre-tactic', 'Stix-Domain-Object', 'NoSuchType'])(
    'refuses %s with STIX_ID_UNSUPPORTED_TYPE',
    (entityType) => {
      expect(() => sut(entityType, { name: 'x' })).toThrow(
        expect.objectContaining({ code: 'STIX_ID_UNSUPPORTED_TYPE' }) as Error,
      );
    },
  );

  it('accepts every date form and hashes the same id', () => {
    const forms = [
      '2024-03-04T05:06:07.000Z',
      '2024-03-04T05:06:07Z',
      '2024-03-04T05:06:07.000000Z',
      '2024-03-04T07:06:07+02:00',
      new Date('2024-03-04T05:06:07Z'),
    ];
    const ids = forms.map((published) => sut('Report', { name: 'R', published }));
    expect(new Set(ids).size).toBe(1);
  });

  it('refuses an unparseable contributing date', () => {
    expect(() => sut('Report', { name: 'R', published: 'yesterday' })).toThrow(
      expect.objectContaining({ code: 'STIX_ID_INVALID_DATE' }) as Error,
    );
  });
});
