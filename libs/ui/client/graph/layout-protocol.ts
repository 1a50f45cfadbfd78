// Messages between the graph module and its layout worker.

/** A node to place: `fixed` ones keep their position (an expand lays out the new ones only). */
export type LayoutNode = { id: string; x?: number; y?: number; fixed?: boolean };

export type LayoutRequest = {
  nodes: LayoutNode[];
  /** Edges as indexes into `nodes`. */
  links: [number, number][];
};

/** x, y of each node of the request, in its order; the time the simulation took. */
export type LayoutAnswer = { positions: Float64Array; ms: number; ticks: number };
