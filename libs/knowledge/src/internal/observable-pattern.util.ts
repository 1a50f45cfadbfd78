import { stixTypeOf } from '@lib/stix';

// Observable types whose STIX pattern is their `value` (data-model.md §1.4, value observables).
const VALUE_TYPES = new Set([
  'Domain-Name',
  'Email-Addr',
  'IPv4-Addr',
  'IPv6-Addr',
  'Mac-Addr',
  'Url',
  'Hostname',
  'Cryptocurrency-Wallet',
  'User-Agent',
  'Text',
  'Phone-Number',
  'Credential',
  'Tracking-Number',
  'Cryptographic-Key',
]);
const HASH_ORDER = ['SHA-256', 'SHA-1', 'MD5', 'SHA-512'];

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The STIX pattern `createIndicator` derives from an observable: `[type:value = '…']`, or for
 * hashed observables the strongest hash (`[file:hashes.'SHA-256' = '…']`); undefined otherwise.
 */
export function observablePattern(
  entityType: string,
  attributes: Readonly<Record<string, unknown>>,
): string | undefined {
  const type = stixTypeOf(entityType);
  if (VALUE_TYPES.has(entityType) && typeof attributes.value === 'string') {
    return `[${type}:value = ${quote(attributes.value)}]`;
  }
  const hashes = attributes.hashes;
  if (typeof hashes === 'object' && hashes !== null) {
    const record = hashes as Record<string, unknown>;
    const algorithm = HASH_ORDER.find((a) => typeof record[a] === 'string');
    if (algorithm) {
      return `[${type}:hashes.${quote(algorithm)} = ${quote(String(record[algorithm]))}]`;
    }
  }
  return undefined;
}
