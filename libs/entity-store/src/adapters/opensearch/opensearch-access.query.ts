import { organizationRestrictedTypes } from '@lib/stix';
import type { AccessRule } from '@lib/rbac';

/** A query DSL clause (plain JSON). */
export type QueryClause = Record<string, unknown>;

/**
 * The access rule as a filter clause, part of every query (data-model.md §4.2: every marking of
 * the element must be allowed): the element has no marking, or as many allowed markings as it has
 * markings (`terms_set` against the stored count); and (§4.3) organization grants.
 */
export function compileAccessQuery(rule: AccessRule): QueryClause {
  const clauses: QueryClause[] = [];
  const markings = compileMarkings(rule.markings);
  if (markings) clauses.push(markings);
  if (rule.organizations !== 'all') {
    // §4.3: an unrestricted type, or granted to one of the reader's organizations.
    clauses.push({
      bool: {
        should: [
          {
            bool: {
              must_not: [
                { terms: { entity_type: organizationRestrictedTypes() } },
                { term: { is_custom: true } },
              ],
            },
          },
          { terms: { ref_pairs: [...rule.organizations].sort().map((id) => `granted|${id}`) } },
        ],
        minimum_should_match: 1,
      },
    });
  }
  if (clauses.length === 0) return { match_all: {} };
  return clauses.length === 1 ? (clauses[0] as QueryClause) : { bool: { filter: clauses } };
}

function compileMarkings(markings: AccessRule['markings']): QueryClause | undefined {
  if (markings === 'all') {
    return undefined;
  }
  if (markings.size === 0) {
    return { term: { markings_count: 0 } };
  }
  return {
    bool: {
      should: [
        { term: { markings_count: 0 } },
        {
          terms_set: {
            markings: {
              terms: [...markings].sort(),
              minimum_should_match_field: 'markings_count',
            },
          },
        },
      ],
      minimum_should_match: 1,
    },
  };
}
