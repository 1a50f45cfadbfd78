import { randomUUID } from 'node:crypto';
import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { EventStream } from '@lib/event-stream';
import type { Cache } from '@lib/cache';
import { SearchEngineError, ensureIndexLayout, readAlias, writeAlias } from '@lib/opensearch';
import type { EngineBody, SearchEngine } from '@lib/opensearch';
import { accessRule } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { EntityStore } from '../../entity-store.port';
import type { ElementHead, RelationProbe, StoredElement } from '../../element.types';
import type { CommitResult, WriteBatch } from '../../write-batch.types';
import { StoreUnavailableError, VersionConflictError } from '../../errors/entity-store.error';
import { commitWhenAfterCommitted } from '../../commit-after.util';
import { compileAccessQuery } from './opensearch-access.query';
import type { QueryClause } from './opensearch-access.query';
import {
  HEAD_SOURCE_FIELDS,
  fromElementDocument,
  headOfDocument,
  relationKey,
} from './opensearch-element.document';
import type { ElementDocument } from './opensearch-element.document';
import { ELEMENT_COMPONENT, elementLayout, familyOf } from './opensearch-element.mappings';
import type { ElementLayoutOptions } from './opensearch-element.mappings';
import { planCommit, rollbackLines } from './opensearch-commit.plan';
import {
  commitLockKeys,
  creationIdentities,
  throwTakenIdentities,
} from './opensearch-identity.guard';
import type { IdentityHolder } from './opensearch-identity.guard';
import type { CurrentDocument } from './opensearch-commit.plan';
import { EventOutbox, outboxLayout } from './opensearch-event-outbox';
import type { OutboxTiming } from './opensearch-event-outbox';

export type OpenSearchEntityStoreOptions = ElementLayoutOptions & {
  engine: SearchEngine;
  /** Where committed batches' events go (the Redis stream in the distributed profile). */
  events: EventStream;
  /**
   * Locks shared by every process writing to these indices (Redis in the distributed profile):
   * commits touching the same elements take turns (see `commit`).
   */
  locks: Pick<Cache, 'withLock'>;
  /** When an interrupted commit's events are relayed (tests shorten it). */
  outbox?: OutboxTiming;
};

/** Hits per look-up page (below the engines' default max_result_window of 10,000). */
const PAGE_SIZE = 5_000;
/** Terms per look-up query (engines refuse more than index.max_terms_count, 65,536 by default). */
const MAX_TERMS = 30_000;
/** Most entity types countByType reports. */
const MAX_TYPES = 10_000;
/**
 * A commit's locks lapse this long after they were last renewed (every third of it while the
 * commit runs): a writer killed in the middle holds the others up for seconds, not minutes.
 */
const COMMIT_LOCK = { ttlMs: 10_000, waitMs: 120_000 };
/**
 * Reads of whole elements take the stored `_source` as it is: asking for some of its fields makes
 * the engine parse and rebuild every hit's source (measured: about a tenth of the engine's CPU in
 * an import, whose look-ups read tens of thousands of elements). The query projections it also
 * holds (`kv`, `text`…) are left out by fromElementDocument.
 */
const WHOLE_SOURCE = true;

/** What a look-up of heads reads of each document (with the keys it matched by). */
const HEAD_SOURCE = [...HEAD_SOURCE_FIELDS, 'keys'];

/** What a commit reads of its bulk's reply (see rollback): about a quarter of the full reply. */
const BULK_REPLY = 'errors,items.*.status,items.*._index,items.*.error';

type Hit = {
  _id: string;
  _index: string;
  _seq_no?: number;
  _primary_term?: number;
  _source: ElementDocument;
  sort?: unknown[];
};

/**
 * The hits of `search` over `values` taken `size` at a time, one round-trip after the other; a
 * document found by two chunks comes once.
 */
async function inChunks<T>(
  values: readonly T[],
  size: number,
  search: (chunk: T[]) => Promise<Hit[]>,
): Promise<Hit[]> {
  if (values.length <= size) return values.length === 0 ? [] : search([...values]);
  const hits = new Map<string, Hit>();
  for (let start = 0; start < values.length; start += size) {
    for (const hit of await search(values.slice(start, start + size))) hits.set(hit._id, hit);
  }
  return [...hits.values()];
}

/**
 * EntityStore over Elasticsearch/OpenSearch. Each commit checks the expected versions in a
 * search (one per 5,000 elements), writes the batch in one `_bulk` (optimistic concurrency on every item) together with an
 * outbox entry holding its events, undoes the items already applied when one fails, and then
 * appends the events to the EventStream and drops the entry; entries left by an interrupted
 * commit are relayed later (see EventOutbox).
 *
 * The committing bulk refreshes (`refresh=true`): when commit returns, the writer (and every
 * replica) reads what it wrote, which the ingestion's next batch relies on. Batches are large, so
 * the per-refresh cost is shared by thousands of documents; `wait_for` measured slower here, as it
 * waits for the next scheduled refresh (up to refresh_interval) on every commit.
 */
export class OpenSearchEntityStore extends EntityStore {
  private lastSeq = 0;

  /** The last commit's event append (see appendInOrder). */
  private appending: Promise<unknown> = Promise.resolve();

  private readonly outbox: EventOutbox;

  private constructor(
    private readonly engine: SearchEngine,
    private readonly events: EventStream,
    private readonly options: ElementLayoutOptions &
      Pick<OpenSearchEntityStoreOptions, 'locks' | 'outbox'>,
  ) {
    super();
    this.outbox = new EventOutbox(
      engine,
      events,
      outboxLayout(options.prefix, options.replicas),
      options.outbox,
    );
  }

  /**
   * Connects, runs the versioned index setup (once per cluster, under a lock), relays the events
   * interrupted commits left behind, and keeps relaying them until `close`.
   */
  static async open(options: OpenSearchEntityStoreOptions): Promise<OpenSearchEntityStore> {
    const store = new OpenSearchEntityStore(options.engine, options.events, options);
    await store.guard(async () => {
      await ensureIndexLayout(options.engine, elementLayout(options));
      await ensureIndexLayout(options.engine, outboxLayout(options.prefix, options.replicas));
    });
    await store.relayOutbox();
    store.outbox.start();
    return store;
  }

  /** Appends the events of commits interrupted after their bulk; how many commits. */
  relayOutbox(): Promise<number> {
    return this.guard(() => this.outbox.relay());
  }

  async onModuleDestroy(): Promise<void> {
    await this.outbox.stop();
  }

  resolve(ctx: AccessContext, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    return this.guard(() => this.byKeys(ctx, keys, WHOLE_SOURCE, fromElementDocument));
  }

  override resolveHeads(
    ctx: AccessContext,
    keys: readonly string[],
  ): Promise<Map<string, ElementHead[]>> {
    return this.guard(() => this.byKeys(ctx, keys, HEAD_SOURCE, headOfDocument));
  }

  findRelations(ctx: AccessContext, probes: readonly RelationProbe[]): Promise<StoredElement[]> {
    return this.guard(async () => {
      if (probes.length === 0) {
        return [];
      }
      // A terms query on the composite key: no clause per probe, whatever the batch size.
      const keys = [...new Set(probes.map((p) => relationKey(p.entityType, p.fromId, p.toId)))];
      const hits = await inChunks(keys, MAX_TERMS, (chunk) =>
        this.search(ctx, { terms: { rel_key: chunk } }),
      );
      return hits.map((hit) => fromElementDocument(hit._source));
    });
  }

  get(ctx: AccessContext, internalId: string): Promise<StoredElement | undefined> {
    return this.getMany(ctx, [internalId]).then((found) => found.get(internalId));
  }

  getMany(ctx: AccessContext, internalIds: readonly string[]): Promise<Map<string, StoredElement>> {
    return this.guard(async () => {
      if (internalIds.length === 0) {
        return new Map<string, StoredElement>();
      }
      const hits = await this.search(ctx, { ids: { values: [...new Set(internalIds)] } });
      return new Map(hits.map((hit) => [hit._id, fromElementDocument(hit._source)]));
    });
  }

  countByType(ctx: AccessContext): Promise<Record<string, number>> {
    return this.guard(async () => {
      const { body } = await this.engine.request({
        method: 'POST',
        path: `/${readAlias(this.layout())}/_search`,
        body: {
          size: 0,
          query: { bool: { filter: [compileAccessQuery(accessRule(ctx))] } },
          aggs: { types: { terms: { field: 'entity_type', size: MAX_TYPES } } },
        },
      });
      const buckets =
        (body.aggregations as { types?: { buckets?: { key: string; doc_count: number }[] } })?.types
          ?.buckets ?? [];
      return Object.fromEntries(
        buckets.map((b) => [b.key, b.doc_count] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    });
  }

  /**
   * Commits under locks on the identity keys of what the batch writes (see commitLockKeys), so that
   * writers touching the same elements take turns: each reads the versions after the other's
   * bulk has refreshed, and loses a conflict before writing rather than undoing a bulk, and no
   * two of them create the same element side by side.
   */
  commit(batch: WriteBatch): Promise<CommitResult> {
    const { after } = batch;
    if (after !== undefined) {
      // Commits run side by side here: one queued after another waits for it.
      return commitWhenAfterCommitted({ ...batch, after }, (next) => this.commit(next));
    }
    const keys = commitLockKeys(batch).map((key) => `store:${this.options.prefix}:${key}`);
    if (keys.length === 0) {
      return this.guard(() => this.commitLocked(batch));
    }
    return this.options.locks.withLock(
      keys,
      async (lock) => {
        const renew = setInterval(() => {
          lock.extend().catch(() => undefined); // lapsed: the versions checked still guard
        }, COMMIT_LOCK.ttlMs / 3);
        try {
          return await this.guard(() => this.commitLocked(batch));
        } finally {
          clearInterval(renew);
        }
      },
      COMMIT_LOCK,
    );
  }

  private async commitLocked(batch: WriteBatch): Promise<CommitResult> {
    // Exclusive creations are neither read nor checked: their bulk item (op_type=create) fails
    // when the element exists, which undoes the batch as a stale version would.
    const shared = batch.upserts.filter((w) => !w.exclusive);
    const ids = [
      ...shared.map((w) => w.element.internalId),
      ...batch.deletes.map((d) => d.internalId),
    ];
    const current = await this.current(ids);
    const created = shared.filter((u) => !current.has(u.element.internalId)).map((u) => u.element);
    throwTakenIdentities(created, await this.holders(created));
    const plan = planCommit(batch, current, {
      writeIndex: (element) =>
        writeAlias(this.layout(), familyOf(element.entityType, element.baseType)),
      nextSeq: () => this.nextSeq(),
    });
    // The outbox entry goes last: the items before it line up with the plan's operations.
    const entry = batch.events.length > 0 ? randomUUID() : undefined;
    const lines = entry
      ? [...plan.lines, ...this.outbox.entryLines(entry, batch.events)]
      : plan.lines;
    if (lines.length > 0) {
      const response = await this.engine.bulk(lines, { refresh: 'true', filter_path: BULK_REPLY });
      if (response.errors === true) {
        if (entry) await this.outbox.remove(entry);
        await this.rollback(plan.ops, response);
      }
    }
    batch.onApplied?.();
    let events: StreamEvent[] = [];
    if (entry) {
      events = await this.appendInOrder(batch.events);
      await this.outbox.remove(entry);
    }
    return { events };
  }

  /**
   * Appends a commit's events after those of the commits before it: a writer told its data was
   * applied may commit again before the events of the first are appended.
   */
  private appendInOrder(drafts: readonly StreamEventDraft[]): Promise<StreamEvent[]> {
    const appended = this.appending.then(() => this.events.append(drafts));
    this.appending = appended.catch(() => undefined);
    return appended;
  }

  /** The stored elements with a key among the identities of `created`, in one search. */
  private async holders(created: readonly StoredElement[]): Promise<IdentityHolder[]> {
    const { keys, ids } = creationIdentities(created);
    if (keys.length === 0) {
      return [];
    }
    // Every element holding one of them as any key; throwTakenIdentities tells which. No access
    // rule: an identity is taken whoever may see its holder.
    const hits = await inChunks([...keys, ...ids], MAX_TERMS, (chunk) =>
      this.allPages(['internal_id', 'standard_id', 'stix_ids', 'lookup_keys'], {
        terms: { keys: chunk },
      }),
    );
    return hits.map((hit) => hit._source);
  }

  private async rollback(
    ops: ReturnType<typeof planCommit>['ops'],
    response: EngineBody,
  ): Promise<never> {
    const items = (response.items ?? []) as Record<
      string,
      { status: number; _index: string; error?: unknown }
    >[];
    const { lines, conflict } = rollbackLines(ops, items);
    if (lines.length > 0) {
      await this.engine.bulk(lines, { refresh: 'true' });
    }
    if (conflict) {
      throw new VersionConflictError(conflict.internalId, conflict.expectedVersion);
    }
    throw new StoreUnavailableError(
      'The search engine refused part of a batch; it was undone',
      items,
    );
  }

  /**
   * The stored documents of these ids with their concurrency tokens: one search per page of ids
   * (a search returns at most index.max_result_window hits, 10,000 by default).
   */
  private async current(ids: readonly string[]): Promise<Map<string, CurrentDocument>> {
    const found = new Map<string, CurrentDocument>();
    const hits = await inChunks([...new Set(ids)], PAGE_SIZE, async (chunk) => {
      const { body } = await this.engine.request({
        method: 'POST',
        path: `/${readAlias(this.layout())}/_search`,
        body: {
          size: chunk.length,
          seq_no_primary_term: true,
          _source: WHOLE_SOURCE,
          query: { ids: { values: chunk } },
        },
      });
      return hitsOf(body);
    });
    for (const hit of hits) {
      found.set(hit._id, {
        index: hit._index,
        seqNo: hit._seq_no ?? 0,
        primaryTerm: hit._primary_term ?? 1,
        doc: hit._source,
      });
    }
    return found;
  }

  /** The elements designated by each key, their documents read as `source` gives. */
  private async byKeys<T>(
    ctx: AccessContext,
    keys: readonly string[],
    source: readonly string[] | true,
    decode: (doc: ElementDocument) => T,
  ): Promise<Map<string, T[]>> {
    const wanted = new Map<string, string[]>();
    for (const key of keys) {
      const lower = key.toLowerCase();
      wanted.set(lower, [...(wanted.get(lower) ?? []), key]);
    }
    const result = new Map<string, T[]>();
    if (wanted.size === 0) {
      return result;
    }
    const hits = await inChunks([...wanted.keys()], MAX_TERMS, (keys) =>
      this.search(ctx, { terms: { keys } }, source),
    );
    for (const hit of hits) {
      const element = decode(hit._source);
      for (const key of new Set(hit._source.keys ?? [])) {
        for (const original of wanted.get(key) ?? []) {
          result.set(original, [...(result.get(original) ?? []), element]);
        }
      }
    }
    return result;
  }

  /**
   * Every visible element matching, in insertion order: one request for usual look-ups, further
   * search_after pages when a look-up matches more than a page (never truncated).
   */
  private search(
    ctx: AccessContext,
    query: QueryClause,
    source: readonly string[] | true = WHOLE_SOURCE,
  ): Promise<Hit[]> {
    return this.allPages(source, {
      bool: { filter: [compileAccessQuery(accessRule(ctx)), query] },
    });
  }

  /** Every hit of `query` over all the elements, in insertion order, page after page. */
  private async allPages(source: readonly string[] | true, query: QueryClause): Promise<Hit[]> {
    const all: Hit[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const { body } = await this.engine.request({
        method: 'POST',
        path: `/${readAlias(this.layout())}/_search`,
        body: {
          size: PAGE_SIZE,
          _source: source,
          sort: [{ seq: 'asc' }, { internal_id: 'asc' }],
          query,
          ...(after ? { search_after: after } : {}),
        },
      });
      const hits = hitsOf(body);
      all.push(...hits);
      if (hits.length < PAGE_SIZE) {
        return all;
      }
      after = hits[hits.length - 1]?.sort;
    }
  }

  private layout(): { prefix: string; component: string } {
    return { prefix: this.options.prefix, component: ELEMENT_COMPONENT };
  }

  /** Insertion order across the cluster is by time; within this process it only grows. */
  private nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, Date.now() * 1000);
    return this.lastSeq;
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      if (cause instanceof SearchEngineError && cause.category === 'unavailable') {
        throw new StoreUnavailableError(cause.message, cause);
      }
      throw cause;
    }
  }
}

function hitsOf(body: EngineBody): Hit[] {
  return (body.hits as { hits?: Hit[] } | undefined)?.hits ?? [];
}
