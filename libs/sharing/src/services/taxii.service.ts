import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionJobsService } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import { KnowledgeDeleteService } from '@lib/knowledge';
import { hasCapability, systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { OCTI_EXTENSION_ID, toStix } from '@lib/stix';
import { filterIdValues, resolveIdAliases, stixMatches } from '@lib/streams';
import type { IdAliases } from '@lib/streams';
import { WorkService, workCounts } from '@lib/works';
import type { TaxiiCollection, TaxiiObjectsQuery, TaxiiPage, TaxiiStatus } from '../taxii.types';

type Stix = Record<string, unknown>;

/** What a collection serves: core objects, relationships and sightings (§5). */
const SERVED_TYPES = ['Stix-Core-Object', 'stix-core-relationship', 'stix-sighting-relationship'];
export const TAXII_DEFAULT_LIMIT = 100;
export const TAXII_MAX_LIMIT = 1000;
/** Elements read from the index per round while filling a page. */
const SCAN_PAGE = 500;

/** The TAXII error of a refused request (TAXII 2.1 §3.6.1), with its HTTP status. */
export class TaxiiError extends AppError {
  constructor(
    readonly httpStatus: number,
    title: string,
    description?: string,
  ) {
    super({
      code: `TAXII_${httpStatus}`,
      category: httpStatus === 404 ? 'not_found' : 'validation',
      message: title,
      details: { description },
    });
  }
}

/** The version of a served object: its `modified`, else the platform's update time. */
function versionOf(stix: Stix, element: StoredElement): string {
  return typeof stix.modified === 'string' ? stix.modified : element.updatedAt;
}

function versionMatches(versions: readonly string[] | undefined, version: string): boolean {
  if (!versions || versions.length === 0) return true;
  // Only the current version is kept: first, last and all designate it.
  return versions.some(
    (v) => v === 'last' || v === 'first' || v === 'all' || Date.parse(v) === Date.parse(version),
  );
}

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

  /** One page of the collection's objects the reader may see. */
  async page(
    ctx: AccessContext,
    collection: TaxiiCollection,
    query: TaxiiObjectsQuery,
  ): Promise<TaxiiPage> {
    const limit = Math.min(Math.max(query.limit ?? TAXII_DEFAULT_LIMIT, 1), TAXII_MAX_LIMIT);
    if (query.matchSpecVersions?.length && !query.matchSpecVersions.includes('2.1')) {
      return { objects: [], more: false };
    }
    const aliases = await this.aliases(collection);
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
        const stix = this.served(toStix(element, lookup), collection);
        const version = versionOf(stix, element);
        if (
          stixMatches(stix, collection.filterGroup, aliases) &&
          (!query.matchIds?.length || query.matchIds.includes(String(stix.id))) &&
          (!query.matchTypes?.length || query.matchTypes.includes(String(stix.type))) &&
          versionMatches(query.matchVersions, version)
        ) {
          objects.push({ stix, dateAdded: element.updatedAt, version });
        }
        if (objects.length === limit) {
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
    const stix = this.served(
      toStix(element, await targetLookup(this.store, [element])),
      collection,
    );
    if (!stixMatches(stix, collection.filterGroup, await this.aliases(collection)))
      return undefined;
    return { element, stix, version: versionOf(stix, element) };
  }

  /** One object as a page (empty when no version asked for is its version); 404 when absent. */
  async objectPage(
    ctx: AccessContext,
    collection: TaxiiCollection,
    id: string,
    versions?: readonly string[],
  ): Promise<TaxiiPage> {
    const found = await this.object(ctx, collection, id);
    if (!found) throw new TaxiiError(404, `No object ${id} in this collection`);
    const { stix, element, version } = found;
    return {
      objects: versionMatches(versions, version)
        ? [{ stix, dateAdded: element.updatedAt, version }]
        : [],
      more: false,
    };
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
