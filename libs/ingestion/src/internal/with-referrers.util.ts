import type { StoredElement } from '@lib/entity-store';

/**
 * `lost` and, transitively, the internal ids of the `changed` elements referring to one of them
 * that the batch creates (`created`): an element refused at creation leaves its referrers
 * pointing at nothing.
 */
export function withReferrers(
  changed: readonly StoredElement[],
  lost: ReadonlySet<string>,
  created: ReadonlySet<string>,
): Set<string> {
  const gone = new Set(lost);
  const dangling = new Set([...lost].filter((id) => created.has(id)));
  for (let grew = dangling.size > 0; grew;) {
    grew = false;
    for (const element of changed) {
      if (gone.has(element.internalId)) continue;
      const targets = [element.fromId, element.toId, ...Object.values(element.refs).flat()];
      if (targets.some((id) => id !== undefined && dangling.has(id))) {
        gone.add(element.internalId);
        if (created.has(element.internalId)) dangling.add(element.internalId);
        grew = true;
      }
    }
  }
  return gone;
}
