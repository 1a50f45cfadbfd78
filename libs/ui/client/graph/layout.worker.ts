// The graph's force layout, off the main thread: d3-force's simulation run to rest, the positions
// sent back in one transferable array. The page stays responsive however big the graph is.
import { forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';
import type { LayoutAnswer, LayoutRequest } from './layout-protocol';

type Node = SimulationNodeDatum & { id: string };

// Big graphs cool faster: fewer ticks, each one costs O(n log n).
function ticksFor(n: number): number {
  if (n > 3000) return 90;
  if (n > 1000) return 150;
  return 300;
}

function layout(request: LayoutRequest): LayoutAnswer {
  const start = performance.now();
  const nodes: Node[] = request.nodes.map((n) => {
    const node: Node = { id: n.id };
    if (n.x !== undefined && n.y !== undefined) {
      node.x = n.x;
      node.y = n.y;
      if (n.fixed) {
        node.fx = n.x;
        node.fy = n.y;
      }
    }
    return node;
  });
  const links: SimulationLinkDatum<Node>[] = request.links.map(([s, t]) => ({
    source: s,
    target: t,
  }));
  const ticks = ticksFor(nodes.length);
  // A small graph gets room for its labels; a large one stays compact.
  const small = nodes.length < 100;
  // Barnes–Hut: above 1,000 nodes a coarser approximation of the repulsion (theta 1.2) makes each
  // tick about a third cheaper, and the picture is the same (edge lengths within a few %).
  const theta = nodes.length > 1000 ? 1.2 : 0.95;
  const simulation = forceSimulation(nodes)
    .force(
      'charge',
      forceManyBody<Node>()
        .strength(small ? -500 : -60)
        .theta(theta)
        .distanceMax(400),
    )
    .force(
      'link',
      forceLink<Node, SimulationLinkDatum<Node>>(links)
        .distance(small ? 130 : 45)
        .iterations(1),
    )
    .force('x', forceX<Node>(0).strength(0.04))
    .force('y', forceY<Node>(0).strength(0.04))
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .stop();
  simulation.tick(ticks);
  const positions = new Float64Array(nodes.length * 2);
  nodes.forEach((n, i) => {
    positions[i * 2] = n.x ?? 0;
    positions[i * 2 + 1] = n.y ?? 0;
  });
  return { positions, ms: performance.now() - start, ticks };
}

type WorkerScope = {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutAnswer, transfer: Transferable[]): void;
};

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  const answer = layout(event.data);
  scope.postMessage(answer, [answer.positions.buffer]);
};
