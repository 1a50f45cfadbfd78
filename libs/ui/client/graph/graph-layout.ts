// Runs a layout in the worker (one worker per request: it is terminated once it answered).
import type { LayoutAnswer, LayoutNode, LayoutRequest } from './layout-protocol';

export type Placed = { positions: Map<string, { x: number; y: number }>; ms: number };

export function runLayout(
  workerUrl: string,
  nodes: LayoutNode[],
  edges: readonly { source: string; target: string }[],
): Promise<Placed> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const links: [number, number][] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined && s !== t) links.push([s, t]);
  }
  const request: LayoutRequest = { nodes, links };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { type: 'module', name: 'graph-layout' });
    worker.onmessage = (event: MessageEvent<LayoutAnswer>) => {
      worker.terminate();
      const { positions: flat, ms } = event.data;
      const positions = new Map<string, { x: number; y: number }>();
      nodes.forEach((n, i) =>
        positions.set(n.id, { x: flat[i * 2] ?? 0, y: flat[i * 2 + 1] ?? 0 }),
      );
      resolve({ positions, ms });
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the layout failed: ${event.message}`));
    };
    worker.postMessage(request);
  });
}
