import type { IdContribution } from './id-contribution.types';
import { alternatives, part, props } from './id-contributions.util';

const VALUE = props('value');

// data-model.md §3.4: contributing properties of Stix-Cyber-Observables. Refs (from_ref, src_ref,
// dst_ref) are the referenced objects' standard ids, resolved by the caller.
export const OBSERVABLE_ID_CONTRIBUTIONS: Readonly<Record<string, IdContribution>> = {
  'Autonomous-System': props('number'),
  Directory: props('path'),
  'Domain-Name': VALUE,
  'Email-Addr': VALUE,
  'IPv4-Addr': VALUE,
  'IPv6-Addr': VALUE,
  'Mac-Addr': VALUE,
  Url: VALUE,
  Hostname: VALUE,
  Text: VALUE,
  'User-Agent': VALUE,
  'Cryptographic-Key': VALUE,
  'Cryptocurrency-Wallet': VALUE,
  'Phone-Number': VALUE,
  Credential: VALUE,
  'Tracking-Number': VALUE,
  'Email-Message': props('from_ref', 'subject', 'body'),
  Artifact: alternatives(['hashes'], ['url']),
  // A hash always wins over the name (unlike STIX 2.1, which hashes both together).
  StixFile: alternatives(['hashes'], ['name']),
  'X509-Certificate': alternatives(['hashes'], ['serial_number'], ['subject']),
  Mutex: props('name'),
  'Network-Traffic': props(
    'start',
    'end',
    'src_ref',
    'dst_ref',
    'src_port',
    'dst_port',
    'protocols',
  ),
  Process: props(part('pid', 'command_line'), 'command_line'),
  Software: props('name', 'cpe', 'swid', 'vendor', 'version'),
  'User-Account': props('account_type', 'user_id', 'account_login'),
  // The key is hashed under its attribute name `attribute_key`, a platform quirk (§3.4).
  'Windows-Registry-Key': props('attribute_key', 'values'),
  'Bank-Account': props('iban'),
  'Payment-Card': props('card_number'),
  'Media-Content': props('url'),
  'SSH-Key': props('fingerprint_sha256'),
  Persona: props('persona_name', 'persona_type'),
  'Email-Mime-Part-Type': { kind: 'whole' },
  'Windows-Registry-Value-Type': { kind: 'whole' },
};
