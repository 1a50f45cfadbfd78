import type { AccessContext } from '@lib/rbac';
import { headOf } from './element-head.util';
import type { ElementHead, RelationProbe, StoredElement } from './element.types';
import type { CommitResult, WriteBatch } from './write-batch.types';

/**
 * The knowledge graph's element store. Every read takes an AccessContext and applies its marking
 * rule inside the query; a system context sees everything.
 */
export abstract class EntityStore {
  /**
   * Elements designated by each key (internal id, standard id, STIX id, alias id or lookup key),
   * in one round-trip. Keys are matched case-insensitively for ids; unknown keys are absent.
   */
  abstract resolve(
    ctx: AccessContext,
    keys: readonly string[],
  ): Promise<Map<string, StoredElement[]>>;

  /**
   * As `resolve`, the heads only (ids, type, keys, version): what references need. Adapters that
   * can leave the documents unread override it.
   */
  async resolveHeads(
    ctx: AccessContext,
    keys: readonly string[],
  ): Promise<Map<string, ElementHead[]>> {
    const found = await this.resolve(ctx, keys);
    return new Map([...found].map(([key, elements]) => [key, elements.map(headOf)]));
  }

  /** Relationships matching each probe's type and ends, in one round-trip. */
  abstract findRelations(
    ctx: AccessContext,
    probes: readonly RelationProbe[],
  ): Promise<StoredElement[]>;

  /** One element by internal id, or undefined when absent or not visible. */
  abstract get(ctx: AccessContext, internalId: string): Promise<StoredElement | undefined>;

  /** Several elements by internal id (absent or invisible ones are left out). */
  abstract getMany(
    ctx: AccessContext,
    internalIds: readonly string[],
  ): Promise<Map<string, StoredElement>>;

  /**
   * Writes a batch atomically with its events. Throws VersionConflictError (category conflict) and
   * writes nothing when an element's version is not the expected one.
   */
  abstract commit(batch: WriteBatch): Promise<CommitResult>;

  /** Number of visible elements per entity type. */
  abstract countByType(ctx: AccessContext): Promise<Record<string, number>>;
}
