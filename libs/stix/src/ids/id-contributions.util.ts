import type { IdContribution, IdPart, IdWay } from './id-contribution.types';

/** A contributing property, optionally `⇐` dependent on others (data-model.md §3.3 notation). */
export function part(src: string, ...dependencies: string[]): IdPart {
  return dependencies.length > 0 ? { src, dependencies } : { src };
}

/** A single-way contribution made of plain property names. */
export function props(...names: (string | IdPart)[]): IdContribution {
  return { kind: 'ways', ways: [names.map((n) => (typeof n === 'string' ? part(n) : n))] };
}

/** Alternative ways, the first non-empty one wins (`A | B`). */
export function alternatives(...ways: (string | IdPart)[][]): IdContribution {
  const built: IdWay[] = ways.map((way) => way.map((n) => (typeof n === 'string' ? part(n) : n)));
  return { kind: 'ways', ways: built };
}
