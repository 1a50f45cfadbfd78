// Type families of the STIX types the parser knows (STIX 2.1 plus OpenCTI's own, data-model.md
// §1.3-§1.5). Any other type is custom and gets the common-property validation only.
export type StixFamily = 'sdo' | 'sro' | 'sco' | 'meta';

export const SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
  'case-incident',
  'case-rfi',
  'case-rft',
  'feedback',
  'task',
  'channel',
  'event',
  'narrative',
  'language',
  'data-component',
  'data-source',
  'security-coverage',
] as const;

export const SRO_TYPES = ['relationship', 'sighting'] as const;

export const META_TYPES = [
  'marking-definition',
  'language-content',
  'extension-definition',
] as const;

// Observables whose identity is their `value` (data-model.md §3.4).
export const VALUE_OBSERVABLE_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
  'hostname',
  'text',
  'user-agent',
  'cryptographic-key',
  'cryptocurrency-wallet',
  'phone-number',
  'credential',
  'tracking-number',
] as const;

export const OTHER_OBSERVABLE_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'email-message',
  'file',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
  'bank-account',
  'payment-card',
  'media-content',
  'persona',
  'ssh-key',
  'email-mime-part-type',
  'windows-registry-value-type',
] as const;

// SDOs the platform identifies by `name` (data-model.md §3.3), so it must be present.
export const NAMED_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'identity',
  'intrusion-set',
  'tool',
  'vulnerability',
  'infrastructure',
  'threat-actor',
  'report',
  'grouping',
  'incident',
  'case-incident',
  'case-rfi',
  'case-rft',
  'feedback',
  'task',
  'channel',
  'event',
  'narrative',
  'language',
  'data-component',
  'data-source',
  'security-coverage',
] as const;
