import type { StoredElement } from '../../element.types';
import type { WriteBatch } from '../../write-batch.types';
import { VersionConflictError } from '../../errors/entity-store.error';
import { elementKeys } from '../sqlite-element-program';
import type { ElementDocument } from './opensearch-element.document';

// The search engine has no unique index: two writers creating the same element side by side
// (workers consuming one queue meet the same indicators, authors and labels) would each add a
// document. Commits therefore lock the identities they write, and a creation is refused when,
// under those locks, a stored element already holds its identity (pure parts here; I/O in the
// store).

/** The parts of a stored document that tell whose identity it holds. */
export type IdentityHolder = Pick<
  ElementDocument,
  'internal_id' | 'standard_id' | 'stix_ids' | 'lookup_keys'
>;

/**
 * The lock keys of a batch: every key of the elements it writes (internal, standard, STIX and
 * alias ids, lookup keys) and the ids it deletes; none for exclusive creations, which no other
 * writer makes, nor the internal id of a creation, which no other writer knows yet (its bulk item
 * fails if one did). Commits sharing none do not wait for each other.
 */
export function commitLockKeys(batch: WriteBatch): string[] {
  const keys = new Set<string>();
  for (const { element, exclusive, expectedVersion } of batch.upserts) {
    if (exclusive) continue;
    const fresh = expectedVersion === 0 ? element.internalId.toLowerCase() : undefined;
    for (const key of elementKeys(element)) {
      if (key !== fresh) keys.add(key);
    }
  }
  batch.deletes.forEach(({ internalId }) => keys.add(internalId.toLowerCase()));
  return [...keys];
}

/**
 * What identifies elements about to be created (lower-cased): `keys`, their standard ids and
 * lookup keys, which no other element may have as standard id, STIX id or lookup key; and `ids`,
 * their STIX ids, which may not be another element's standard id. Aliases are no identity: a
 * live element may have as alias the name a revoked one is identified by.
 */
export function creationIdentities(created: readonly StoredElement[]): {
  keys: string[];
  ids: string[];
} {
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const element of created) {
    keys.add(element.standardId.toLowerCase());
    element.lookupKeys.forEach((key) => keys.add(key.toLowerCase()));
    element.stixIds.forEach((id) => ids.add(id.toLowerCase()));
  }
  return { keys: [...keys], ids: [...ids] };
}

/**
 * Throws a VersionConflictError naming each element of `created` whose identity another stored
 * element holds (see creationIdentities; `holders` are the stored elements found by any of those
 * keys and ids): its writer read before the other was committed, and must resolve it again to
 * merge into the one stored.
 */
export function throwTakenIdentities(
  created: readonly StoredElement[],
  holders: readonly IdentityHolder[],
): void {
  if (holders.length === 0) {
    return;
  }
  const held = new Map<string, Set<string>>();
  const hold = (probe: string, holder: string) =>
    held.set(probe, (held.get(probe) ?? new Set()).add(holder));
  for (const holder of holders) {
    const standardId = holder.standard_id.toLowerCase();
    hold(`id:${standardId}`, holder.internal_id);
    [standardId, ...(holder.stix_ids ?? []), ...(holder.lookup_keys ?? [])].forEach((key) =>
      hold(`key:${key.toLowerCase()}`, holder.internal_id),
    );
  }
  const takenBy = (probe: string, internalId: string) =>
    [...(held.get(probe) ?? [])].some((holder) => holder !== internalId);
  const taken = created.filter((element) => {
    const { keys, ids } = creationIdentities([element]);
    return (
      keys.some((key) => takenBy(`key:${key}`, element.internalId)) ||
      ids.some((id) => takenBy(`id:${id}`, element.internalId))
    );
  });
  const [first, ...others] = taken;
  if (first) {
    throw new VersionConflictError(
      first.internalId,
      0,
      others.map((element) => ({ internalId: element.internalId, expectedVersion: 0 })),
    );
  }
}
