// Where the nodes are drawn before the force layout has run: a sunflower spiral, the root at its
// centre, then the nodes type by type (bands of one colour). It costs nothing, so the graph is on
// screen, whole and interactive, while the worker lays it out from these same positions.
import type { GraphNode } from './graph-source';

export type Point = { x: number; y: number };

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** The i-th point of a sunflower spiral whose points are about `spacing` apart. */
export function spiralPoint(i: number, spacing = 10): Point {
  const radius = spacing * Math.sqrt(0.5 + i);
  const angle = i * GOLDEN_ANGLE;
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/**
 * A start position for each node: the root first, then by type, each type in data order. Nodes
 * (18 wide) just clear each other at `spacing` 16, and the spiral is about as wide as the layout.
 */
export function spiralByType(
  nodes: readonly GraphNode[],
  root: string | undefined,
  spacing = 16,
): Map<string, Point> {
  const order = nodes
    .map((node, index) => ({ node, index }))
    .sort(
      (a, b) =>
        Number(b.node.id === root) - Number(a.node.id === root) ||
        (a.node.type < b.node.type ? -1 : a.node.type > b.node.type ? 1 : 0) ||
        a.index - b.index,
    );
  const positions = new Map<string, Point>();
  order.forEach(({ node }, i) => positions.set(node.id, spiralPoint(i, spacing)));
  return positions;
}
