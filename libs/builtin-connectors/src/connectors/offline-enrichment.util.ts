import { randomUUID } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';
import { OCTI_SCO_EXTENSION_ID, generateStandardId } from '@lib/stix';

/** A STIX object as the connectors send it. */
export type StixObject = Record<string, unknown> & { id: string; type: string };

/** The STIX entity an enrichment job carries (a JSON string, as OpenCTI sends it), if any. */
export function stixEntityOf(event: Record<string, unknown>): StixObject | undefined {
  const raw = event.stix_entity;
  const stix = (typeof raw === 'string' ? JSON.parse(raw) : raw) as StixObject | undefined;
  return stix && typeof stix.id === 'string' ? stix : undefined;
}

/** What the offline enricher learned of an observable: labels, a note, related objects. */
export type OfflineEnrichment = {
  labels: string[];
  description?: string;
  /** 0-100, replacing the observable's score. */
  score?: number;
  externalReferences?: { source_name: string; url: string }[];
  related: StixObject[];
};

// Hex digests by length: a hash whose algorithm is not named is recognised by its length.
const HASH_LENGTHS: Readonly<Record<number, string>> = {
  32: 'MD5',
  40: 'SHA-1',
  64: 'SHA-256',
  128: 'SHA-512',
};

/** The algorithm of a hex digest, by its length (MD5, SHA-1, SHA-256, SHA-512); else undefined. */
export function hashAlgorithmOf(digest: string): string | undefined {
  return /^[0-9a-f]+$/i.test(digest) ? HASH_LENGTHS[digest.length] : undefined;
}

/**
 * What can be known of an observable without leaving the machine: the IP range an address falls
 * in (ipaddr.js), the registrable domain and public suffix of a host name (tldts, Public Suffix
 * List), the algorithms of a file's hashes. Undefined when the type is not one it enriches or the
 * value cannot be read.
 */
export function enrichOffline(stix: StixObject): OfflineEnrichment | undefined {
  const value = typeof stix.value === 'string' ? stix.value : '';
  switch (stix.type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
      return enrichAddress(value);
    case 'domain-name':
    case 'hostname':
    case 'url':
      return enrichHost(stix, value);
    case 'file':
      return enrichHashes(stix.hashes);
    default:
      return undefined;
  }
}

function enrichAddress(value: string): OfflineEnrichment | undefined {
  const [address, prefix] = value.split('/');
  if (!address || !ipaddr.isValid(address)) return undefined;
  let parsed = ipaddr.parse(address);
  const labels = [`ip-range:${parsed.range()}`];
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    labels.push(`ip-range:${parsed.range()}`);
  }
  labels.push(parsed.range() === 'unicast' ? 'ip-scope:public' : 'ip-scope:non-public');
  const description = `${parsed.kind() === 'ipv4' ? 'IPv4' : 'IPv6'} ${prefix ? 'network' : 'address'} in the ${parsed.range()} range`;
  return { labels: [...new Set(labels)], description, related: [] };
}

function enrichHost(stix: StixObject, value: string): OfflineEnrichment | undefined {
  const parsed = parseDomain(value);
  if (!parsed.hostname || parsed.isIp) return undefined;
  const labels: string[] = [];
  if (parsed.publicSuffix) labels.push(`public-suffix:${parsed.publicSuffix}`);
  if (parsed.isIcann === false) labels.push('public-suffix:private');
  const related: StixObject[] = [];
  const registrable = parsed.domain;
  if (registrable && registrable !== value.toLowerCase()) {
    const domainId = generateStandardId('Domain-Name', { value: registrable });
    related.push({ type: 'domain-name', spec_version: '2.1', id: domainId, value: registrable });
    related.push({
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${randomUUID()}`,
      relationship_type: 'related-to',
      source_ref: stix.id,
      target_ref: domainId,
      description: `${value} is under the registrable domain ${registrable}`,
    });
  }
  const description = registrable
    ? `Registrable domain ${registrable}${parsed.publicSuffix ? `, public suffix ${parsed.publicSuffix}` : ''}`
    : `No registrable domain (public suffix ${parsed.publicSuffix ?? 'unknown'})`;
  return { labels, description, related };
}

function enrichHashes(hashes: unknown): OfflineEnrichment | undefined {
  if (typeof hashes !== 'object' || hashes === null) return undefined;
  const labels: string[] = [];
  for (const [named, digest] of Object.entries(hashes as Record<string, unknown>)) {
    if (typeof digest !== 'string') continue;
    const algorithm = hashAlgorithmOf(digest);
    if (!algorithm) {
      labels.push(`hash-invalid:${named}`);
    } else {
      labels.push(`hash:${algorithm.toLowerCase()}`);
      const plain = (name: string) => name.toUpperCase().replace(/-/g, '');
      if (plain(algorithm) !== plain(named)) labels.push(`hash-mislabelled:${named}`);
    }
  }
  return labels.length > 0 ? { labels: [...new Set(labels)], related: [] } : undefined;
}

/** The observable again, carrying what the enrichment found (OpenCTI's SCO extension). */
export function enrichedObservable(stix: StixObject, enrichment: OfflineEnrichment): StixObject {
  const extensions = (stix.extensions ?? {}) as Record<string, Record<string, unknown>>;
  const own = extensions[OCTI_SCO_EXTENSION_ID] ?? {};
  const labels = Array.isArray(own.labels) ? (own.labels as string[]) : [];
  return {
    ...stix,
    extensions: {
      ...extensions,
      [OCTI_SCO_EXTENSION_ID]: {
        ...own,
        extension_type: 'property-extension',
        labels: [...new Set([...labels, ...enrichment.labels])],
        ...(enrichment.description && !own.description
          ? { description: enrichment.description }
          : {}),
        ...(enrichment.score !== undefined ? { score: enrichment.score } : {}),
        ...(enrichment.externalReferences
          ? {
              external_references: [
                ...(Array.isArray(own.external_references)
                  ? (own.external_references as unknown[])
                  : []),
                ...enrichment.externalReferences,
              ],
            }
          : {}),
      },
    },
  };
}
