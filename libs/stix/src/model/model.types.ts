/** Every stored element is an entity or a relation (data-model.md §1.1). */
export type BaseType = 'ENTITY' | 'RELATION';

/** The STIX property an aliased type keeps its aliases in (data-model.md §1.3). */
export type AliasField = 'aliases' | 'x_opencti_aliases';

/** What the model knows about one concrete entity type. */
export type EntityTypeInfo = {
  readonly entityType: string;
  readonly stixType: string;
  readonly baseType: BaseType;
  /** Every abstract ancestor, nearest first (what `parent_types` stores). */
  readonly parents: readonly string[];
  readonly aliasField?: AliasField;
};

/**
 * How a core relationship between two types is classified by data-model.md §2.2: `builtin`
 * (STIX 2.1), `extended`/`new` (OpenCTI additions, emitted as `new-sro`) or `outside` (not allowed).
 */
export type RelationshipPairStatus = 'builtin' | 'extended' | 'new' | 'outside';

/** The three refs whose STIX form is embedded rather than a list of ids. */
export type EmbeddedRefKind = 'label' | 'external-reference' | 'kill-chain-phase';

/** One embedded reference (STIX `*_ref(s)`) that is stored as a ref relationship (§2.4, §1.4). */
export type RefDefinition = {
  readonly relationshipType: string;
  /** Name of the GraphQL input field (e.g. `createdBy`, `resolvesTo`). */
  readonly inputName: string;
  /** Name of the STIX property (e.g. `created_by_ref`, `resolves_to_refs`, `labels`). */
  readonly stixProperty: string;
  readonly multiple: boolean;
  readonly embedded?: EmbeddedRefKind;
  /** Allowed target entity types or abstract types. */
  readonly targetTypes: readonly string[];
  /** Entity types or abstract types that carry this ref. */
  readonly appliesTo: readonly string[];
};

/** A marking definition created at bootstrap (data-model.md §4.1). */
export type BootstrapMarking = {
  readonly definitionType: string;
  readonly definition: string;
  readonly standardId: string;
  /** `x_opencti_order`: drives the lower-or-equal access expansion (§4.2). */
  readonly order: number;
  /** `x_opencti_color`. */
  readonly color: string;
};

/** A property whose STIX name differs from its OpenCTI attribute name on one entity type. */
export type AttributeRename = {
  readonly entityType: string;
  readonly stixName: string;
  readonly attributeName: string;
};
