import type { BaseType } from '@lib/entity-store';

/** A meta object carried inside another object (labels, external references, kill chain phases). */
export type EmbeddedDraft = {
  entityType: 'Label' | 'External-Reference' | 'Kill-Chain-Phase';
  /** Standard id: the key the owner's ref points to until it is resolved. */
  standardId: string;
  attributes: Record<string, unknown>;
};

/**
 * One incoming STIX object translated to platform terms, before de-duplication: attributes under
 * OpenCTI names, references still as STIX ids (resolved by the pipeline against the bundle and the
 * store).
 */
export type ElementDraft = {
  /** Position in the work's input, for error reports. */
  index: number;
  /** The object's own STIX id, lower-cased. */
  stixId: string;
  stixType: string;
  entityType: string;
  baseType: BaseType;
  attributes: Record<string, unknown>;
  /** Ref relationship type → target STIX ids (or embedded standard ids). */
  refs: Record<string, string[]>;
  /** Ref types whose STIX form is a single id (created-by…). */
  singleRefs: Set<string>;
  embedded: EmbeddedDraft[];
  /** Relationships and sightings: STIX ids of the two ends. */
  fromStixId?: string;
  toStixId?: string;
  /** Other STIX ids the source says designate the same object (x_opencti_stix_ids). */
  extraStixIds: string[];
  /** Internal id the source carries (OpenCTI extension id), reused when free. */
  internalIdHint?: string;
  /** STIX id of the author (created_by_ref), which scopes the same-source distinctness rule. */
  author?: string;
  /** Non-fatal notes (unresolved optional refs, unmodelled relationship pairs…). */
  warnings: string[];
};
