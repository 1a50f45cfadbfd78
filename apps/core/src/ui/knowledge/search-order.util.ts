import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';

// The attributes under which an analyst names what they look for: a name, an alias, an ATT&CK id,
// an observable's value.
const NAMING_ATTRIBUTES = ['name', 'aliases', 'x_opencti_aliases', 'x_mitre_id', 'value'];

function namesOf(element: StoredElement): string[] {
  return NAMING_ATTRIBUTES.flatMap((attribute) => {
    const value = element.attributes[attribute];
    const values = Array.isArray(value) ? value : [value];
    return values.map(textOf).filter((text): text is string => text !== undefined);
  });
}

/**
 * Search results in the order an analyst expects: those named by the words searched (by name,
 * alias, ATT&CK id or value, whatever the case) first, then the rest in the index's order of
 * relevance. Full-text relevance alone ranks a short description that mentions "APT29" above the
 * intrusion set named APT29.
 */
export function namedFirst<T extends StoredElement>(items: readonly T[], search: string): T[] {
  const wanted = search.trim().toLowerCase();
  const named: T[] = [];
  const others: T[] = [];
  for (const element of items) {
    const isNamed = namesOf(element).some((name) => name.toLowerCase() === wanted);
    (isNamed ? named : others).push(element);
  }
  return [...named, ...others];
}

/** `items` grouped by `keyOf`, the groups in the order of their first item. */
export function groupInOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
