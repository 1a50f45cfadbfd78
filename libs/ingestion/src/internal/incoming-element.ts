import type { ElementHead, StoredElement } from '@lib/entity-store';
import { newInternalId } from '@lib/kernel';
import type { DraftIds } from './draft-ids';
import type { ElementDraft } from './draft.types';

export type IncomingInput = {
  draft: ElementDraft;
  ids: DraftIds;
  internalId?: string;
  /** Refs resolved to internal ids; unresolved ids of markings are kept raw (they restrict access). */
  refs: Record<string, string[]>;
  from?: ElementHead;
  to?: ElementHead;
  confidence: number;
  /** The writing user, recorded among the creators; none for internal jobs (data-model.md §3.8). */
  creatorId?: string;
  now: string;
};

/** The state an incoming draft describes, as a stored element (before any upsert into an existing one). */
export function incomingElement(input: IncomingInput): StoredElement {
  const { draft, ids, now } = input;
  const standardId = ids.standardId.toLowerCase();
  const stixIds = [
    ...new Set([draft.stixId, ...draft.extraStixIds, ...ids.hashIds.map((h) => h.toLowerCase())]),
  ].filter((id) => id !== standardId);
  const attributes: Record<string, unknown> = { ...draft.attributes };
  if (
    draft.entityType !== 'Label' &&
    draft.entityType !== 'External-Reference' &&
    draft.entityType !== 'Kill-Chain-Phase'
  ) {
    attributes.confidence = input.confidence;
  }
  attributes.creator_id = input.creatorId ? [input.creatorId] : [];
  const element: StoredElement = {
    internalId: input.internalId ?? newInternalId(),
    standardId,
    entityType: draft.entityType,
    baseType: draft.baseType,
    stixIds,
    aliasIds: ids.aliasIds.map((id) => id.toLowerCase()),
    lookupKeys: ids.lookupKeys,
    attributes,
    refs: input.refs,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (input.from && input.to) {
    element.fromId = input.from.internalId;
    element.fromType = input.from.entityType;
    element.toId = input.to.internalId;
    element.toType = input.to.entityType;
  }
  return element;
}

/** Defaults that apply at creation only (data-model.md §3.8). */
export function withCreationDefaults(element: StoredElement): StoredElement {
  const attributes = { ...element.attributes };
  const isMeta = ['Label', 'External-Reference', 'Kill-Chain-Phase', 'Marking-Definition'].includes(
    element.entityType,
  );
  if (!isMeta || element.entityType === 'Marking-Definition') {
    attributes.created ??= element.createdAt;
    attributes.modified ??= element.createdAt;
  }
  if (element.entityType === 'Marking-Definition') {
    attributes.x_opencti_order ??= 0;
  }
  return { ...element, attributes };
}
