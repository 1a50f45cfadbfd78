// STIX 2.1 §2.9: namespace of deterministic SCO ids (UUIDv5 of the canonical id-contributing JSON).
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

// OpenCTI extension definitions (data-model.md §5.1): the platform puts its own fields there, so
// the corpus does the same instead of loose top-level custom properties.
export const EXT_OCTI = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
export const EXT_OCTI_SCO = 'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82';

// Predefined STIX 2.1 TLP marking ids; importers know them, so the objects are not in the corpus.
export const TLP_WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
export const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

/** Weighted TLP choice: mostly GREEN/AMBER, as in real sharing communities. */
export const TLP_WEIGHTS: readonly (readonly [string, number])[] = [
  [TLP_WHITE, 0.2],
  [TLP_GREEN, 0.45],
  [TLP_AMBER, 0.3],
  [TLP_RED, 0.05],
];

export const DEFAULT_SEED = 20240101;
export const DEFAULT_BUNDLE_SIZE = 5000;

// Timestamps: base date plus a strictly increasing offset per generated object.
export const BASE_TIME_MS = Date.UTC(2024, 0, 1);
export const TICK_MS = 30_000;
export const DAY_MS = 86_400_000;

export const AUTHOR_NAMES: readonly string[] = [
  'Threatloom Synthetic Feed',
  'Northgate CERT',
  'Bluewater Threat Research',
  'Ironclad Security Labs',
  'Open Sentinel Collective',
];

export const LABELS: readonly string[] = [
  'malicious',
  'c2',
  'phishing',
  'ransomware',
  'botnet',
  'apt',
  'espionage',
  'financially-motivated',
  'scanner',
  'tor-exit',
  'spam',
  'exploit-kit',
  'credential-theft',
  'loader',
  'infostealer',
  'watchlist',
];

// Open vocabularies of STIX 2.1 §10 (values the OASIS validator accepts without warning).
export const INDICATOR_TYPES: readonly string[] = [
  'malicious-activity',
  'malicious-activity',
  'anomalous-activity',
  'compromised',
  'attribution',
  'anonymization',
];
export const REPORT_TYPES: readonly string[] = [
  'threat-report',
  'malware',
  'intrusion-set',
  'campaign',
  'indicator',
  'vulnerability',
  'attack-pattern',
  'threat-actor',
];
export const MALWARE_TYPES: readonly string[] = [
  'backdoor',
  'bot',
  'downloader',
  'dropper',
  'keylogger',
  'ransomware',
  'remote-access-trojan',
  'rootkit',
  'spyware',
  'trojan',
  'webshell',
  'wiper',
  'worm',
];
export const MALWARE_CAPABILITIES: readonly string[] = [
  'communicates-with-c2',
  'exfiltrates-data',
  'steals-authentication-credentials',
  'persists-after-system-reboot',
  'evades-av',
  'escalates-privileges',
  'captures-input-peripherals',
  'installs-other-components',
  'anti-sandbox',
  'probes-network-environment',
];
export const IMPLEMENTATION_LANGUAGES: readonly string[] = [
  'c',
  'c++',
  'c#',
  'go',
  'python',
  'powershell',
  'javascript',
  'visual-basic',
];
export const ARCHITECTURES: readonly string[] = ['x86', 'x86-64', 'arm'];
export const THREAT_ACTOR_TYPES: readonly string[] = [
  'nation-state',
  'crime-syndicate',
  'criminal',
  'hacker',
  'activist',
  'spy',
];
export const THREAT_ACTOR_ROLES: readonly string[] = [
  'agent',
  'director',
  'malware-author',
  'sponsor',
  'infrastructure-operator',
];
export const SOPHISTICATION: readonly string[] = [
  'minimal',
  'intermediate',
  'advanced',
  'expert',
  'innovator',
  'strategic',
];
// 'individual' is left out: OpenCTI would read such a threat-actor as Threat-Actor-Individual.
export const RESOURCE_LEVELS: readonly string[] = ['club', 'team', 'organization', 'government'];
export const MOTIVATIONS: readonly string[] = [
  'organizational-gain',
  'personal-gain',
  'ideology',
  'dominance',
  'notoriety',
  'revenge',
];
export const TOOL_TYPES: readonly string[] = [
  'remote-access',
  'credential-exploitation',
  'information-gathering',
  'exploitation',
  'network-capture',
  'vulnerability-scanning',
];
export const INDUSTRY_SECTORS: readonly string[] = [
  'agriculture',
  'aerospace',
  'automotive',
  'chemical',
  'commercial',
  'communications',
  'construction',
  'defense',
  'education',
  'energy',
  'entertainment',
  'financial-services',
  'government',
  'emergency-services',
  'government-local',
  'government-national',
  'government-public-services',
  'government-regional',
  'healthcare',
  'hospitality-leisure',
  'infrastructure',
  'dams',
  'nuclear',
  'water',
  'insurance',
  'manufacturing',
  'mining',
  'non-profit',
  'pharmaceuticals',
  'retail',
  'technology',
  'telecommunications',
  'transportation',
  'utilities',
];
export const KILL_CHAIN_PHASES: readonly string[] = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
];
