// Level of detail for a large graph's node labels: none while the whole graph is in view (they
// would be too small to read, and measuring thousands of them doubles the first draw), then,
// once zoomed in far enough to read them, the nodes in view get theirs when the view comes to
// rest (zooming and panning stay fluid).
import type { Core } from 'cytoscape';
import { LABEL_FONT_SIZE, MIN_LABEL_SIZE } from './graph-style';

const REST_MS = 120;
const MARGIN = 0.25;

/**
 * Labels the nodes in view, from the zoom where labels are legible; `labelled` hears how many
 * are. Returns a function to call when nodes moved or came (it labels those then in view).
 */
export function labelNodesInView(cy: Core, labelled: (count: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let count = 0;
  const label = (): void => {
    timer = undefined;
    if (cy.destroyed() || cy.zoom() * LABEL_FONT_SIZE < MIN_LABEL_SIZE) return;
    const box = cy.extent();
    const dx = box.w * MARGIN;
    const dy = box.h * MARGIN;
    const fresh = cy.nodes().filter((node) => {
      if (node.hasClass('labelled')) return false;
      const { x, y } = node.position();
      return x >= box.x1 - dx && x <= box.x2 + dx && y >= box.y1 - dy && y <= box.y2 + dy;
    });
    if (fresh.empty()) return;
    fresh.addClass('labelled');
    count += fresh.length;
    labelled(count);
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(label, REST_MS);
  };
  cy.on('viewport', schedule);
  return schedule;
}
