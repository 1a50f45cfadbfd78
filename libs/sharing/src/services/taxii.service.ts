import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionJobsService } from '@lib/ingestion';
import { KnowledgeDeleteService } from '@lib/knowledge';
import { hasCapability, systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { OCTI_EXTENSION_ID, toStix } from '@lib/stix';
import { filterIdValues, resolveIdAliases, stixMatches } from '@lib/streams';
import type { IdAliases } from '@lib/streams';
import { WorkService, workCounts } from '@lib/works';
import type {
  TaxiiCollection,
  TaxiiObjectsQuery,
  TaxiiPage,
  TaxiiStatus,
  TaxiiVersion,
} from '../taxii.types';
import { TaxiiError } from './taxii-error';
import {
  TaxiiVersionsService,
  checkVersionMatch,
  needsHistory,
  selectVersions,
  versionOf,
} from './taxii-versions.service';

export { TaxiiError } from './taxii-error';

type Stix = Record<string, unknown>;

/** What a collection serves: core objects, relationships and sightings (§5). */
const SERVED_TYPES = ['Stix-Core-Object', 'stix-core-relationship', 'stix-sighting-relationship'];
export const TAXII_DEFAULT_LIMIT = 100;
export const TAXII_MAX_LIMIT = 1000;
/** Elements read from the index per round while filling a page. */
const SCAN_PAGE = 500;

/**
 * The TAXII 2.1 server's logic (connector-protocol.md §5): collections defined by filters, their
 * objects and manifest (ordered by the platform's update time, which is their date added),
 * objects by id, versions, POSTed envelopes imported by the workers with a status resource, and
 * DELETE where the collection allows it. Every read is made as the caller (or, for a public
 * collection read anonymously, as its creator).
 */
@Injectable()
export class TaxiiService {
  private readonly system = systemContext('taxii');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(IngestionJobsService) private readonly jobs: IngestionJobsService,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(KnowledgeDeleteService) private readonly deleter: KnowledgeDeleteService,
    @Inject(TaxiiVersionsService) private readonly versions: TaxiiVersionsService,
  ) {}

  canRead(ctx: AccessContext | undefined, collection: TaxiiCollection): boolean {
    if (collection.public) return true;
    if (!ctx || !hasCapability(ctx, 'TAXIIAPI')) return false;
    return (
      collection.authorizedMembers.length === 0 ||
      hasCapability(ctx, 'BYPASS') ||
      collection.authorizedMembers.some((m) => m.id === ctx.userId)
    );
  }

  canWrite(ctx: AccessContext | undefined, collection: TaxiiCollection): boolean {
    return (
      collection.allowWrite &&
      ctx !== undefined &&
      hasCapability(ctx, 'KNOWLEDGE_KNUPDATE') &&
      this.canRead(ctx, collection)
    );
  }

  /**
   * One page of the collection's objects the reader may see: their current versions, or those
   * `match[version]` designates (an object's versions stay together on one page).
   */
  async page(
    ctx: AccessContext,
    collection: TaxiiCollection,
    query: TaxiiObjectsQuery,
  ): Promise<TaxiiPage> {
    const limit = pageLimit(query);
    checkVersionMatch(query.matchVersions);
    if (query.matchSpecVersions?.length && !query.matchSpecVersions.includes('2.1')) {
      return { objects: [], more: false };
    }
    const aliases = await this.aliases(collection);
    const keep = this.keeper(collection, aliases);
    const addedAfter = query.addedAfter ? this.date(query.addedAfter, 'added_after') : undefined;
    const objects: TaxiiPage['objects'] = [];
    let after = query.next;
    for (;;) {
      const page = await this.index.search(ctx, {
        types: SERVED_TYPES,
        filters: {
          mode: 'and',
          filters: addedAfter
            ? [{ key: ['updated_at'], values: [addedAfter], operator: 'gt' }]
            : [],
          filterGroups: [],
        },
        orderBy: 'updated_at',
        orderMode: 'asc',
        first: SCAN_PAGE,
        ...(after ? { after } : {}),
      });
      const lookup = await targetLookup(this.store, page.items);
      for (const [i, element] of page.items.entries()) {
        const stix = keep(toStix(element, lookup));
        if (
          !stix ||
          (query.matchIds?.length && !query.matchIds.includes(String(stix.id))) ||
          (query.matchTypes?.length && !query.matchTypes.includes(String(stix.type)))
        ) {
          continue;
        }
        const current = { stix, dateAdded: element.updatedAt, version: versionOf(stix, element) };
        const selected = needsHistory(query.matchVersions)
          ? selectVersions(
              await this.versions.history(ctx, element, stix, keep),
              query.matchVersions,
            )
          : [current];
        if (objects.length > 0 && objects.length + selected.length > limit) {
          // This object's versions open the next page.
          return {
            objects,
            more: true,
            ...(i > 0 || after ? { next: page.cursors[i - 1] ?? after } : {}),
          };
        }
        objects.push(...selected);
        if (objects.length >= limit) {
          const more = i < page.items.length - 1 || page.pageInfo.hasNextPage;
          return { objects, more, ...(more ? { next: page.cursors[i] } : {}) };
        }
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { objects, more: false };
      after = page.pageInfo.endCursor;
    }
  }

  /** The object with this id, if the collection serves it to the reader. */
  async object(
    ctx: AccessContext,
    collection: TaxiiCollection,
    id: string,
  ): Promise<{ element: StoredElement; stix: Stix; version: string } | undefined> {
    // The object with this STIX id itself: not one that merely has it as an alias id.
    const wanted = id.toLowerCase();
    const element = (await this.store.resolve(ctx, [id]))
      .get(id)
      ?.find(
        (e) =>
          e.standardId.toLowerCase() === wanted ||
          e.stixIds.some((s) => s.toLowerCase() === wanted),
      );
    if (!element) return undefined;
    const stix = this.keeper(
      collection,
      await this.aliases(collection),
    )(toStix(element, await targetLookup(this.store, [element])));
    return stix ? { element, stix, version: versionOf(stix, element) } : undefined;
  }

  /**
   * The versions of one object the reader may see, ascending (TAXII 2.1 §5.6-5.8), after
   * `added_after` (only the current one unless `full`, or `match[version]` needs more); 404 when
   * the collection does not serve the object to him now.
   */
  async history(
    ctx: AccessContext,
    collection: TaxiiCollection,
    id: string,
    query: TaxiiObjectsQuery,
    full = false,
  ): Promise<TaxiiVersion[]> {
    const found = await this.object(ctx, collection, id);
    if (!found) throw new TaxiiError(404, `No object ${id} in this collection`);
    if (query.matchSpecVersions?.length && !query.matchSpecVersions.includes('2.1')) return [];
    const { element, stix, version } = found;
    const versions =
      full || needsHistory(query.matchVersions)
        ? await this.versions.history(
            ctx,
            element,
            stix,
            this.keeper(collection, await this.aliases(collection)),
          )
        : [{ stix, dateAdded: element.updatedAt, version }];
    const addedAfter = query.addedAfter ? this.date(query.addedAfter, 'added_after') : undefined;
    return addedAfter ? versions.filter((v) => v.dateAdded > addedAfter) : versions;
  }

  /** One object's versions `match[version]` designates, a page at a time. */
  async objectPage(
    ctx: AccessContext,
    collection: TaxiiCollection,
    id: string,
    query: TaxiiObjectsQuery = {},
  ): Promise<TaxiiPage> {
    checkVersionMatch(query.matchVersions);
    const versions = await this.history(ctx, collection, id, query);
    return slicePage(selectVersions(versions, query.matchVersions), query);
  }

  /** Every version of one object, a page at a time (the versions endpoint). */
  async versionsPage(
    ctx: AccessContext,
    collection: TaxiiCollection,
    id: string,
    query: TaxiiObjectsQuery = {},
  ): Promise<TaxiiPage> {
    const versions = await this.history(ctx, collection, id, query, true);
    return slicePage(versions, query);
  }

  /** Queues a POSTed envelope for the workers; its status follows the import's work. */
  async add(
    ctx: AccessContext,
    collection: TaxiiCollection,
    envelope: unknown,
  ): Promise<TaxiiStatus> {
    const objects = (envelope as { objects?: unknown } | null)?.objects;
    if (!Array.isArray(objects)) {
      throw new TaxiiError(400, 'The envelope has no objects list', 'Expected {"objects": [...]}');
    }
    const requested = new Date().toISOString();
    const { workId } = await this.jobs.enqueueBundleWithWork(
      {
        connectorId: `taxii-${collection.id}`,
        workName: `TAXII push to ${collection.name} @ ${requested}`,
        bundle: JSON.stringify({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects }),
      },
      { userId: ctx.userId, objects: objects.length },
    );
    return this.status(workId, requested);
  }

  /** The status resource of a POST (its work): complete once every object is processed. */
  async status(workId: string, requested?: string): Promise<TaxiiStatus> {
    const work = await this.works.find(workId);
    if (!work) throw new TaxiiError(404, `No status ${workId}`);
    const counts = workCounts(work);
    const success = counts.created + counts.updated + counts.unchanged;
    const failure = counts.rejected;
    const total = Math.max(counts.expected, success + failure);
    return {
      id: workId,
      status: work.attributes.status === 'complete' ? 'complete' : 'pending',
      request_timestamp: requested ?? work.createdAt,
      total_count: total,
      success_count: success,
      failure_count: failure,
      pending_count: Math.max(0, total - success - failure),
      successes: [],
      failures: [],
      pendings: [],
    };
  }

  /** Deletes an object through a collection that allows it, as the caller. */
  async delete(ctx: AccessContext, collection: TaxiiCollection, id: string): Promise<void> {
    if (!collection.allowDelete) {
      throw new TaxiiError(403, 'This collection does not allow deletes');
    }
    if (!hasCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNDELETE')) {
      throw new TaxiiError(403, 'Deleting needs the KNOWLEDGE_KNUPDATE_KNDELETE capability');
    }
    const found = await this.object(ctx, collection, id);
    if (!found) throw new TaxiiError(404, `No object ${id} in this collection`);
    await this.deleter.delete(ctx, found.element.internalId);
  }

  private aliases(collection: TaxiiCollection): Promise<IdAliases> {
    return resolveIdAliases(this.store, this.system, filterIdValues(collection.filterGroup));
  }

  /** A STIX object as the collection serves it, or undefined when its filters reject it. */
  private keeper(
    collection: TaxiiCollection,
    aliases: IdAliases,
  ): (stix: Stix) => Stix | undefined {
    return (stix) => {
      const served = this.served(stix, collection);
      return stixMatches(served, collection.filterGroup, aliases) ? served : undefined;
    };
  }

  /** Indicators carry their score as confidence when the collection says so. */
  private served(stix: Stix, collection: TaxiiCollection): Stix {
    if (!collection.scoreToConfidence || stix.type !== 'indicator') return stix;
    const octi = (stix.extensions as Record<string, Stix> | undefined)?.[OCTI_EXTENSION_ID];
    return typeof octi?.score === 'number' ? { ...stix, confidence: octi.score } : stix;
  }

  private date(value: string, name: string): string {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new TaxiiError(400, `${name} is not a timestamp: ${value}`);
    return new Date(ms).toISOString();
  }
}

function pageLimit(query: TaxiiObjectsQuery): number {
  return Math.min(Math.max(query.limit ?? TAXII_DEFAULT_LIMIT, 1), TAXII_MAX_LIMIT);
}

/** A page of a list held whole (one object's versions): `next` is the offset reached. */
function slicePage(versions: readonly TaxiiVersion[], query: TaxiiObjectsQuery): TaxiiPage {
  const offset = query.next === undefined ? 0 : Number(query.next);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new TaxiiError(400, `next is not a position of this list: ${query.next}`);
  }
  const end = offset + pageLimit(query);
  const more = end < versions.length;
  return { objects: versions.slice(offset, end), more, ...(more ? { next: String(end) } : {}) };
}
