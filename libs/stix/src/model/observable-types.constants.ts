/** Row of the Stix-Cyber-Observable table (data-model.md §1.4). */
export type ObservableTypeRow = {
  readonly entityType: string;
  readonly stixType: string;
  /** Key of the typed sub-input of `stixCyberObservableAdd` (e.g. `IPv4Addr`). */
  readonly inputKey: string;
  /** Hashed observables (Artifact, StixFile, X509-Certificate) sit under Hashed-Observable. */
  readonly hashed: boolean;
};

function row(entityType: string, stixType: string, hashed = false): ObservableTypeRow {
  // §1.4: the creation key is the entity type with its hyphens removed (segments are already
  // capitalised in every observable name).
  return { entityType, stixType, inputKey: entityType.replaceAll('-', ''), hashed };
}

// data-model.md §1.4, in the order of the spec's table.
export const OBSERVABLE_TYPE_ROWS: readonly ObservableTypeRow[] = [
  row('Autonomous-System', 'autonomous-system'),
  row('Directory', 'directory'),
  row('Domain-Name', 'domain-name'),
  row('Email-Addr', 'email-addr'),
  row('Email-Message', 'email-message'),
  row('Email-Mime-Part-Type', 'email-mime-part-type'),
  row('Artifact', 'artifact', true),
  row('StixFile', 'file', true),
  row('X509-Certificate', 'x509-certificate', true),
  row('IPv4-Addr', 'ipv4-addr'),
  row('IPv6-Addr', 'ipv6-addr'),
  row('Mac-Addr', 'mac-addr'),
  row('Mutex', 'mutex'),
  row('Network-Traffic', 'network-traffic'),
  row('Process', 'process'),
  row('Software', 'software'),
  row('Url', 'url'),
  row('User-Account', 'user-account'),
  row('Windows-Registry-Key', 'windows-registry-key'),
  row('Windows-Registry-Value-Type', 'windows-registry-value-type'),
  row('Cryptographic-Key', 'cryptographic-key'),
  row('Cryptocurrency-Wallet', 'cryptocurrency-wallet'),
  row('Hostname', 'hostname'),
  row('Text', 'text'),
  row('User-Agent', 'user-agent'),
  row('Bank-Account', 'bank-account'),
  row('Credential', 'credential'),
  row('Phone-Number', 'phone-number'),
  row('Tracking-Number', 'tracking-number'),
  row('Payment-Card', 'payment-card'),
  row('Media-Content', 'media-content'),
  row('Persona', 'persona'),
  row('SSH-Key', 'ssh-key'),
];
