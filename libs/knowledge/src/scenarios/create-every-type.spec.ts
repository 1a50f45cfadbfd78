import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';

const T0 = '2024-01-01T00:00:00.000Z';

// One minimal pycti-style input per creatable type (data-model.md §1.3–1.5, §6 rows 14–17, 26).
const ENTITIES: [string, string, Record<string, unknown>][] = [
  ['Attack-Pattern', 'Attack-Pattern', { name: 'Phishing', x_mitre_id: 'T1566' }],
  ['Campaign', 'Campaign', { name: 'Op X', first_seen: T0 }],
  ['Course-Of-Action', 'Course-Of-Action', { name: 'Patch' }],
  ['Identity', 'Individual', { type: 'Individual', name: 'Jane' }],
  ['Identity', 'Organization', { type: 'Organization', name: 'ACME' }],
  ['Identity', 'Sector', { type: 'Sector', name: 'Energy' }],
  ['Identity', 'System', { type: 'System', name: 'SCADA' }],
  [
    'Indicator',
    'Indicator',
    { name: 'ip', pattern_type: 'stix', pattern: "[ipv4-addr:value = '1.2.3.4']", valid_from: T0 },
  ],
  ['Infrastructure', 'Infrastructure', { name: 'C2' }],
  ['Intrusion-Set', 'Intrusion-Set', { name: 'APT1' }],
  ['Location', 'Country', { type: 'Country', name: 'France' }],
  ['Location', 'Region', { type: 'Region', name: 'Europe' }],
  ['Location', 'City', { type: 'City', name: 'Paris' }],
  ['Tool', 'Tool', { name: 'Mimikatz' }],
  ['Vulnerability', 'Vulnerability', { name: 'CVE-2024-0001' }],
  ['Incident', 'Incident', { name: 'Breach' }],
  ['Threat-Actor-Group', 'Threat-Actor-Group', { name: 'Gang' }],
  ['Threat-Actor-Individual', 'Threat-Actor-Individual', { name: 'Solo' }],
  ['Channel', 'Channel', { name: 'Telegram' }],
  ['Event', 'Event', { name: 'Elections' }],
  ['Narrative', 'Narrative', { name: 'Fake news' }],
  ['Language', 'Language', { name: 'French' }],
  ['Data-Source', 'Data-Source', { name: 'Process' }],
  ['Data-Component', 'Data-Component', { name: 'Process Creation' }],
  [
    'Malware-Analysis',
    'Malware-Analysis',
    { product: 'sandbox', result_name: 'r1', submitted: T0 },
  ],
  ['Case-Incident', 'Case-Incident', { name: 'Case 1' }],
  ['Case-Rfi', 'Case-Rfi', { name: 'RFI 1' }],
  ['Case-Rft', 'Case-Rft', { name: 'RFT 1' }],
  ['Grouping', 'Grouping', { name: 'G', context: 'suspicious-activity' }],
  ['Label', 'Label', { value: 'tlp-test' }],
  [
    'External-Reference',
    'External-Reference',
    { source_name: 'cve', external_id: 'CVE-2024-0001' },
  ],
  ['Kill-Chain-Phase', 'Kill-Chain-Phase', { kill_chain_name: 'lockheed', phase_name: 'recon' }],
  [
    'Marking-Definition',
    'Marking-Definition',
    { definition_type: 'statement', definition: 'Copyright ACME' },
  ],
];

const OBSERVABLES: [string, string, Record<string, unknown>][] = [
  ['IPv6-Addr', 'IPv6Addr', { value: '2001:db8::1' }],
  ['Domain-Name', 'DomainName', { value: 'Example.COM' }],
  ['Url', 'Url', { value: 'https://example.com/a' }],
  ['Email-Addr', 'EmailAddr', { value: 'a@example.com' }],
  ['Mac-Addr', 'MacAddr', { value: '00:11:22:33:44:55' }],
  ['Autonomous-System', 'AutonomousSystem', { number: 64500 }],
  ['Hostname', 'Hostname', { value: 'host1' }],
  ['User-Agent', 'UserAgent', { value: 'curl/8' }],
  ['Text', 'Text', { value: 'hello' }],
  ['Mutex', 'Mutex', { name: 'Global\\x' }],
  ['Software', 'Software', { name: 'nginx', version: '1.25' }],
  [
    'Artifact',
    'Artifact',
    { hashes: [{ algorithm: 'MD5', hash: 'd41d8cd98f00b204e9800998ecf8427e' }] },
  ],
  ['Cryptocurrency-Wallet', 'CryptocurrencyWallet', { value: 'bc1qxyz' }],
  ['Phone-Number', 'PhoneNumber', { value: '+33100000000' }],
  ['User-Account', 'UserAccount', { account_login: 'root' }],
  ['Windows-Registry-Key', 'WindowsRegistryKey', { attribute_key: 'HKLM\\Software\\X' }],
];

describe('KnowledgeCreateService: every creatable type (real SQLite store)', () => {
  let h: KnowledgeHarness;
  let sut: KnowledgeCreateService;
  beforeAll(async () => {
    h = await KnowledgeHarness.start();
    sut = h.get(KnowledgeCreateService);
  });
  afterAll(() => h.close());

  it.each(ENTITIES)('%s creates a %s, idempotently', async (entityType, expected, input) => {
    const first = await sut.create(h.system, entityType, input);
    expect(first.entityType).toBe(expected);
    const second = await sut.create(h.system, entityType, input);
    expect(second.internalId).toBe(first.internalId);
    expect(second.version).toBe(first.version);
  });

  it.each(OBSERVABLES)('stixCyberObservableAdd creates a %s', async (type, key, sub) => {
    const first = await sut.createObservable(h.system, { type, [key]: sub });
    expect(first.entityType).toBe(type);
    const second = await sut.createObservable(h.system, { type, [key]: sub });
    expect(second.internalId).toBe(first.internalId);
  });

  it('creates containers that hold objects: notes, opinions, observed data', async () => {
    const ip = await sut.createObservable(h.system, {
      type: 'IPv4-Addr',
      IPv4Addr: { value: '192.0.2.1' },
    });
    const note = await sut.create(h.system, 'Note', { content: 'seen', objects: [ip.internalId] });
    const opinion = await sut.create(h.system, 'Opinion', {
      opinion: 'agree',
      objects: [ip.internalId],
    });
    const observed = await sut.create(h.system, 'Observed-Data', {
      first_observed: T0,
      last_observed: T0,
      number_observed: 1,
      objects: [ip.internalId],
    });
    for (const container of [note, opinion, observed]) {
      expect(container.refs.object).toEqual([ip.internalId]);
    }
  });
});
