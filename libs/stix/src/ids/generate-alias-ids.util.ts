import { AppError } from '@lib/kernel';
import { entityTypeInfo } from '../model/entity-type-info.util';
import { generateStandardId } from './generate-standard-id.util';
import { normalizeName } from './normalize-name.util';

/**
 * Optional `aliases_identifier_rules`: per lower-cased entity type, the patterns an alias must
 * match to generate an id (e.g. `{ vulnerability: ['CVE-\\d{4}-\\d{4,7}'] }`).
 */
export type AliasIdentifierRules = Readonly<Record<string, readonly (string | RegExp)[]>>;

function aliasesOf(data: Readonly<Record<string, unknown>>): string[] {
  const raw: unknown[] = [data.aliases, data.x_opencti_aliases].flatMap((v): unknown[] =>
    Array.isArray(v) ? (v as unknown[]) : [],
  );
  return raw.filter((a): a is string => typeof a === 'string' && a.trim() !== '');
}

// Compiled once per configured pattern list (the rules come from configuration, not per call).
const compiledRules = new WeakMap<readonly (string | RegExp)[], readonly RegExp[]>();

function allowedBy(
  rules: AliasIdentifierRules | undefined,
  entityType: string,
): (alias: string) => boolean {
  const key = entityType.toLowerCase();
  const patterns = rules && Object.hasOwn(rules, key) ? rules[key] : undefined;
  if (!patterns) {
    return () => true;
  }
  let regexes = compiledRules.get(patterns);
  if (!regexes) {
    regexes = patterns.map((p) => (typeof p === 'string' ? new RegExp(p) : p));
    compiledRules.set(patterns, regexes);
  }
  const compiled = regexes;
  return (alias) => compiled.some((r) => r.test(alias));
}

function ownStandardId(entityType: string, data: Readonly<Record<string, unknown>>) {
  try {
    return generateStandardId(entityType, data);
  } catch (error: unknown) {
    // An entity without its own contributing properties still gets its alias ids.
    if (error instanceof AppError && error.code === 'STIX_ID_MISSING_ELEMENTS') {
      return undefined;
    }
    throw error;
  }
}

/**
 * The lookup ids of an aliased element (data-model.md §3.6): its standard id recomputed with each
 * alias (from `aliases` and `x_opencti_aliases`, trimmed, de-duplicated case-insensitively) in
 * place of `name`, other contributing fields unchanged. Ids equal to the element's own standard
 * id are left out. [] for types that are not aliased.
 */
export function generateAliasIds(
  entityType: string,
  data: Readonly<Record<string, unknown>>,
  rules?: AliasIdentifierRules,
): string[] {
  if (!entityTypeInfo(entityType)?.aliasField) {
    return [];
  }
  const allowed = allowedBy(rules, entityType);
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const alias of aliasesOf(data).map((a) => a.trim())) {
    const key = normalizeName(alias);
    if (!seen.has(key) && allowed(alias)) {
      seen.add(key);
      ids.add(generateStandardId(entityType, { ...data, name: alias }));
    }
  }
  const own = ids.size > 0 ? ownStandardId(entityType, data) : undefined;
  if (own !== undefined) {
    ids.delete(own);
  }
  return [...ids];
}
