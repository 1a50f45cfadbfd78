import type { GraphQuery } from './graph.types';

export const GRAPH_PAGE_DEFAULT = 500;
// The search index's largest page: a 5,000-node graph comes in one to three requests.
export const GRAPH_PAGE_MAX = 5000;
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
const MAX_TYPES = 50;

/** A refused graph query: the endpoint answers 400 with this message. */
export class GraphQueryError extends Error {}

const one = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new GraphQueryError('Each parameter may be given once');
  return value;
};

/**
 * Reads `/entity/<id>/graph.json`'s query: `limit` (1–5000), `types` (comma-separated entity
 * types), `after` (the previous page's `endCursor`), `depth` (1: the direct neighbourhood; wider
 * rings are fetched node by node with expand).
 */
export function readGraphQuery(query: Record<string, unknown>): GraphQuery {
  const depth = one(query.depth);
  if (depth !== undefined && depth !== '1') {
    throw new GraphQueryError('depth must be 1 (expand a node to go further)');
  }
  const limitText = one(query.limit);
  const limit = limitText === undefined ? GRAPH_PAGE_DEFAULT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > GRAPH_PAGE_MAX) {
    throw new GraphQueryError(`limit must be an integer from 1 to ${GRAPH_PAGE_MAX}`);
  }
  const typesText = one(query.types) ?? '';
  const types = typesText
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (types.length > MAX_TYPES || types.some((t) => !TYPE_NAME.test(t))) {
    throw new GraphQueryError('types must be a comma-separated list of entity types');
  }
  const after = one(query.after);
  if (after !== undefined && (after === '' || after.length > 1000)) {
    throw new GraphQueryError('after must be the endCursor of the previous page');
  }
  return { types, limit, after };
}
