import type { Core, NodeSingular } from 'cytoscape';

const NODE_RADIUS = 14;

type Point = { x: number; y: number };
type Box = { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
export type Viewport = { zoom: number; pan: Point };

/** The box around these centres, node bodies included. */
function boxOf(points: Iterable<Point>): Box {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const { x, y } of points) {
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x);
    y2 = Math.max(y2, y);
  }
  if (x1 === Infinity) return { x1: 0, y1: 0, x2: 0, y2: 0, w: 0, h: 0 };
  [x1, y1, x2, y2] = [x1 - NODE_RADIUS, y1 - NODE_RADIUS, x2 + NODE_RADIUS, y2 + NODE_RADIUS];
  return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
}

/**
 * The viewport that fits these node centres in a `width`×`height` canvas, no closer than
 * `maxZoom` (a handful of nodes would fill the screen), no farther than `minZoom`.
 */
export function fitViewport(
  points: Iterable<Point>,
  size: { width: number; height: number },
  { padding = 30, minZoom = 0.02, maxZoom = 2.2 } = {},
): Viewport {
  const bounds = boxOf(points);
  if (bounds.w === 0 && bounds.h === 0) {
    return { zoom: 1, pan: { x: size.width / 2 - bounds.x1, y: size.height / 2 - bounds.y1 } };
  }
  const zoom = Math.min(
    maxZoom,
    Math.max(
      minZoom,
      Math.min((size.width - 2 * padding) / bounds.w, (size.height - 2 * padding) / bounds.h),
    ),
  );
  return {
    zoom,
    pan: {
      x: (size.width - zoom * (bounds.x1 + bounds.x2)) / 2,
      y: (size.height - zoom * (bounds.y1 + bounds.y2)) / 2,
    },
  };
}

/**
 * Fits the shown nodes in view, by their bodies (cytoscape's own bounding box styles and
 * measures every label first: slow for thousands).
 */
export function fitNodes(cy: Core, padding = 30, maxZoom = 2.2): void {
  const shown = cy.nodes().not('.filtered');
  const points = shown.map((node) => (node as NodeSingular).position());
  if (points.length === 0) {
    cy.center();
    return;
  }
  cy.viewport(
    fitViewport(
      points,
      { width: cy.width(), height: cy.height() },
      {
        padding,
        minZoom: cy.minZoom(),
        maxZoom,
      },
    ),
  );
}
