import type { EngineBody } from './search-engine.types';

/**
 * A versioned set of indices: one per family, each behind a write alias ready for rollover, all
 * of them behind one read alias. Names: `<prefix>-<component>-<family>-000001` (concrete),
 * `<prefix>-<component>-<family>` (write alias), `<prefix>-<component>` (read alias).
 */
export type IndexLayout = {
  prefix: string;
  component: string;
  /** Bump to re-apply the template and the (additive) mappings on boot. */
  version: number;
  families: readonly string[];
  mappings: EngineBody;
  settings: EngineBody;
};

export function readAlias(layout: Pick<IndexLayout, 'prefix' | 'component'>): string {
  return `${layout.prefix}-${layout.component}`;
}

export function writeAlias(
  layout: Pick<IndexLayout, 'prefix' | 'component'>,
  family: string,
): string {
  return `${readAlias(layout)}-${family}`;
}

export function metaIndex(prefix: string): string {
  return `${prefix}-meta`;
}
