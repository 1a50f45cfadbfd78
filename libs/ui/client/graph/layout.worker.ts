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

// A small graph gets room for its labels, a large one stays compact, and those between get
// between (by the logarithm of their size): a star of 120 neighbours laid out as compactly as
// 1,000 nodes was a disc of overprinted labels.
const ROOMY = { nodes: 50, charge: -500, distance: 130 };
const COMPACT = { nodes: 1000, charge: -60, distance: 45 };

function spacingFor(n: number): { charge: number; distance: number } {
  const t = Math.min(
    1,
    Math.max(0, Math.log(n / ROOMY.nodes) / Math.log(COMPACT.nodes / ROOMY.nodes)),
  );
  return {
    charge: ROOMY.charge + t * (COMPACT.charge - ROOMY.charge),
    distance: ROOMY.distance + t * (COMPACT.distance - ROOMY.distance),
  };
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
  const { charge, distance } = spacingFor(nodes.length);
  // Barnes–Hut: above 1,000 nodes a coarser approximation of the repulsion (theta 1.2) makes each
  // tick about a third cheaper, and the picture is the same (edge lengths within a few %).
  const theta = nodes.length > 1000 ? 1.2 : 0.95;
  const simulation = forceSimulation(nodes)
    .force('charge', forceManyBody<Node>().strength(charge).theta(theta).distanceMax(400))
    .force(
      'link',
      forceLink<Node, SimulationLinkDatum<Node>>(links).distance(distance).iterations(1),
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
