import type { Core } from 'cytoscape';

const NODE_RADIUS = 14;

/** The box around the nodes' centres (cytoscape's own bounding box computes every style first). */
function box(cy: Core): { x1: number; y1: number; x2: number; y2: number; w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  cy.nodes()
    .not('.filtered')
    .forEach((node) => {
      const { x, y } = node.position();
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x);
      y2 = Math.max(y2, y);
    });
  if (x1 === Infinity) return { x1: 0, y1: 0, x2: 0, y2: 0, w: 0, h: 0 };
  [x1, y1, x2, y2] = [x1 - NODE_RADIUS, y1 - NODE_RADIUS, x2 + NODE_RADIUS, y2 + NODE_RADIUS];
  return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
}

/**
 * Fits the shown nodes in view (their bodies: measuring thousands of labels is slow), no closer
 * than `maxZoom` (a handful of nodes would fill the screen).
 */
export function fitNodes(cy: Core, padding = 30, maxZoom = 2.2): void {
  const bounds = box(cy);
  if (bounds.w === 0 && bounds.h === 0) {
    cy.center();
    return;
  }
  const zoom = Math.min(
    maxZoom,
    Math.max(
      cy.minZoom(),
      Math.min((cy.width() - 2 * padding) / bounds.w, (cy.height() - 2 * padding) / bounds.h),
    ),
  );
  cy.viewport({
    zoom,
    pan: {
      x: (cy.width() - zoom * (bounds.x1 + bounds.x2)) / 2,
      y: (cy.height() - zoom * (bounds.y1 + bounds.y2)) / 2,
    },
  });
}
