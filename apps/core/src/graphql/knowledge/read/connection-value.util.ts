import type { PageInfo } from '@lib/kernel';

const EMPTY_PAGE: PageInfo = {
  startCursor: null,
  endCursor: null,
  hasNextPage: false,
  hasPreviousPage: false,
  globalCount: 0,
};

/** A connection value as the schema's `<Node>Connection` types expect it. */
export type ConnectionValue = {
  edges: { cursor: string; node: unknown }[];
  pageInfo: PageInfo;
};

export function connectionValue(nodes: unknown[], pageInfo?: PageInfo): ConnectionValue {
  return {
    edges: nodes.map((node, i) => ({ cursor: String(i), node })),
    pageInfo: pageInfo ?? { ...EMPTY_PAGE, globalCount: nodes.length },
  };
}
