import { compare } from 'fast-json-patch';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { StreamEventDraft } from '@lib/kernel';
import { EMBEDDED_REF_TYPES, toStix } from '@lib/stix';
import type { StixRefTarget } from '@lib/stix';
import type { BatchState } from './batch-state';

const INTERNAL_TYPES = new Set(['work']);

function displayName(element: StoredElement): string {
  const a = element.attributes;
  const name =
    [a.name, a.value, a.definition, a.phase_name, a.source_name, a.pattern]
      .map(textOf)
      .find((t) => t !== undefined) ?? element.standardId;
  return name.slice(0, 120).replace(/`/g, "'");
}

/** One event per changed element of the batch, with its STIX data (and patches for updates). */
export async function batchEvents(
  state: BatchState,
  origin: Record<string, unknown>,
): Promise<StreamEventDraft[]> {
  const changed = [...state.changed]
    .map((id) => state.current.get(id))
    .filter((e): e is StoredElement => e !== undefined && !INTERNAL_TYPES.has(e.entityType));
  // Embedded forms are made of their targets' attributes; other refs only need their heads.
  const whole = new Set<string>();
  const referred = new Set<string>();
  for (const element of changed) {
    for (const version of [element, state.original.get(element.internalId)]) {
      if (!version) {
        continue;
      }
      for (const [rel, targets] of Object.entries(version.refs)) {
        const needed = EMBEDDED_REF_TYPES.has(rel) ? whole : referred;
        targets.forEach((id) => needed.add(id));
      }
      if (version.fromId && version.toId) {
        referred.add(version.fromId);
        referred.add(version.toId);
      }
    }
  }
  await Promise.all([state.ensure(whole), state.ensure(referred, true)]);
  // A target of an embedded form that could not be read whole (deleted meanwhile) is left out.
  const lookup = (internalId: string): StixRefTarget | undefined =>
    whole.has(internalId) ? state.current.get(internalId) : state.known(internalId);
  return changed.map((element): StreamEventDraft => {
    const data = toStix(element, lookup) as Record<string, unknown>;
    const base = {
      scope: 'external' as const,
      elementId: element.internalId,
      entityType: element.entityType,
      origin,
      data,
    };
    const before = state.original.get(element.internalId);
    if (state.created.has(element.internalId) || !before) {
      return {
        ...base,
        type: 'create',
        message: `creates a ${element.entityType} \`${displayName(element)}\``,
      };
    }
    const previous = toStix(before, lookup) as Record<string, unknown>;
    return {
      ...base,
      type: 'update',
      message: `updates a ${element.entityType} \`${displayName(element)}\``,
      context: { patch: compare(previous, data), reverse_patch: compare(data, previous) },
    };
  });
}
