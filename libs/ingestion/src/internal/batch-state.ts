import type { ElementHead, EntityStore, RelationProbe, StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';

/**
 * What one batch knows about existing elements: everything read from the store (in few batched
 * round-trips) and everything written so far in the batch, indexed by every key. Elements only
 * referred to are read as heads (ids, type, keys): a reference needs no more, and the documents of
 * referenced objects are most of what a batch would otherwise read.
 */
export class BatchState {
  /** Current state of every element known whole (read or written in this batch; not the heads). */
  readonly current = new Map<string, StoredElement>();
  /** State as read from the store, for expected versions and update diffs. */
  readonly original = new Map<string, StoredElement>();
  readonly created = new Set<string>();
  readonly changed = new Set<string>();
  // Key → internal id, or ids when several elements share the key (rare: most keys are ids).
  private readonly index = new Map<string, string | string[]>();
  /** Elements known by their heads only (absent from `current`). */
  private readonly heads = new Map<string, ElementHead>();
  private readonly relations = new Map<string, Set<string>>();
  private readonly queried = new Set<string>();
  private readonly queriedHeads = new Set<string>();

  constructor(
    private readonly store: EntityStore,
    private readonly system: AccessContext,
  ) {}

  /**
   * Reads the elements of the keys not asked for yet, in one round-trip: whole for `keys`, heads
   * for `headKeys` (keys of elements only referred to; a key in both is read whole).
   */
  async lookup(
    keys: Iterable<string>,
    probes: readonly RelationProbe[] = [],
    headKeys: Iterable<string> = [],
  ): Promise<StoredElement[]> {
    const missing = this.notQueried(keys, this.queried);
    // After `missing`: a key asked whole, now or before, is not asked as a head.
    const missingHeads = this.notQueried(headKeys, this.queriedHeads).filter(
      (k) => !this.queried.has(k),
    );
    const [found, heads, relations] = await Promise.all([
      missing.length > 0
        ? this.store.resolve(this.system, missing)
        : Promise.resolve(new Map<string, StoredElement[]>()),
      missingHeads.length > 0
        ? this.store.resolveHeads(this.system, missingHeads)
        : Promise.resolve(new Map<string, ElementHead[]>()),
      probes.length > 0 ? this.store.findRelations(this.system, probes) : Promise.resolve([]),
    ]);
    for (const elements of found.values()) {
      elements.forEach((e) => this.learn(e));
    }
    for (const elements of heads.values()) {
      elements.forEach((e) => this.learnHead(e));
    }
    relations.forEach((e) => this.learn(e));
    return relations.map((e) => this.current.get(e.internalId) ?? e);
  }

  /**
   * Loads elements by internal id when not known whole (ref targets needed to write STIX events),
   * or, with `headEnough`, when not known at all.
   */
  async ensure(internalIds: Iterable<string>, headEnough = false): Promise<void> {
    const missing = [...new Set(internalIds)].filter(
      (id) => !this.current.has(id) && !(headEnough && this.heads.has(id)),
    );
    if (missing.length === 0) {
      return;
    }
    const found = await this.store.getMany(this.system, missing);
    found.forEach((e) => this.learn(e));
  }

  /**
   * The element known under `key` whose standard id it is, else the first known under it: the
   * element a reference designates. One key, no intermediate collections (the hottest look-up).
   */
  designated(key: string): ElementHead | undefined {
    const lower = key.toLowerCase();
    const known = this.index.get(lower);
    if (known === undefined) {
      return undefined;
    }
    if (typeof known === 'string') {
      return this.known(known);
    }
    let first: ElementHead | undefined;
    for (const id of known) {
      const element = this.known(id);
      if (element?.standardId === lower) {
        return element;
      }
      first ??= element;
    }
    return first;
  }

  /** An element known whole (its current state) or by its head. */
  known(internalId: string): ElementHead | undefined {
    return this.current.get(internalId) ?? this.heads.get(internalId);
  }

  /** Elements known whole under any of the keys, as they are now (first occurrence order). */
  candidates(keys: Iterable<string>): StoredElement[] {
    const found: StoredElement[] = [];
    const add = (id: string) => {
      const element = this.current.get(id);
      if (element !== undefined && !found.includes(element)) {
        found.push(element);
      }
    };
    for (const key of keys) {
      const known = this.index.get(key.toLowerCase());
      if (typeof known === 'string') {
        add(known);
      } else if (known !== undefined) {
        known.forEach(add);
      }
    }
    return found;
  }

  /** Records a created or changed element. */
  write(element: StoredElement, created: boolean): void {
    this.current.set(element.internalId, element);
    this.register(element);
    this.changed.add(element.internalId);
    if (created) {
      this.created.add(element.internalId);
    }
  }

  /** Known relationships of a type between two elements. */
  relationsBetween(entityType: string, fromId: string, toId: string): StoredElement[] {
    const ids = this.relations.get(`${entityType}|${fromId}|${toId}`) ?? new Set<string>();
    return [...ids]
      .map((id) => this.current.get(id))
      .filter((e): e is StoredElement => e !== undefined);
  }

  /** Takes `element` as the store's current state (a write still in flight, about to commit). */
  seed(element: StoredElement): void {
    this.learn(element);
  }

  private learn(element: StoredElement): void {
    if (this.current.has(element.internalId)) {
      return;
    }
    this.current.set(element.internalId, element);
    this.original.set(element.internalId, element);
    this.register(element);
  }

  private learnHead(head: ElementHead): void {
    if (this.current.has(head.internalId) || this.heads.has(head.internalId)) {
      return;
    }
    this.heads.set(head.internalId, head);
    this.registerKeys(head);
  }

  private notQueried(keys: Iterable<string>, queried: Set<string>): string[] {
    const missing = [...new Set([...keys].map((k) => k.toLowerCase()))].filter(
      (k) => !queried.has(k),
    );
    missing.forEach((k) => queried.add(k));
    return missing;
  }

  private register(element: StoredElement): void {
    if (element.fromId && element.toId) {
      const key = `${element.entityType}|${element.fromId}|${element.toId}`;
      const set = this.relations.get(key) ?? new Set<string>();
      set.add(element.internalId);
      this.relations.set(key, set);
    }
    this.registerKeys(element);
  }

  private registerKeys(element: ElementHead): void {
    const id = element.internalId;
    this.indexKey(id, id);
    this.indexKey(element.standardId, id);
    element.stixIds.forEach((key) => this.indexKey(key, id));
    element.aliasIds.forEach((key) => this.indexKey(key, id));
    element.lookupKeys.forEach((key) => this.indexKey(key, id));
  }

  private indexKey(key: string, id: string): void {
    const lower = key.toLowerCase();
    const known = this.index.get(lower);
    if (known === undefined) {
      this.index.set(lower, id);
    } else if (typeof known === 'string') {
      if (known !== id) {
        this.index.set(lower, [known, id]);
      }
    } else if (!known.includes(id)) {
      known.push(id);
    }
  }
}
