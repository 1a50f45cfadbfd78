import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { entityTypeInfo, isAbstractType } from '@lib/stix';
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
import { FEED_ENTITY_TYPE } from '../feed.types';
import type { Feed, FeedAttribute, FeedFormat, FeedInput } from '../feed.types';

const FORMATS: readonly FeedFormat[] = ['csv', 'txt', 'json'];

function invalid(field: string, message: string): AppError {
  return new AppError({
    code: 'FEED_INVALID',
    category: 'validation',
    message: `${field}: ${message}`,
    details: { field },
  });
}

function checkedTypes(types: readonly unknown[]): string[] {
  const checked = types.map((t, i) => {
    if (typeof t !== 'string' || (!entityTypeInfo(t) && !isAbstractType(t))) {
      throw invalid(`feed_types[${i}]`, `unknown entity type ${String(t)}`);
    }
    return t;
  });
  if (checked.length === 0) throw invalid('feed_types', 'at least one entity type');
  return checked;
}

function checkedAttributes(given: readonly unknown[]): FeedAttribute[] {
  if (given.length === 0) throw invalid('feed_attributes', 'at least one column');
  return given.map((raw, i) => {
    const a = raw as Partial<FeedAttribute>;
    if (typeof a.attribute !== 'string' || !a.attribute || !Array.isArray(a.mappings)) {
      throw invalid(`feed_attributes[${i}]`, 'needs an attribute name and mappings');
    }
    return {
      attribute: a.attribute,
      mappings: a.mappings.map((m, j) => {
        if (typeof m?.type !== 'string' || typeof m.attribute !== 'string') {
          throw invalid(`feed_attributes[${i}].mappings[${j}]`, 'needs a type and an attribute');
        }
        return { type: m.type, attribute: m.attribute };
      }),
    };
  });
}

function checkedFormat(format: unknown): FeedFormat {
  if (!FORMATS.includes(format as FeedFormat)) {
    throw invalid('format', `one of ${FORMATS.join(', ')}`);
  }
  return format as FeedFormat;
}

function checkedSeparator(separator: unknown): string {
  if (typeof separator !== 'string' || separator.length !== 1 || /["\r\n]/.test(separator)) {
    throw invalid('separator', 'one character, not a quote or a line break');
  }
  return separator;
}

function feedOf(element: StoredElement): Feed {
  const a = element.attributes;
  return {
    ...collectionBase(element),
    format: FORMATS.includes(a.format as FeedFormat) ? (a.format as FeedFormat) : 'csv',
    separator: typeof a.separator === 'string' ? a.separator : ',',
    includeHeader: a.include_header !== false,
    rollingTime: typeof a.rolling_time === 'number' ? a.rolling_time : 0,
    types: Array.isArray(a.feed_types) ? (a.feed_types as string[]) : [],
    attributes: Array.isArray(a.feed_attributes) ? (a.feed_attributes as FeedAttribute[]) : [],
    public: a.feed_public === true,
  };
}

const rolling = (v: readonly unknown[]): number => {
  const minutes = Number(v[0] ?? 0);
  if (!Number.isInteger(minutes) || minutes < 0) throw invalid('rolling_time', 'whole minutes');
  return minutes;
};

/** Pull feeds (CSV, text, JSON by filters), stored as internal elements. */
@Injectable()
export class FeedCollectionsService {
  private readonly elements: CollectionElements<Feed>;

  constructor(@Inject(EntityStore) store: EntityStore, @Inject(SearchIndex) index: SearchIndex) {
    this.elements = new CollectionElements(store, index, {
      entityType: FEED_ENTITY_TYPE,
      label: 'feed',
      view: feedOf,
      editable: {
        ...COMMON_EDITABLE,
        feed_public: booleanField,
        include_header: booleanField,
        rolling_time: rolling,
        format: (v) => checkedFormat(v[0]),
        separator: (v) => checkedSeparator(v[0]),
        feed_types: (v) => checkedTypes(v),
        feed_attributes: (v) => checkedAttributes(v),
      },
    });
  }

  add(ctx: AccessContext, input: FeedInput): Promise<Feed> {
    return this.elements.add(ctx, {
      name: requiredName(input.name),
      description: input.description ?? '',
      filters: checkedFilters(input.filters),
      feed_types: checkedTypes(input.feed_types),
      feed_attributes: checkedAttributes(input.feed_attributes),
      format: checkedFormat(input.format ?? 'csv'),
      separator: checkedSeparator(input.separator ?? ','),
      include_header: input.include_header ?? true,
      rolling_time: rolling([input.rolling_time ?? 0]),
      feed_public: input.feed_public ?? false,
      authorized_members: members(input.authorized_members ?? []),
    });
  }

  find(id: string): Promise<Feed | undefined> {
    return this.elements.find(id);
  }

  list(search?: string | null): Promise<Feed[]> {
    return this.elements.list(search);
  }

  edit(id: string, patches: readonly StreamCollectionPatch[]): Promise<Feed> {
    return this.elements.edit(id, patches);
  }

  delete(id: string): Promise<string> {
    return this.elements.delete(id);
  }
}
