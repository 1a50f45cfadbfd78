import { isCustomType } from '@lib/stix';
import type { ElementHead, StoredElement } from '../../element.types';
import { elementKeys, indexedRefs, searchableText } from '../sqlite-element-program';
import { DATE_ATTRIBUTES, NUMBER_ATTRIBUTES, SORT_ATTRIBUTES } from './opensearch-element.mappings';

/** The indexed form of an element (see opensearch-element.mappings.ts for the fields). */
export type ElementDocument = {
  internal_id: string;
  standard_id: string;
  entity_type: string;
  base_type: 'ENTITY' | 'RELATION';
  is_custom: boolean;
  stix_ids: string[];
  alias_ids: string[];
  lookup_keys: string[];
  keys: string[];
  from_id?: string;
  from_type?: string;
  to_id?: string;
  to_type?: string;
  /** Relationships: `type|from|to`, the de-duplication probe as one term. */
  rel_key?: string;
  created_at: string;
  updated_at: string;
  version: number;
  seq: number;
  attributes: Record<string, unknown>;
  refs: Record<string, string[]>;
  ref_pairs: string[];
  ref_rels: string[];
  markings: string[];
  markings_count: number;
  kv: string[];
  attr_keys: string[];
  text: string;
  num: Record<string, number>;
  date: Record<string, string>;
  sort: Record<string, string>;
};

const MAX_KV_LENGTH = 2048;

function scalarStrings(value: unknown): string[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items
    .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
    .map((item) => String(item));
}

// Numbers and dates are filtered on their typed copies (`num`, `date`), never as `key=value`: as
// pairs they were mostly unique terms (timestamps) that cost the engine for nothing.
const TYPED = new Set<string>([...NUMBER_ATTRIBUTES, ...DATE_ATTRIBUTES]);

/** `key=value` for every scalar (or list of scalars) attribute, for exact and prefix filters. */
function keyValues(attributes: Record<string, unknown>): string[] {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (TYPED.has(key)) continue;
    for (const item of scalarStrings(value)) {
      const pair = `${key}=${item}`;
      if (pair.length <= MAX_KV_LENGTH) {
        pairs.push(pair);
      }
    }
  }
  return pairs;
}

function typedCopies(
  attributes: Record<string, unknown>,
): Pick<ElementDocument, 'num' | 'date' | 'sort'> {
  const num: Record<string, number> = {};
  const date: Record<string, string> = {};
  const sort: Record<string, string> = {};
  for (const name of NUMBER_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'number' && Number.isFinite(value)) {
      num[name] = value;
    }
  }
  for (const name of DATE_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'string' && value.length > 0) {
      date[name] = value;
    }
  }
  // An element without the attribute has no sort key: sorting puts it where an empty one goes
  // (see the search index's sort), and most elements lack most of these.
  for (const name of SORT_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'string') {
      sort[name] = value.slice(0, 1024);
    }
  }
  return { num, date, sort };
}

/** The attributes filters and sorting reach: all, or those the writer named (ElementWrite). */
function filterableAttributes(
  attributes: Record<string, unknown>,
  indexed: readonly string[] | undefined,
): Record<string, unknown> {
  if (indexed === undefined) return attributes;
  const kept: Record<string, unknown> = {};
  for (const name of indexed) {
    if (name in attributes) kept[name] = attributes[name];
  }
  return kept;
}

/**
 * The document of an element; `seq` orders elements by first insertion. `filterableNames`: the only
 * attributes projected for filters and sorting (all by default); `attributes` keeps them all.
 */
export function toElementDocument(
  element: StoredElement,
  seq: number,
  filterableNames?: readonly string[],
): ElementDocument {
  const filterable = filterableAttributes(element.attributes, filterableNames);
  const refPairs: string[] = [];
  const indexed = indexedRefs(element);
  for (const [rel, targets] of Object.entries(indexed)) {
    for (const target of targets) {
      refPairs.push(`${rel}|${target}`);
    }
  }
  const markings = element.refs['object-marking'] ?? [];
  const doc: ElementDocument = {
    internal_id: element.internalId,
    standard_id: element.standardId,
    entity_type: element.entityType,
    base_type: element.baseType,
    is_custom: isCustomType(element.entityType),
    stix_ids: element.stixIds,
    alias_ids: element.aliasIds,
    lookup_keys: element.lookupKeys,
    keys: elementKeys(element),
    created_at: element.createdAt,
    updated_at: element.updatedAt,
    version: element.version,
    seq,
    attributes: element.attributes,
    refs: element.refs,
    ref_pairs: refPairs,
    ref_rels: Object.keys(indexed).filter((rel) => (indexed[rel] ?? []).length > 0),
    markings,
    markings_count: new Set(markings).size,
    kv: keyValues(filterable),
    attr_keys: Object.keys(filterable).filter((key) => filterable[key] !== null),
    text: searchableText(element),
    ...typedCopies(filterable),
  };
  if (element.fromId !== undefined) {
    doc.from_id = element.fromId;
    doc.from_type = element.fromType;
  }
  if (element.toId !== undefined) {
    doc.to_id = element.toId;
    doc.to_type = element.toType;
  }
  if (element.fromId !== undefined && element.toId !== undefined) {
    doc.rel_key = relationKey(element.entityType, element.fromId, element.toId);
  }
  return doc;
}

export function relationKey(entityType: string, fromId: string, toId: string): string {
  return `${entityType}|${fromId}|${toId}`;
}

/** The fields of an element's head. */
export const HEAD_SOURCE_FIELDS = [
  'internal_id',
  'standard_id',
  'entity_type',
  'base_type',
  'stix_ids',
  'alias_ids',
  'lookup_keys',
  'version',
];

/** The head of the element a document holds (all a read of `HEAD_SOURCE_FIELDS` needs). */
export function headOfDocument(doc: ElementDocument): ElementHead {
  return {
    internalId: doc.internal_id,
    standardId: doc.standard_id,
    entityType: doc.entity_type,
    baseType: doc.base_type === 'RELATION' ? 'RELATION' : 'ENTITY',
    stixIds: doc.stix_ids,
    aliasIds: doc.alias_ids,
    lookupKeys: doc.lookup_keys,
    version: doc.version,
  };
}

/** The element a document (its `_source`) holds. */
export function fromElementDocument(doc: ElementDocument): StoredElement {
  const element: StoredElement = {
    ...headOfDocument(doc),
    attributes: doc.attributes,
    refs: doc.refs,
    createdAt: doc.created_at,
    updatedAt: doc.updated_at,
  };
  if (doc.from_id !== undefined) {
    element.fromId = doc.from_id;
    element.fromType = doc.from_type;
  }
  if (doc.to_id !== undefined) {
    element.toId = doc.to_id;
    element.toType = doc.to_type;
  }
  return element;
}

/** Fields a read returns: the stored element, not the query projections. */
export const ELEMENT_SOURCE_FIELDS = [
  ...HEAD_SOURCE_FIELDS,
  'from_id',
  'from_type',
  'to_id',
  'to_type',
  'created_at',
  'updated_at',
  'seq',
  'attributes',
  'refs',
];
