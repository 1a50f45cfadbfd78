// STIX 2.1 open vocabularies (§10) checked by the parser, plus the values OpenCTI adds. A value
// outside its vocabulary is only a warning: open vocabularies allow other values.
const vocabulary = (...values: string[]): ReadonlySet<string> => new Set(values);

const MALWARE_TYPES = vocabulary(
  'adware',
  'backdoor',
  'bot',
  'bootkit',
  'ddos',
  'downloader',
  'dropper',
  'exploit-kit',
  'keylogger',
  'ransomware',
  'remote-access-trojan',
  'resource-exploitation',
  'rogue-security-software',
  'rootkit',
  'screen-capture',
  'spyware',
  'trojan',
  'unknown',
  'virus',
  'webshell',
  'wiper',
  'worm',
);
const TOOL_TYPES = vocabulary(
  'denial-of-service',
  'exploitation',
  'information-gathering',
  'network-capture',
  'credential-exploitation',
  'remote-access',
  'vulnerability-scanning',
  'unknown',
);
const INDICATOR_TYPES = vocabulary(
  'anomalous-activity',
  'anonymization',
  'benign',
  'compromised',
  'malicious-activity',
  'attribution',
  'unknown',
);
const THREAT_ACTOR_TYPES = vocabulary(
  'activist',
  'competitor',
  'crime-syndicate',
  'criminal',
  'hacker',
  'insider-accidental',
  'insider-disgruntled',
  'nation-state',
  'sensationalist',
  'spy',
  'terrorist',
  'unknown',
);
const REPORT_TYPES = vocabulary(
  'attack-pattern',
  'campaign',
  'identity',
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'threat-actor',
  'threat-report',
  'tool',
  'vulnerability',
);
const INFRASTRUCTURE_TYPES = vocabulary(
  'amplification',
  'anonymization',
  'botnet',
  'command-and-control',
  'exfiltration',
  'hosting-malware',
  'hosting-target-lists',
  'phishing',
  'reconnaissance',
  'staging',
  'unknown',
);
// `securityplatform` is OpenCTI's (data-model.md §3.3).
const IDENTITY_CLASSES = vocabulary(
  'individual',
  'group',
  'system',
  'organization',
  'class',
  'unknown',
  'securityplatform',
);
const GROUPING_CONTEXTS = vocabulary('suspicious-activity', 'malware-analysis', 'unspecified');
const OPINIONS = vocabulary('strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree');
// The last four are pattern types pycti and OpenCTI connectors use.
const PATTERN_TYPES = vocabulary(
  'stix',
  'pcre',
  'sigma',
  'snort',
  'suricata',
  'yara',
  'tanium-signal',
  'spl',
  'eql',
  'shodan',
);

export type VocabularyBinding = { readonly property: string; readonly values: ReadonlySet<string> };

/** Vocabulary-bound properties per STIX type. */
export const VOCABULARY_BINDINGS: Readonly<Record<string, readonly VocabularyBinding[]>> = {
  malware: [{ property: 'malware_types', values: MALWARE_TYPES }],
  tool: [{ property: 'tool_types', values: TOOL_TYPES }],
  indicator: [
    { property: 'indicator_types', values: INDICATOR_TYPES },
    { property: 'pattern_type', values: PATTERN_TYPES },
  ],
  'threat-actor': [{ property: 'threat_actor_types', values: THREAT_ACTOR_TYPES }],
  report: [{ property: 'report_types', values: REPORT_TYPES }],
  infrastructure: [{ property: 'infrastructure_types', values: INFRASTRUCTURE_TYPES }],
  identity: [{ property: 'identity_class', values: IDENTITY_CLASSES }],
  grouping: [{ property: 'context', values: GROUPING_CONTEXTS }],
  opinion: [{ property: 'opinion', values: OPINIONS }],
};
