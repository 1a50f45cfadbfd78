import { INTERNAL_OBJECT_TYPES } from '../model/internal-types.constants';
import { OBSERVABLE_TYPE_ROWS } from '../model/observable-types.constants';
import {
  INTERNAL_RELATIONSHIP_TYPES,
  REF_RELATIONSHIP_TYPES,
  STIX_CORE_RELATIONSHIP_TYPES,
  STIX_SIGHTING_RELATIONSHIP,
} from '../model/relationship-types.constants';
import { stixTypeOf } from '../model/stix-type-of.util';
import {
  CORE_RELATIONSHIP_ID_CONTRIBUTION,
  DOMAIN_ID_CONTRIBUTIONS,
  INTERNAL_ID_CONTRIBUTIONS,
  META_ID_CONTRIBUTIONS,
  SIGHTING_ID_CONTRIBUTION,
} from './domain-id-contributions.constants';
import type { IdContribution, IdResolver } from './id-contribution.types';
import {
  ENTITY_RESOLVERS,
  OBSERVABLE_RESOLVERS,
  RELATIONSHIP_RESOLVERS,
} from './id-resolvers.constants';
import { OASIS_NAMESPACE, OPENCTI_NAMESPACE } from './namespaces.constants';
import { OBSERVABLE_ID_CONTRIBUTIONS } from './observable-id-contributions.constants';

/** Everything needed to compute the standard id of one entity type. */
export type IdPlan = {
  readonly prefix: string;
  readonly namespace: string;
  readonly contribution: IdContribution;
  readonly resolvers: ReadonlyMap<string, IdResolver>;
  /** Core relationships hash their own type when the input carries no relationship_type. */
  readonly relationshipType?: string;
  /** Hashed keys without which the id is refused (both ends of a relationship or sighting). */
  readonly required?: readonly string[];
};

const RANDOM: IdContribution = { kind: 'random' };

function plans(
  contributions: Readonly<Record<string, IdContribution>>,
  namespace: string,
  resolvers: ReadonlyMap<string, IdResolver>,
): [string, IdPlan][] {
  return Object.entries(contributions).map(([entityType, contribution]) => [
    entityType,
    { prefix: stixTypeOf(entityType), namespace, contribution, resolvers },
  ]);
}

function relationshipPlan(relationshipType?: string): IdPlan {
  const plan = {
    prefix: 'relationship',
    namespace: OASIS_NAMESPACE,
    contribution: CORE_RELATIONSHIP_ID_CONTRIBUTION,
    resolvers: RELATIONSHIP_RESOLVERS,
    required: ['source_ref', 'target_ref'],
  };
  return relationshipType ? { ...plan, relationshipType } : plan;
}

function randomPlans(types: readonly string[], prefix?: string): [string, IdPlan][] {
  return types.map((type) => [
    type,
    {
      prefix: prefix ?? stixTypeOf(type),
      namespace: OPENCTI_NAMESPACE,
      contribution: RANDOM,
      resolvers: ENTITY_RESOLVERS,
    },
  ]);
}

function buildIdPlans(): ReadonlyMap<string, IdPlan> {
  const observableTypes = OBSERVABLE_TYPE_ROWS.map((row) => row.entityType);
  const observableContributions = Object.fromEntries(
    observableTypes.map((type) => [type, OBSERVABLE_ID_CONTRIBUTIONS[type] ?? RANDOM]),
  );
  const internalContributions = Object.fromEntries(
    INTERNAL_OBJECT_TYPES.map((type) => [type, INTERNAL_ID_CONTRIBUTIONS[type] ?? RANDOM]),
  );
  return new Map<string, IdPlan>([
    ...plans(DOMAIN_ID_CONTRIBUTIONS, OASIS_NAMESPACE, ENTITY_RESOLVERS),
    ...plans(META_ID_CONTRIBUTIONS, OASIS_NAMESPACE, ENTITY_RESOLVERS),
    ...plans(observableContributions, OASIS_NAMESPACE, OBSERVABLE_RESOLVERS),
    ...plans(internalContributions, OPENCTI_NAMESPACE, ENTITY_RESOLVERS),
    ...STIX_CORE_RELATIONSHIP_TYPES.map((type) => [type, relationshipPlan(type)] as const),
    ['stix-core-relationship', relationshipPlan()],
    [
      STIX_SIGHTING_RELATIONSHIP,
      {
        ...relationshipPlan(),
        prefix: 'sighting',
        contribution: SIGHTING_ID_CONTRIBUTION,
        required: ['sighting_of_ref', 'where_sighted_refs'],
      },
    ],
    // §3.5: ref and internal relationships always get random ids.
    ...randomPlans(REF_RELATIONSHIP_TYPES, 'relationship-meta'),
    ...randomPlans(INTERNAL_RELATIONSHIP_TYPES, 'internal-relationship'),
  ]);
}

/** Standard-id plans of every modelled type (custom types have none). */
export const ID_PLANS: ReadonlyMap<string, IdPlan> = buildIdPlans();
