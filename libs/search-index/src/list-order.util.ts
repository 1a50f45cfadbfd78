import type { OrderMode, SearchQuery } from './search-query.types';

/** What a list asks for: a sort, its direction, the words searched (each possibly absent). */
export type ListOrderArgs = {
  orderBy?: string | null | undefined;
  orderMode?: OrderMode | null | undefined;
  search?: string | null | undefined;
};

/**
 * The order of a list as the search index takes it: the one asked for; none with words searched is
 * by relevance, best first unless a direction is given (as OpenCTI's search engine answers a query
 * without a sort); none without words is the insertion order.
 */
export function listOrder(args: ListOrderArgs): Pick<SearchQuery, 'orderBy' | 'orderMode'> {
  if (args.orderBy) {
    return { orderBy: args.orderBy, ...(args.orderMode ? { orderMode: args.orderMode } : {}) };
  }
  if (args.search) return { orderBy: '_score', orderMode: args.orderMode ?? 'desc' };
  return args.orderMode ? { orderMode: args.orderMode } : {};
}
