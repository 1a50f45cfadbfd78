export type PageInfo = {
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  globalCount: number;
};

/** One page of a cursor-paginated list. */
export type Page<T> = {
  items: T[];
  cursors: string[];
  pageInfo: PageInfo;
};
