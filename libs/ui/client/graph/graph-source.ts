// Reads the graph endpoint page by page (same-origin, the session cookie authenticates).

export type GraphNode = { id: string; label: string; type: string };
export type GraphEdge = { id: string; source: string; target: string; label: string };
type GraphPage = {
  root: string;
  kind: 'neighbourhood' | 'container';
  nodes: GraphNode[];
  edges: GraphEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; globalCount?: number };
};

export type GraphData = {
  root: string;
  kind: GraphPage['kind'];
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** More was there than `maxNodes` allowed. */
  truncated: boolean;
};

// The endpoint's largest page (GRAPH_PAGE_MAX): fewer round trips for a big graph.
const PAGE = 5000;

/** The JSON URL of an element's graph. */
export function graphUrl(id: string): string {
  return `/entity/${encodeURIComponent(id)}/graph.json`;
}

/** Every page of `url` (up to `maxNodes` nodes); `progress` hears the count so far. */
export async function loadGraph(
  url: string,
  maxNodes: number,
  progress: (nodes: number) => void = () => undefined,
): Promise<GraphData> {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  let after: string | null = null;
  let first: GraphPage | undefined;
  let truncated = false;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (after) query.set('after', after);
    const res = await fetch(`${url}?${query.toString()}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(`the graph answered ${res.status}`);
    const page = (await res.json()) as GraphPage;
    first ??= page;
    for (const n of page.nodes) nodes.set(n.id, n);
    for (const e of page.edges) edges.set(e.id, e);
    progress(nodes.size);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    if (nodes.size >= maxNodes) {
      truncated = true;
      break;
    }
    after = page.pageInfo.endCursor;
  }
  return {
    root: first.root,
    kind: first.kind,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated,
  };
}
