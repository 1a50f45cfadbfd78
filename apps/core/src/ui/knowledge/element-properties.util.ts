import type { StoredElement } from '@lib/entity-store';
import type { Property } from '../pages/entity.page';

// Attributes the overview shows elsewhere (or that are internal), not in its property list.
const SHOWN_ELSEWHERE = new Set([
  'name',
  'description',
  'created',
  'modified',
  'confidence',
  'revoked',
  'lang',
  'spec_version',
  'restricted_members',
  'observable_value',
  'creator_id',
]);
const MAX_VALUE = 2000;

function humanize(key: string): string {
  const text = key.replace(/^x_(opencti|mitre)_/, '').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function display(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value.slice(0, MAX_VALUE);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return value.join(', ').slice(0, MAX_VALUE);
  }
  return undefined;
}

/** The element's other readable attributes (scalars and lists of text), sorted by label. */
export function propertiesOf(element: StoredElement): Property[] {
  const properties: Property[] = [];
  for (const [key, value] of Object.entries(element.attributes)) {
    if (SHOWN_ELSEWHERE.has(key) || key.startsWith('i_')) continue;
    const text = display(value);
    if (text !== undefined) properties.push({ label: humanize(key), value: text });
  }
  return properties.sort((a, b) => a.label.localeCompare(b.label));
}

export type ExternalReferenceView = { name: string; url?: string | undefined };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The element's external references in its own order (those `found` may be read; the others are
 * left out), each named by its source and, when it has one, its id there: `mitre-attack (G0016)`
 * says which ATT&CK object it is, `mitre-attack` alone does not.
 */
export function externalReferencesOf(
  element: StoredElement,
  found: ReadonlyMap<string, StoredElement>,
): ExternalReferenceView[] {
  return (element.refs['external-reference'] ?? []).flatMap((id) => {
    const ref = found.get(id);
    if (!ref) return [];
    const source = text(ref.attributes.source_name) ?? text(ref.attributes.url) ?? ref.standardId;
    const externalId = text(ref.attributes.external_id);
    return [
      {
        name: externalId && externalId !== source ? `${source} (${externalId})` : source,
        url: text(ref.attributes.url),
      },
    ];
  });
}
