// The Graph tab's page module: pages the graph JSON and draws it with cytoscape at once, at start
// positions (a large graph) while a Web Worker lays it out (d3-force), then moves the nodes to
// the layout. Level of detail keeps 5,000 nodes fluid: a large graph has no labels until zoomed in
// far enough to read them (then only the nodes in view), and while panning or zooming it is
// drawn without its edges.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, NodeSingular } from 'cytoscape';
import { bindGraphControls } from './graph-controls';
import { fitNodes, fitViewport } from './graph-fit';
import { runLayout } from './graph-layout';
import { graphUrl, loadGraph } from './graph-source';
import type { GraphEdge, GraphNode } from './graph-source';
import { labelNodesInView } from './graph-labels';
import { spiralByType } from './graph-placement';
import { colourOf, graphStyle } from './graph-style';
import { whenDetached } from '../page-lifetime';
import { TypeFilter } from './type-filter';

const MAX_NODES = 10_000;
const MAX_EXPAND = 2_000;
// Above this many nodes, the large graph's level of detail (graph-style.ts, graph-labels.ts): at
// 1,000 nodes, labelling every node and edge slowed the first draw and each zoom frame a lot.
const LARGE = 500;
// Up to this many nodes, the layout takes a few tens of milliseconds: the graph waits for it.
const SHOW_LAID_OUT = 300;

type Expansion = { nodes: string[]; edges: string[] };

/** The graph of one page element; `el` is the `[data-module=graph]` section. */
export class GraphPanel {
  cy: Core | undefined;
  private readonly status: HTMLElement;
  private readonly expansions = new Map<string, Expansion>();
  private readonly pending = new Map<string, GraphEdge>();
  private filter: TypeFilter | undefined;
  private large = false;
  /** Settles once the first layout is drawn (expand and re-layout wait for it). */
  private laidOut: Promise<unknown> = Promise.resolve();
  /** Labels the nodes then in view (large graphs, zoomed in). */
  private relabel: () => void = () => undefined;

  constructor(readonly el: HTMLElement) {
    this.status = el.querySelector<HTMLElement>('.graph-status') ?? el;
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  async start(): Promise<void> {
    const src = this.el.dataset.src ?? '';
    const worker = this.el.dataset.worker ?? '';
    const t0 = performance.now();
    const data = await loadGraph(src, MAX_NODES, (n) =>
      this.say(`Loading the graph… ${n.toLocaleString('en')} nodes`),
    );
    const t1 = performance.now();
    performance.mark('graph-data');
    const canvas = this.el.querySelector<HTMLElement>('.graph-canvas');
    if (!canvas) throw new Error('the graph has no canvas');
    preventStyleInjection();
    this.large = data.nodes.length > LARGE;
    const root = data.kind === 'neighbourhood' ? data.root : undefined;
    // The worker lays the graph out from the positions drawn first: a big graph is on screen at
    // once, at those, and moves to the layout's when it lands; a small one waits for it (brief).
    const start = spiralByType(data.nodes, root);
    const layout = runLayout(
      worker,
      data.nodes.map((n) => ({ id: n.id, ...(start.get(n.id) ?? { x: 0, y: 0 }) })),
      data.edges,
    );
    const early = data.nodes.length <= SHOW_LAID_OUT ? await layout : undefined;
    const first = early?.positions ?? start;
    const elements: ElementDefinition[] = data.nodes.map((n) => ({
      group: 'nodes',
      data: { ...n, colour: colourOf(n.type) },
      position: first.get(n.id) ?? { x: 0, y: 0 },
      classes: n.id === root ? 'root' : '',
    }));
    const ids = new Set(data.nodes.map((n) => n.id));
    // Edges between nodes at start positions say nothing (a hairball over the spiral) and cost
    // half the first draw: they come with the layout.
    const edges = this.edgeElements(data.edges, ids);
    if (early) elements.push(...edges);
    const types = [...new Set(data.nodes.map((n) => n.type))].sort();
    const t2 = performance.now();
    const cy = cytoscape({
      container: canvas,
      elements,
      layout: { name: 'preset', fit: false },
      ...fitViewport(first.values(), { width: canvas.clientWidth, height: canvas.clientHeight }),
      style: graphStyle(this.large),
      // Not textureOnViewport: its snapshot of the view, taken as each pan or zoom starts, costs
      // a full redraw at twice the resolution (~0.5 s at 5,000 nodes in software rendering) before
      // the gesture is answered; without it each frame draws the nodes' cached images instead.
      hideEdgesOnViewport: this.large,
      hideLabelsOnViewport: true,
      motionBlur: false,
      pixelRatio: this.large ? 1 : 'auto',
      minZoom: 0.02,
      maxZoom: 5,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Dragging a node the layout is about to move would be undone.
      autoungrabify: !early,
    });
    const t3 = performance.now();
    this.cy = cy;
    this.filter = new TypeFilter(this.el, cy, () => this.count());
    this.filter.addTypes(types);
    bindGraphControls(this);
    // The user's own pans and zooms (not the fit when the layout lands): counted for the tests
    // and benchmark, and once there is one the layout no longer refits the view.
    let moved = 0;
    let fitting = false;
    cy.on('viewport', () => {
      this.el.dataset.zoom = cy.zoom().toFixed(4);
      if (fitting) return;
      moved += 1;
      this.el.dataset.userViewports = String(moved);
      this.el.dataset.viewportMs ??= String(Math.round(performance.now()));
    });
    if (this.large) {
      this.relabel = labelNodesInView(cy, (n) => {
        this.el.dataset.labelledCount = String(n);
      });
    }
    this.watchTheme();
    this.count();
    const note = data.truncated ? ` (the first ${MAX_NODES.toLocaleString('en')})` : '';
    const summary = () =>
      `${cy.nodes().length.toLocaleString('en')} nodes and ${cy.edges().length.toLocaleString('en')} edges${note}`;
    const drawn = new Promise<void>((resolve) => {
      cy.one('render', () => {
        performance.mark('graph-ready');
        Object.assign(this.el.dataset, {
          fetchMs: String(Math.round(t1 - t0)),
          cytoscapeMs: String(Math.round(t3 - t2)),
          mountedMs: String(Math.round(t0)),
          readyMs: String(Math.round(performance.now())),
          zoom: cy.zoom().toFixed(4),
          state: 'ready',
        });
        this.say(
          early
            ? `${summary()}.`
            : `${cy.nodes().length.toLocaleString('en')} nodes${note}; laying out…`,
        );
        resolve();
      });
    });
    // The layout moves the nodes once they are drawn (never before: what is on screen first is
    // the whole graph, at its start positions).
    const settle = async (): Promise<void> => {
      const [placed] = await Promise.all([layout, drawn]);
      const t4 = performance.now();
      if (cy.destroyed()) return;
      if (!early) {
        cy.batch(() => {
          cy.nodes().forEach((node) => {
            const p = placed.positions.get(node.id());
            if (p) node.position(p);
          });
          cy.add(edges);
        });
        this.count();
        if (!moved) {
          fitting = true;
          fitNodes(cy);
          fitting = false;
        }
        cy.autoungrabify(false);
        this.relabel();
        this.say(`${summary()}.`);
      }
      performance.mark('graph-layout');
      Object.assign(this.el.dataset, {
        layoutMs: String(Math.round(placed.ms)),
        layoutDoneMs: String(Math.round(performance.now())),
        positionsMs: String(Math.round(performance.now() - t4)),
        layout: 'done',
      });
    };
    this.laidOut = settle();
    await this.laidOut;
  }

  /** Edges whose two ends are drawn; the others wait (an expand may bring their end). */
  private edgeElements(edges: readonly GraphEdge[], ids: ReadonlySet<string>): ElementDefinition[] {
    const ready: ElementDefinition[] = [];
    for (const e of [...this.pending.values(), ...edges]) {
      if (ids.has(e.source) && ids.has(e.target)) {
        this.pending.delete(e.id);
        ready.push({ group: 'edges', data: { ...e } });
      } else {
        this.pending.set(e.id, e);
      }
    }
    return ready;
  }

  /** Adds the node's neighbours that are not drawn yet, laid out around it. */
  async expand(node: NodeSingular): Promise<void> {
    await this.laidOut;
    const cy = this.cy;
    if (!cy || this.expansions.has(node.id())) return;
    this.say(`Expanding ${String(node.data('label'))}…`);
    const data = await loadGraph(graphUrl(node.id()), MAX_EXPAND);
    const fresh = data.nodes.filter((n) => cy.getElementById(n.id).empty());
    const centre = node.position();
    const anchors = new Set<string>([node.id()]);
    const all = new Set([...cy.nodes().map((n) => n.id()), ...fresh.map((n) => n.id)]);
    const newEdges = this.edgeElements(
      data.edges.filter((e) => cy.getElementById(e.id).empty()),
      all,
    );
    for (const e of newEdges) {
      for (const end of [e.data.source as string, e.data.target as string]) {
        if (!cy.getElementById(end).empty()) anchors.add(end);
      }
    }
    const ring = 40 + 6 * Math.sqrt(fresh.length);
    const start = fresh.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
      return {
        id: n.id,
        x: centre.x + ring * Math.cos(angle),
        y: centre.y + ring * Math.sin(angle),
      };
    });
    const fixed = [...anchors].map((id) => ({
      ...cy.getElementById(id).position(),
      id,
      fixed: true,
    }));
    const placed = await runLayout(
      this.el.dataset.worker ?? '',
      [...fixed, ...start],
      newEdges.map((e) => ({
        source: e.data.source as string,
        target: e.data.target as string,
      })),
    );
    const added = cy.add([
      ...fresh.map((n: GraphNode) => ({
        group: 'nodes' as const,
        data: { ...n, colour: colourOf(n.type) },
        position: placed.positions.get(n.id) ?? centre,
      })),
      ...newEdges,
    ]);
    this.expansions.set(node.id(), {
      nodes: added.nodes().map((n) => n.id()),
      edges: added.edges().map((e) => e.id()),
    });
    node.addClass('expanded');
    this.filter?.addTypes([...new Set(fresh.map((n) => n.type))]);
    this.filter?.apply(added.nodes());
    this.relabel();
    this.count();
    this.say(`${fresh.length} neighbours added to ${String(node.data('label'))}.`);
  }

  /** Removes what expanding the node added (and what expanding those added, in turn). */
  collapse(node: NodeSingular): void {
    const cy = this.cy;
    const expansion = this.expansions.get(node.id());
    if (!cy || !expansion) {
      this.say('This node was not expanded.');
      return;
    }
    for (const id of expansion.nodes) {
      const child = cy.getElementById(id);
      if (child.nonempty() && this.expansions.has(id)) this.collapse(child);
    }
    let gone = cy.collection();
    for (const id of [...expansion.nodes, ...expansion.edges])
      gone = gone.union(cy.getElementById(id));
    cy.remove(gone);
    this.expansions.delete(node.id());
    node.removeClass('expanded');
    this.count();
    this.say(`${expansion.nodes.length} neighbours of ${String(node.data('label'))} removed.`);
  }

  /** Lays the whole graph out again from where its nodes are. */
  async relayout(): Promise<void> {
    await this.laidOut;
    const cy = this.cy;
    if (!cy) return;
    this.say('Laying out…');
    const placed = await runLayout(
      this.el.dataset.worker ?? '',
      cy.nodes().map((n) => ({ id: n.id(), ...n.position() })),
      cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    );
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const p = placed.positions.get(n.id());
        if (p) n.position(p);
      });
    });
    fitNodes(cy);
    this.say(`Laid out in ${Math.round(placed.ms)} ms.`);
  }

  expanded(node: NodeSingular): boolean {
    return this.expansions.has(node.id());
  }

  /** Node and edge counts as data attributes (tests and benchmarks read them). */
  count(): void {
    const cy = this.cy;
    if (!cy) return;
    Object.assign(this.el.dataset, {
      nodeCount: String(cy.nodes().length),
      edgeCount: String(cy.edges().length),
      visibleNodeCount: String(cy.nodes().not('.filtered').length),
    });
  }

  /** Restyles on a theme change, until hx-boost swaps this graph out of the page. */
  private watchTheme(): void {
    const observer = new MutationObserver(() => this.restyle());
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    whenDetached(this.el, () => {
      observer.disconnect();
      this.cy?.destroy();
      this.el.dataset.state = 'detached';
    });
  }

  private restyle(): void {
    if (!this.cy || this.cy.destroyed()) return;
    this.cy.style(graphStyle(this.large));
  }
}

// cytoscape adds a one-rule <style> to the head unless an element with this id exists: the CSP
// would refuse it (the rule, position: relative, is in graph.css instead).
function preventStyleInjection(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  marker.name = 'cytoscape-style';
  marker.content = 'in graph.css';
  document.head.appendChild(marker);
}

export function mount(el: HTMLElement): void {
  const panel = new GraphPanel(el);
  panel.start().catch((error: unknown) => {
    el.dataset.state = 'error';
    panel.say(
      `The graph could not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}
