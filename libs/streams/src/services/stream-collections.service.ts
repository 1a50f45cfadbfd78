import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { CollectionElements } from '../internal/collection-elements';
import {
  COMMON_EDITABLE,
  booleanField,
  checkedFilters,
  collectionBase,
  members,
  requiredName,
} from '../internal/collection-fields.util';
import { STREAM_COLLECTION_ENTITY_TYPE } from '../stream-collection.types';
import type {
  StreamCollection,
  StreamCollectionInput,
  StreamCollectionPatch,
} from '../stream-collection.types';

export function collectionOf(element: StoredElement): StreamCollection {
  return {
    ...collectionBase(element),
    live: element.attributes.stream_live === true,
    public: element.attributes.stream_public === true,
  };
}

/** Live stream definitions (connector-protocol.md §4.8), stored as internal elements. */
@Injectable()
export class StreamCollectionsService {
  private readonly elements: CollectionElements<StreamCollection>;

  constructor(@Inject(EntityStore) store: EntityStore, @Inject(SearchIndex) index: SearchIndex) {
    this.elements = new CollectionElements(store, index, {
      entityType: STREAM_COLLECTION_ENTITY_TYPE,
      label: 'stream collection',
      view: collectionOf,
      editable: { ...COMMON_EDITABLE, stream_live: booleanField, stream_public: booleanField },
    });
  }

  add(ctx: AccessContext, input: StreamCollectionInput): Promise<StreamCollection> {
    return this.elements.add(ctx, {
      name: requiredName(input.name),
      description: input.description ?? '',
      filters: checkedFilters(input.filters),
      stream_live: input.stream_live ?? false,
      stream_public: input.stream_public ?? false,
      authorized_members: members(input.authorized_members ?? []),
    });
  }

  find(id: string): Promise<StreamCollection | undefined> {
    return this.elements.find(id);
  }

  get(id: string): Promise<StreamCollection> {
    return this.elements.get(id);
  }

  /** Every collection, by name; `search` keeps those whose name or description contains it. */
  list(search?: string | null): Promise<StreamCollection[]> {
    return this.elements.list(search);
  }

  /** `fieldPatch`: name, description, filters, stream_live, stream_public, authorized_members. */
  edit(id: string, patches: readonly StreamCollectionPatch[]): Promise<StreamCollection> {
    return this.elements.edit(id, patches);
  }

  delete(id: string): Promise<string> {
    return this.elements.delete(id);
  }
}
