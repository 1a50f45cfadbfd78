import type { StoredElement } from '@lib/entity-store';
import { entityTypeInfo } from '@lib/stix';

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const NAMED_FILES = new Set(['StixFile', 'Artifact']);

function union(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set(a.map((v) => JSON.stringify(v)));
  return [...a, ...b.filter((v) => !seen.has(JSON.stringify(v)))];
}

function addNames(
  attributes: Record<string, unknown>,
  field: string,
  names: readonly unknown[],
  own: unknown,
): void {
  const current = Array.isArray(attributes[field]) ? (attributes[field] as unknown[]) : [];
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  const fresh = names.filter(
    (n) =>
      typeof n === 'string' &&
      lower(n) !== lower(own) &&
      !current.some((c) => lower(c) === lower(n)),
  );
  if (fresh.length > 0) {
    attributes[field] = [...current, ...new Set(fresh)];
  }
}

/**
 * data-model.md §3.8 explicit merge, attributes: lists are unioned, dictionaries merged key by key
 * (the target wins), single values only fill the target's gaps (first source first); the sources'
 * names become aliases (`x_opencti_additional_names` for files).
 */
export function mergeAttributes(
  target: StoredElement,
  sources: readonly StoredElement[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target.attributes };
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.attributes)) {
      const current = merged[key];
      if (isEmpty(value)) {
        continue;
      }
      if (Array.isArray(value)) {
        merged[key] = union(Array.isArray(current) ? current : [], value);
      } else if (isRecord(value) && isRecord(current)) {
        merged[key] = { ...value, ...current };
      } else if (isEmpty(current)) {
        merged[key] = value;
      }
    }
  }
  const names = sources.map((s) => s.attributes.name);
  const aliasField = entityTypeInfo(target.entityType)?.aliasField;
  if (aliasField) {
    addNames(merged, aliasField, names, merged.name);
  } else if (NAMED_FILES.has(target.entityType)) {
    addNames(merged, 'x_opencti_additional_names', names, merged.name);
  }
  return merged;
}

/** Refs of the merged element: union per ref type, single refs kept (or filled), no self-ref. */
export function mergeRefs(
  target: StoredElement,
  sources: readonly StoredElement[],
  replace: ReadonlyMap<string, string>,
): Record<string, string[]> {
  const refs: Record<string, string[]> = {};
  for (const element of [target, ...sources]) {
    for (const [rel, ids] of Object.entries(element.refs)) {
      const mapped = ids
        .map((id) => replace.get(id) ?? id)
        .filter((id) => id !== target.internalId);
      refs[rel] = [...new Set([...(refs[rel] ?? []), ...mapped])];
    }
  }
  return Object.fromEntries(Object.entries(refs).filter(([, ids]) => ids.length > 0));
}
