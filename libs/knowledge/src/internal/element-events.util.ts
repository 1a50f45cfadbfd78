import { compare } from 'fast-json-patch';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { StreamEventDraft } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { toStix } from '@lib/stix';
import type { TargetLookup } from '@lib/stix';

function displayName(element: StoredElement): string {
  const a = element.attributes;
  const name =
    [a.name, a.value, a.definition, a.phase_name, a.source_name, a.pattern]
      .map(textOf)
      .find((t) => t !== undefined) ?? element.standardId;
  return name.slice(0, 120).replace(/`/g, "'");
}

export type EventOrigin = Record<string, unknown>;

export const originOf = (ctx: AccessContext): EventOrigin => ({ user_id: ctx.userId });

const stixOf = (element: StoredElement, lookup: TargetLookup) =>
  toStix(element, lookup) as Record<string, unknown>;

/** An update event with the JSON patch from `before` to `after` (and its reverse). */
export function updateEvent(
  before: StoredElement,
  after: StoredElement,
  lookup: TargetLookup,
  origin: EventOrigin,
): StreamEventDraft {
  const previous = stixOf(before, lookup);
  const data = stixOf(after, lookup);
  return {
    type: 'update',
    scope: 'external',
    elementId: after.internalId,
    entityType: after.entityType,
    origin,
    message: `updates a ${after.entityType} \`${displayName(after)}\``,
    data,
    context: { patch: compare(previous, data), reverse_patch: compare(data, previous) },
  };
}

export function deleteEvent(
  element: StoredElement,
  lookup: TargetLookup,
  origin: EventOrigin,
): StreamEventDraft {
  return {
    type: 'delete',
    scope: 'external',
    elementId: element.internalId,
    entityType: element.entityType,
    origin,
    message: `deletes a ${element.entityType} \`${displayName(element)}\``,
    data: stixOf(element, lookup),
  };
}

/** The one event of a merge: the target after it, and the STIX forms of the absorbed sources. */
export function mergeEvent(
  target: StoredElement,
  sources: readonly StoredElement[],
  lookup: TargetLookup,
  origin: EventOrigin,
): StreamEventDraft {
  return {
    type: 'merge',
    scope: 'external',
    elementId: target.internalId,
    entityType: target.entityType,
    origin,
    message: `merges ${sources.length} ${target.entityType} into \`${displayName(target)}\``,
    data: stixOf(target, lookup),
    context: { sources: sources.map((s) => stixOf(s, lookup)) },
  };
}
