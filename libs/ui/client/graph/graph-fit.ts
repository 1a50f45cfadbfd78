import type { Core } from 'cytoscape';

/**
 * Fits the nodes in view by their bodies only (measuring thousands of labels is slow), no closer
 * than `maxZoom` (a handful of nodes would fill the screen).
 */
export function fitNodes(cy: Core, padding = 30, maxZoom = 2.2): void {
  const box = cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
  if (box.w === 0 && box.h === 0) {
    cy.center();
    return;
  }
  const zoom = Math.min(
    maxZoom,
    Math.max(
      cy.minZoom(),
      Math.min((cy.width() - 2 * padding) / box.w, (cy.height() - 2 * padding) / box.h),
    ),
  );
  cy.viewport({
    zoom,
    pan: {
      x: (cy.width() - zoom * (box.x1 + box.x2)) / 2,
      y: (cy.height() - zoom * (box.y1 + box.y2)) / 2,
    },
  });
}
