import { DATE_ATTRIBUTES, NUMBER_ATTRIBUTES, SORT_ATTRIBUTES } from '@lib/entity-store';
import type { QueryClause } from '@lib/entity-store';
import type { SearchQuery } from '../../search-query.types';
import { InvalidQueryError } from '../../errors/search-index.error';

// Sort clauses and search_after cursors, pure. Every sort ends with internal_id, so the order is
// total and a cursor (the last hit's sort values) designates one position.

const PLATFORM_ORDER: Record<string, string> = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  entity_type: 'entity_type',
  standard_id: 'standard_id',
};

function attributeField(by: string): string | undefined {
  if ((SORT_ATTRIBUTES as readonly string[]).includes(by)) {
    return `sort.${by}`;
  }
  if ((NUMBER_ATTRIBUTES as readonly string[]).includes(by)) {
    return `num.${by}`;
  }
  if ((DATE_ATTRIBUTES as readonly string[]).includes(by)) {
    return `date.${by}`;
  }
  return undefined;
}

/** The sort of a query: its order (default insertion order), then internal_id. */
export function compileSort(
  query: Pick<SearchQuery, 'orderBy' | 'orderMode' | 'search'>,
): QueryClause[] {
  const order = query.orderMode === 'desc' ? 'desc' : 'asc';
  const tail = [{ seq: order }, { internal_id: order }];
  const by = query.orderBy;
  if (!by || (by === '_score' && !query.search)) {
    return tail;
  }
  if (by === '_score') {
    return [{ _score: order }, ...tail];
  }
  const field = PLATFORM_ORDER[by] ?? attributeField(by);
  if (field === undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(by)) {
      throw new InvalidQueryError(`Invalid orderBy "${by}"`);
    }
    throw new InvalidQueryError(`orderBy "${by}" is not a sortable attribute of this store`, {
      sortable: [
        ...Object.keys(PLATFORM_ORDER),
        ...SORT_ATTRIBUTES,
        ...NUMBER_ATTRIBUTES,
        ...DATE_ATTRIBUTES,
      ],
    });
  }
  // A missing value sorts first ascending and last descending, as an empty value would.
  return [{ [field]: { order, missing: order === 'asc' ? '_first' : '_last' } }, ...tail];
}

export function encodeCursor(sortValues: unknown[]): string {
  return Buffer.from(JSON.stringify(sortValues)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidQueryError(`Invalid cursor "${cursor}"`, { cause: String(cause) });
  }
  if (!Array.isArray(parsed) || parsed.length !== length) {
    throw new InvalidQueryError(`Invalid cursor "${cursor}"`);
  }
  return parsed as unknown[];
}
