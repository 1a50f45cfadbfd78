/**
 * Allowed targets per relationship type for one source type, transcribed from data-model.md §2.2.
 * A target suffixed with `†` is an OpenCTI (non-builtin) pair.
 */
export type RelationshipTargets = Readonly<Record<string, readonly string[]>>;

/** Source entity type → its allowed relationships. */
export type RelationshipMapping = Readonly<Record<string, RelationshipTargets>>;
