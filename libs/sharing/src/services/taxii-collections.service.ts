import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import {
  COMMON_EDITABLE,
  CollectionElements,
  booleanField,
  checkedFilters,
  collectionBase,
  members,
  requiredName,
} from '@lib/streams';
import type { StreamCollectionPatch } from '@lib/streams';
import { TAXII_COLLECTION_ENTITY_TYPE } from '../taxii.types';
import type { TaxiiCollection, TaxiiCollectionInput } from '../taxii.types';

function taxiiCollectionOf(element: StoredElement): TaxiiCollection {
  const a = element.attributes;
  return {
    ...collectionBase(element),
    public: a.taxii_public === true,
    allowWrite: a.taxii_write === true,
    allowDelete: a.taxii_delete === true,
    scoreToConfidence: a.score_to_confidence === true,
  };
}

/** TAXII collection definitions (connector-protocol.md §5), stored as internal elements. */
@Injectable()
export class TaxiiCollectionsService {
  private readonly elements: CollectionElements<TaxiiCollection>;

  constructor(@Inject(EntityStore) store: EntityStore, @Inject(SearchIndex) index: SearchIndex) {
    this.elements = new CollectionElements(store, index, {
      entityType: TAXII_COLLECTION_ENTITY_TYPE,
      label: 'TAXII collection',
      view: taxiiCollectionOf,
      editable: {
        ...COMMON_EDITABLE,
        taxii_public: booleanField,
        taxii_write: booleanField,
        taxii_delete: booleanField,
        score_to_confidence: booleanField,
      },
    });
  }

  add(ctx: AccessContext, input: TaxiiCollectionInput): Promise<TaxiiCollection> {
    return this.elements.add(ctx, {
      name: requiredName(input.name),
      description: input.description ?? '',
      filters: checkedFilters(input.filters),
      taxii_public: input.taxii_public ?? false,
      taxii_write: input.taxii_write ?? false,
      taxii_delete: input.taxii_delete ?? false,
      score_to_confidence: input.score_to_confidence ?? false,
      authorized_members: members(input.authorized_members ?? []),
    });
  }

  find(id: string): Promise<TaxiiCollection | undefined> {
    return this.elements.find(id);
  }

  list(search?: string | null): Promise<TaxiiCollection[]> {
    return this.elements.list(search);
  }

  edit(id: string, patches: readonly StreamCollectionPatch[]): Promise<TaxiiCollection> {
    return this.elements.edit(id, patches);
  }

  delete(id: string): Promise<string> {
    return this.elements.delete(id);
  }
}
