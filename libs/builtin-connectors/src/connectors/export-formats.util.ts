import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { StoredElement } from '@lib/entity-store';
import { isObservableType, toStix } from '@lib/stix';
import type { StixObject, TargetLookup } from '@lib/stix';

/** The mime types the built-in export connector makes. */
export const EXPORT_FORMATS = [
  'application/json',
  'text/plain',
  'text/csv',
  'application/pdf',
] as const;

// What STIX 2.1 embeds in the objects that reference it (`labels`, `external_references`,
// `kill_chain_phases`) rather than relating as objects of their own.
const EMBEDDED_TYPES = new Set(['Label', 'External-Reference', 'Kill-Chain-Phase']);

const META_TYPES = new Set(['Marking-Definition', ...EMBEDDED_TYPES]);

/**
 * A STIX 2.1 bundle of the elements, their references resolved by `lookup`. Labels, external
 * references and kill chain phases travel inside the objects that carry them, and are objects of
 * the bundle only when listed themselves (`roots`): an ATT&CK technique list took 3,166 of them.
 */
export function stixBundle(
  elements: readonly StoredElement[],
  lookup: TargetLookup,
  roots: readonly StoredElement[] = elements,
): { type: 'bundle'; id: string; objects: StixObject[] } {
  const listed = new Set(roots.map((e) => e.internalId));
  return {
    type: 'bundle',
    id: `bundle--${randomUUID()}`,
    objects: elements
      .filter((e) => !EMBEDDED_TYPES.has(e.entityType) || listed.has(e.internalId))
      .map((e) => toStix(e, lookup)),
  };
}

/** Observable values and indicator patterns, one per line, each once. */
export function iocLines(elements: readonly StoredElement[]): string {
  const lines = new Set<string>();
  for (const e of elements) {
    const value = e.attributes.observable_value ?? e.attributes.value;
    if (e.entityType === 'Indicator' && typeof e.attributes.pattern === 'string') {
      lines.add(e.attributes.pattern);
    } else if (typeof value === 'string' && isObservableType(e.entityType)) {
      lines.add(value);
    }
  }
  return [...lines].map((l) => `${l}\n`).join('');
}

/** The CSV columns, in order: what an analyst filters and pivots on in a spreadsheet. */
export const CSV_COLUMNS = [
  'id',
  'entity_type',
  'name',
  'description',
  'aliases',
  'value',
  'pattern',
  'created',
  'modified',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'confidence',
  'x_opencti_score',
  'labels',
  'markings',
  'created_by',
  'relationship_type',
  'source_ref',
  'target_ref',
] as const;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** How an export names an element: name, value, definition, pattern, or its standard id. */
export function label(
  target: Pick<StoredElement, 'attributes' | 'standardId'> | undefined,
  id: string,
) {
  const a = target?.attributes ?? {};
  return (
    str(a.name) ??
    str(a.observable_value) ??
    str(a.value) ??
    str(a.definition) ??
    str(a.pattern) ??
    target?.standardId ??
    id
  );
}

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
};

/**
 * One CSV row per element that is not a meta object (markings, labels, external references and
 * kill chain phases appear by name in their elements' rows), header first. `lookup` finds the
 * labels, markings, authors and relationship ends the rows name.
 */
export function csvRows(elements: readonly StoredElement[], lookup: TargetLookup): string {
  const refNames = (e: StoredElement, ref: string) =>
    (e.refs[ref] ?? []).map((id) => label(lookup(id), id)).join(', ');
  const rows = elements
    .filter((e) => !META_TYPES.has(e.entityType))
    .map((e) => {
      const a = e.attributes;
      const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
        id: e.standardId,
        entity_type: e.entityType,
        name: text(a.name),
        description: text(a.description ?? a.x_opencti_description),
        aliases: text(a.aliases ?? a.x_opencti_aliases),
        value: text(a.observable_value ?? a.value),
        pattern: text(a.pattern),
        created: text(a.created),
        modified: text(a.modified),
        valid_from: text(a.valid_from),
        valid_until: text(a.valid_until),
        first_seen: text(a.first_seen),
        last_seen: text(a.last_seen),
        confidence: text(a.confidence),
        x_opencti_score: text(a.x_opencti_score),
        labels: refNames(e, 'object-label'),
        markings: refNames(e, 'object-marking'),
        created_by: refNames(e, 'created-by'),
        relationship_type: text(e.fromId ? a.relationship_type : ''),
        source_ref: e.fromId ? (lookup(e.fromId)?.standardId ?? '') : '',
        target_ref: e.toId ? (lookup(e.toId)?.standardId ?? '') : '',
      };
      return CSV_COLUMNS.map((c) => cells[c]);
    });
  return stringify([[...CSV_COLUMNS], ...rows]);
}
