/** One node of a graph page: an entity the reader may see. */
export type GraphNode = { id: string; label: string; type: string };

/** One edge: a relationship (or sighting) between two nodes. */
export type GraphEdge = { id: string; source: string; target: string; label: string };

/**
 * One page of a graph (`/entity/<id>/graph.json`): the nodes and edges it adds. Edges may name a
 * node of another page; the client keeps them until both ends are there.
 */
export type GraphPage = {
  /** The element the graph is of (the entity, or the container). */
  root: string;
  /** `neighbourhood` of an entity, or the `container`'s objects. */
  kind: 'neighbourhood' | 'container';
  nodes: GraphNode[];
  edges: GraphEdge[];
  pageInfo: {
    hasNextPage: boolean;
    endCursor: string | null;
    /** Neighbourhood: the visible relationships in all. (A container's hidden objects are not counted.) */
    globalCount?: number;
  };
};

/** The graph endpoint's query, checked. */
export type GraphQuery = {
  types: string[];
  limit: number;
  after?: string | undefined;
};
