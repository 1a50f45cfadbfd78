export type BaseType = 'ENTITY' | 'RELATION';

/**
 * One stored element of the knowledge graph (entity or relationship), in the platform's own terms
 * (data-model.md §1.7): attributes use OpenCTI attribute names, references are internal ids.
 */
export type StoredElement = {
  internalId: string;
  standardId: string;
  entityType: string;
  baseType: BaseType;
  /** Every other STIX id designating this element (x_opencti_stix_ids), lower-cased. */
  stixIds: string[];
  /** Standard ids computed from each alias (i_aliases_ids). */
  aliasIds: string[];
  /** Further exact-match keys, e.g. `hash:SHA-256:<value>` of hashed observables. */
  lookupKeys: string[];
  /** Relationships only: internal ids and entity types of the two ends. */
  fromId?: string;
  fromType?: string;
  toId?: string;
  toType?: string;
  /** Attribute name → value; custom properties (x_…) are kept here untouched. */
  attributes: Record<string, unknown>;
  /** Ref relationship type (created-by, object-marking, object…) → target internal ids. */
  refs: Record<string, string[]>;
  createdAt: string;
  updatedAt: string;
  /** Increments on every committed change; 1 after creation. */
  version: number;
};

/**
 * What a reference needs of an element: its ids, type, keys and version, without its document
 * (attributes, refs). Look-ups of reference targets read heads: targets are often large objects
 * (descriptions…) of which a reference keeps only the id.
 */
export type ElementHead = Pick<
  StoredElement,
  | 'internalId'
  | 'standardId'
  | 'entityType'
  | 'baseType'
  | 'stixIds'
  | 'aliasIds'
  | 'lookupKeys'
  | 'version'
>;

/** A relationship identity probe for de-duplication by type and ends (data-model.md §3.8). */
export type RelationProbe = { entityType: string; fromId: string; toId: string };
