import type { CompatCase } from './compat-case.types';
import { differs, none } from './expectations.util';

// Connectors build observables with the stix2 library, which follows the STIX 2.1 contributing
// properties; the platform's differ in the places below (data-model.md §3.4, §7 item 1).
const R_FILE = 'stix2 hashes the name with the hash; the platform ignores the name then';
const R_X509 = 'stix2 hashes serial_number with the hash; the platform takes the hash alone';
const R_X509_SUBJECT = 'stix2 has no id contribution from subject (random id)';
const R_ARTIFACT_URL = 'stix2 refuses an Artifact with a url and no hashes';
const R_REGISTRY = 'the platform hashes the key under attribute_key (quirk); stix2 under key';
const R_DATE = 'stix2 writes whole-second timestamps without milliseconds';
const R_PROCESS = 'stix2 gives Process a random id; the platform hashes pid and command_line';
const R_EMBEDDED = 'stix2 models this type as an embedded sub-object without an id';
const R_SSH = 'pycti identifies SSH keys by value; the platform by fingerprint_sha256';
const R_CASE = 'the platform lower-cases Domain-Name / Email-Addr values before hashing (§1.4)';
const R_TLSH =
  'stix2 falls back to any hash; the platform only to its priority list, then the name';
const R_PAYLOAD = 'stix2 hashes payload_bin with the hash; the platform takes the hash alone';
const R_HASH_CASE = 'the platform lower-cases hash values before hashing (§1.4)';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TLSH = 'a1'.repeat(35);
const FROM = 'email-addr--9a3b7a57-5a54-5b4b-9b8e-0f3d8a5c2e11';
const SRC = 'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4';

function c(
  name: string,
  entityType: string,
  data: Record<string, unknown>,
  expect?: CompatCase['expect'],
): CompatCase {
  return expect ? { name, entityType, data, expect } : { name, entityType, data };
}

const VALUE_TYPES: readonly [string, string[]][] = [
  ['IPv4-Addr', ['1.2.3.4', '10.0.0.0/8', '198.51.100.7']],
  ['IPv6-Addr', ['2001:db8::1', 'fe80::1']],
  ['Domain-Name', ['example.com', 'xn--bcher-kva.example']],
  ['Email-Addr', ['jdoe@example.com']],
  ['Mac-Addr', ['00:1a:2b:3c:4d:5e']],
  ['Url', ['http://evil.example.com/a?b=c', 'https://EXAMPLE.com/Path']],
  ['Hostname', ['host-01.corp.local']],
  ['Text', ['some text value']],
  ['User-Agent', ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)']],
  ['Cryptographic-Key', ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']],
  ['Cryptocurrency-Wallet', ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']],
  ['Phone-Number', ['+33 1 23 45 67 89']],
  ['Credential', ['hunter2']],
  ['Tracking-Number', ['1Z999AA10123456784']],
];

const valueCases = VALUE_TYPES.flatMap(([entityType, values]) =>
  values.map((value) => c(`${entityType} ${value}`, entityType, { value })),
);

const otherCases = [
  c(
    'Domain-Name mixed case',
    'Domain-Name',
    { value: 'Example.COM' },
    differs(R_CASE, 'domain-name', { value: 'Example.COM' }),
  ),
  c(
    'Email-Addr mixed case',
    'Email-Addr',
    { value: 'John.Doe@Example.com' },
    differs(R_CASE, 'email-addr', { value: 'John.Doe@Example.com' }),
  ),
  c('Autonomous-System', 'Autonomous-System', { number: 64500, name: 'EXAMPLE-AS' }),
  c('Directory', 'Directory', { path: 'C:\\Windows\\System32' }),
  c('Mutex', 'Mutex', { name: 'Global\\MsWinZonesCacheCounterMutexA' }),
  c('StixFile MD5', 'StixFile', { hashes: { MD5 } }),
  c('StixFile SHA-256', 'StixFile', { hashes: { 'SHA-256': SHA256 } }),
  c('StixFile MD5 + SHA-1 + SHA-256', 'StixFile', {
    hashes: { 'SHA-256': SHA256, 'SHA-1': SHA1, MD5 },
  }),
  c('StixFile SHA3-256 only', 'StixFile', { hashes: { 'SHA3-256': SHA256 } }),
  c('StixFile by name', 'StixFile', { name: 'invoice.pdf.exe' }),
  c(
    'StixFile name + MD5',
    'StixFile',
    { name: 'a.exe', hashes: { MD5 } },
    differs(R_FILE, 'file', { hashes: { MD5 }, name: 'a.exe' }),
  ),
  c(
    'StixFile upper-case hash',
    'StixFile',
    { hashes: { MD5: MD5.toUpperCase() } },
    differs(R_HASH_CASE, 'file', { hashes: { MD5: MD5.toUpperCase() } }),
  ),
  c(
    'StixFile TLSH + name',
    'StixFile',
    { name: 'b.exe', hashes: { TLSH: TLSH.toUpperCase() } },
    differs(R_TLSH, 'file', { hashes: { TLSH: TLSH.toUpperCase() }, name: 'b.exe' }),
  ),
  c('Artifact SHA-256 with url', 'Artifact', {
    url: 'https://x.example/c.zip',
    hashes: { 'SHA-256': SHA256 },
    mime_type: 'application/zip',
  }),
  c(
    'Artifact payload + SHA-256',
    'Artifact',
    { payload_bin: 'aGVsbG8=', hashes: { 'SHA-256': SHA256 } },
    differs(R_PAYLOAD, 'artifact', { hashes: { 'SHA-256': SHA256 }, payload_bin: 'aGVsbG8=' }),
  ),
  c('Artifact url + hash', 'Artifact', { url: 'https://x.example/a.bin', hashes: { MD5 } }),
  c('Artifact url only', 'Artifact', { url: 'https://x.example/b.bin' }, none(R_ARTIFACT_URL)),
  c('X509 by hash', 'X509-Certificate', { hashes: { 'SHA-1': SHA1 } }),
  c('X509 by serial', 'X509-Certificate', {
    serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06',
  }),
  c(
    'X509 hash + serial',
    'X509-Certificate',
    { hashes: { 'SHA-1': SHA1 }, serial_number: '01' },
    differs(R_X509, 'x509-certificate', { hashes: { 'SHA-1': SHA1 }, serial_number: '01' }),
  ),
  c('X509 by subject', 'X509-Certificate', { subject: 'CN=example.com' }, none(R_X509_SUBJECT)),
  c('Email-Message', 'Email-Message', { from_ref: FROM, subject: 'Invoice', body: 'Please pay' }),
  c('Email-Message subject only', 'Email-Message', { subject: 'Hello' }),
  c('Network-Traffic', 'Network-Traffic', {
    src_ref: SRC,
    dst_port: 443,
    protocols: ['ipv4', 'tcp'],
  }),
  c('Network-Traffic with ms start', 'Network-Traffic', {
    src_ref: SRC,
    src_port: 51000,
    protocols: ['tcp'],
    start: '2024-01-01T00:00:00.123Z',
  }),
  c(
    'Network-Traffic whole-second start',
    'Network-Traffic',
    { src_ref: SRC, protocols: ['tcp'], start: '2024-01-01T00:00:00.000Z' },
    differs(R_DATE, 'network-traffic', {
      src_ref: SRC,
      protocols: ['tcp'],
      start: '2024-01-01T00:00:00Z',
    }),
  ),
  c('Process', 'Process', { pid: 1337, command_line: 'powershell -enc AAAA' }, none(R_PROCESS)),
  c('Software', 'Software', {
    name: 'Word',
    vendor: 'Microsoft',
    version: '2016',
    cpe: 'cpe:2.3:a:microsoft:word:2016:*:*:*:*:*:*:*',
  }),
  c('Software by name', 'Software', { name: 'OpenSSL' }),
  c('User-Account', 'User-Account', {
    account_login: 'jdoe',
    account_type: 'windows-local',
    user_id: '1001',
  }),
  c('User-Account login only', 'User-Account', { account_login: 'root' }),
  c(
    'Windows-Registry-Key',
    'Windows-Registry-Key',
    { attribute_key: 'HKEY_LOCAL_MACHINE\\Software\\Run' },
    differs(R_REGISTRY, 'windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\Software\\Run' }),
  ),
  c(
    'Windows-Registry-Value-Type',
    'Windows-Registry-Value-Type',
    { name: 'Run', data: 'evil.exe', data_type: 'REG_SZ' },
    none(R_EMBEDDED),
  ),
  c(
    'Email-Mime-Part-Type',
    'Email-Mime-Part-Type',
    { body: 'Hi', content_type: 'text/plain' },
    none(R_EMBEDDED),
  ),
  c('Bank-Account', 'Bank-Account', { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' }),
  c('Payment-Card', 'Payment-Card', { card_number: '4111111111111111', holder_name: 'J DOE' }),
  c('Media-Content', 'Media-Content', { url: 'https://news.example/article', title: 'Article' }),
  c('Persona', 'Persona', { persona_name: 'darkfox', persona_type: 'twitter' }),
  c(
    'SSH-Key',
    'SSH-Key',
    { fingerprint_sha256: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' },
    differs(R_SSH, 'ssh-key', { value: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' }),
  ),
];

/** Observables of every type; ids are compared after the platform's API normalisation. */
export const OBSERVABLE_CASES: readonly CompatCase[] = [...valueCases, ...otherCases];
