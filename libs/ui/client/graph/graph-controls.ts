// The graph's toolbar and keyboard: fit, zoom, expand/collapse the selected node, and with the
// canvas focused, arrows pan, +/− zoom, 0 fits, N/Shift+N walk the nodes, Enter/Backspace
// expand/collapse.
import type { Core, NodeSingular } from 'cytoscape';
import { fitNodes } from './graph-fit';

/** What the controls drive (the graph module's panel). */
export type GraphActions = {
  readonly el: HTMLElement;
  readonly cy: Core | undefined;
  say(text: string): void;
  expand(node: NodeSingular): Promise<void>;
  collapse(node: NodeSingular): void;
  relayout(): Promise<void>;
  expanded(node: NodeSingular): boolean;
};

const PAN_STEP = 80;
const ZOOM_STEP = 1.3;

export function bindGraphControls(panel: GraphActions): void {
  const cy = panel.cy;
  if (!cy) return;
  const el = panel.el;
  const canvas = el.querySelector<HTMLElement>('.graph-canvas');
  const selection = el.querySelector<HTMLElement>('.graph-selection');
  const button = (action: string) =>
    el.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  const selected = (): NodeSingular | undefined => {
    const node = cy.nodes(':selected').first();
    return node.nonempty() ? node : undefined;
  };
  const zoom = (factor: number): void => {
    cy.zoom({
      level: cy.zoom() * factor,
      renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 },
    });
  };
  const refresh = (): void => {
    const node = selected();
    const expandButton = button('expand');
    const collapseButton = button('collapse');
    if (expandButton) expandButton.disabled = !node || panel.expanded(node);
    if (collapseButton) collapseButton.disabled = !node || !panel.expanded(node);
    if (!selection) return;
    selection.replaceChildren();
    if (!node) return;
    const link = document.createElement('a');
    link.href = `/entity/${encodeURIComponent(node.id())}`;
    link.textContent = String(node.data('label'));
    selection.append('Selected: ', link, ` (${String(node.data('type')).replace(/-/g, ' ')})`);
  };
  const run = (action: Promise<void> | void): void => {
    Promise.resolve(action)
      .then(refresh)
      .catch((error: unknown) => panel.say(`Failed: ${String(error)}`));
  };
  const step = (direction: 1 | -1): void => {
    const nodes = cy.nodes().not('.filtered');
    if (nodes.empty()) return;
    const current = selected();
    const at = current ? nodes.toArray().findIndex((n) => n.id() === current.id()) : -1;
    const next = nodes[(at + direction + nodes.length) % nodes.length] as NodeSingular;
    cy.nodes(':selected').unselect();
    next.select();
    cy.center(next);
  };

  el.querySelector('.graph-toolbar')?.addEventListener('click', (event) => {
    const action = (event.target as Element).closest<HTMLButtonElement>('button')?.dataset.action;
    const node = selected();
    if (action === 'fit') fitNodes(cy);
    else if (action === 'zoom-in') zoom(ZOOM_STEP);
    else if (action === 'zoom-out') zoom(1 / ZOOM_STEP);
    else if (action === 'expand' && node) run(panel.expand(node));
    else if (action === 'collapse' && node) run(panel.collapse(node));
    else if (action === 'relayout') run(panel.relayout());
  });
  cy.on('select unselect', 'node', refresh);
  cy.on('dbltap', 'node', (event) => run(panel.expand(event.target as NodeSingular)));
  canvas?.addEventListener('keydown', (event) => {
    const node = selected();
    const keys: Record<string, () => void> = {
      ArrowLeft: () => cy.panBy({ x: PAN_STEP, y: 0 }),
      ArrowRight: () => cy.panBy({ x: -PAN_STEP, y: 0 }),
      ArrowUp: () => cy.panBy({ x: 0, y: PAN_STEP }),
      ArrowDown: () => cy.panBy({ x: 0, y: -PAN_STEP }),
      '+': () => zoom(ZOOM_STEP),
      '=': () => zoom(ZOOM_STEP),
      '-': () => zoom(1 / ZOOM_STEP),
      '0': () => fitNodes(cy),
      n: () => step(1),
      N: () => step(-1),
      Enter: () => node && run(panel.expand(node)),
      Backspace: () => node && run(panel.collapse(node)),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  });
}
