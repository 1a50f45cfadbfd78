import { compare } from 'fast-json-patch';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { StreamEventDraft } from '@lib/kernel';
import { toStix } from '@lib/stix';
import type { StixTarget } from '@lib/stix';
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
  const needed = new Set<string>();
  for (const element of changed) {
    for (const version of [element, state.original.get(element.internalId)]) {
      if (!version) {
        continue;
      }
      Object.values(version.refs).forEach((targets) => targets.forEach((id) => needed.add(id)));
      if (version.fromId && version.toId) {
        needed.add(version.fromId);
        needed.add(version.toId);
      }
    }
  }
  await state.ensure(needed);
  const lookup = (internalId: string): StixTarget | undefined => state.current.get(internalId);
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
