import { randomUUID } from 'node:crypto';

type Stix = Record<string, unknown>;

export type GraphReportOptions = {
  nodes: number;
  /** Entity types, assigned in turn. */
  types: readonly string[];
  /** The earlier entity each entity after the first is related to (a tree). */
  parentOf: (index: number) => number;
  /** Further relationships between random entities. */
  extraEdges?: number;
  name: string;
};

/**
 * A report listing `nodes` entities and `related-to` relationships among them (a tree, plus
 * `extraEdges` random ones), with the report last: a graph to draw, for tests and benchmarks.
 */
export function graphReportBundle(options: GraphReportOptions): {
  objects: Stix[];
  reportId: string;
} {
  const now = new Date().toISOString();
  const stamp = { spec_version: '2.1', created: now, modified: now };
  const entities: Stix[] = Array.from({ length: options.nodes }, (_, i) => {
    const type = options.types[i % options.types.length] as string;
    return {
      type,
      ...stamp,
      id: `${type}--${randomUUID()}`,
      name: `${type} ${i}`,
      ...(type === 'malware' ? { is_family: true } : {}),
    };
  });
  const pairs: [number, number][] = [];
  for (let i = 1; i < options.nodes; i += 1) pairs.push([options.parentOf(i), i]);
  for (let k = 0; k < (options.extraEdges ?? 0); k += 1) {
    const pick = () => Math.floor(Math.random() * options.nodes);
    pairs.push([pick(), pick()]);
  }
  const relationships: Stix[] = pairs
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({
      type: 'relationship',
      ...stamp,
      id: `relationship--${randomUUID()}`,
      relationship_type: 'related-to',
      source_ref: entities[a]?.id,
      target_ref: entities[b]?.id,
    }));
  const reportId = `report--${randomUUID()}`;
  const report: Stix = {
    type: 'report',
    ...stamp,
    id: reportId,
    published: now,
    name: options.name,
    object_refs: [...entities, ...relationships].map((o) => o.id),
  };
  return { objects: [...entities, ...relationships, report], reportId };
}
