/**
 * The Graph tab: controls, the type filter (filled by the page module once it knows the types)
 * and the canvas. The `graph` page module (libs/ui/client/graph) pages `source`, lays the graph
 * out in a Web Worker (`worker`) and draws it with cytoscape.
 */
export function GraphView(props: {
  source: string;
  worker: string;
  container: boolean;
}): JSX.Element {
  const what = props.container ? 'its objects and their relationships' : 'its neighbourhood';
  return (
    <section
      class="graph"
      aria-labelledby="graph-title"
      data-module="graph"
      data-src={props.source}
      data-worker={props.worker}
      data-state="loading"
    >
      <h2 id="graph-title" class="visually-hidden" safe>
        {`Graph of ${what}`}
      </h2>
      <div class="graph-bar">
        <div class="graph-toolbar" role="toolbar" aria-label="Graph controls">
          <button type="button" data-action="fit">
            Fit
          </button>
          <button type="button" data-action="zoom-in" aria-label="Zoom in">
            +
          </button>
          <button type="button" data-action="zoom-out" aria-label="Zoom out">
            −
          </button>
          <button type="button" data-action="expand" disabled>
            Expand
          </button>
          <button type="button" data-action="collapse" disabled>
            Collapse
          </button>
          <button type="button" data-action="relayout">
            Re-layout
          </button>
        </div>
        <p class="graph-status" role="status" aria-live="polite">
          Loading the graph…
        </p>
      </div>
      <fieldset class="graph-types">
        <legend>Entity types shown</legend>
        <span class="muted">Loading…</span>
      </fieldset>
      <div
        class="graph-canvas"
        tabindex="0"
        role="application"
        aria-label="Graph canvas"
        aria-describedby="graph-help"
      ></div>
      <p class="graph-selection" aria-live="polite"></p>
      <p id="graph-help" class="muted graph-help">
        Click a node to select it, double-click to expand it. With the canvas focused: arrow keys
        pan, + and − zoom, 0 fits the graph, N and Shift+N select the next or previous node, Enter
        expands the selected node and Backspace collapses it.
      </p>
    </section>
  );
}
