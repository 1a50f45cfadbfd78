import { createHash } from 'node:crypto';
import type { StoredElement } from '@lib/entity-store';

// Ref relationships (created-by, object-marking, object…) are stored inside their source element
// (StoredElement.refs); the API shows them as StixRefRelationship nodes built from those refs.

function uuidFrom(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The ref relationships of `source`, restricted to `types` and `toIds` when given. */
export function refRelationsOf(
  source: StoredElement,
  types: readonly string[],
  toIds: ReadonlySet<string> | undefined,
): StoredElement[] {
  const out: StoredElement[] = [];
  for (const [rel, targets] of Object.entries(source.refs)) {
    if (types.length > 0 && !types.includes(rel)) continue;
    for (const toId of targets) {
      if (toIds && !toIds.has(toId)) continue;
      const key = `${source.internalId}|${rel}|${toId}`;
      out.push({
        internalId: uuidFrom(key),
        standardId: `relationship--${uuidFrom(`standard|${key}`)}`,
        entityType: rel,
        baseType: 'RELATION',
        stixIds: [],
        aliasIds: [],
        lookupKeys: [],
        fromId: source.internalId,
        fromType: source.entityType,
        toId,
        attributes: { relationship_type: rel },
        refs: {},
        createdAt: source.createdAt,
        updatedAt: source.updatedAt,
        version: 1,
      });
    }
  }
  return out;
}
