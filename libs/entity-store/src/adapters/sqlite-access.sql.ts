import { organizationRestrictedTypes } from '@lib/stix';
import type { AccessRule } from '@lib/rbac';

export type SqlFragment = { sql: string; params: unknown[] };

const RESTRICTED_TYPES = JSON.stringify(organizationRestrictedTypes());

/**
 * The access rule as a WHERE fragment over the element alias: checks happen inside the query,
 * never after fetching. Markings (data-model.md §4.2): every marking of the element is allowed.
 * Organizations (§4.3): an element of a restricted type is granted to one of the reader's.
 */
export function compileAccessRule(rule: AccessRule, alias = 'e'): SqlFragment {
  const parts: SqlFragment[] = [];
  if (rule.markings !== 'all') {
    parts.push({
      sql:
        `NOT EXISTS (SELECT 1 FROM element_refs ar WHERE ar.from_seq = ${alias}.seq` +
        ` AND ar.rel = 'object-marking' AND ar.to_id NOT IN (SELECT value FROM json_each(?)))`,
      params: [JSON.stringify([...rule.markings])],
    });
  }
  if (rule.organizations !== 'all') {
    parts.push({
      sql:
        `((${alias}.is_custom = 0 AND ${alias}.entity_type NOT IN (SELECT value FROM json_each(?)))` +
        ` OR EXISTS (SELECT 1 FROM element_refs gr WHERE gr.from_seq = ${alias}.seq` +
        ` AND gr.rel = 'granted' AND gr.to_id IN (SELECT value FROM json_each(?))))`,
      params: [RESTRICTED_TYPES, JSON.stringify([...rule.organizations])],
    });
  }
  if (parts.length === 0) return { sql: '1 = 1', params: [] };
  return {
    sql:
      parts.length === 1
        ? (parts[0] as SqlFragment).sql
        : `(${parts.map((p) => p.sql).join(' AND ')})`,
    params: parts.flatMap((p) => p.params),
  };
}
