import { ABSTRACT_TYPE } from './abstract-types.constants';
import { isObservableType } from './is-observable-type.util';
import { isStixCoreRelationshipType } from './is-stix-core-relationship-type.util';
import { isTypeOf } from './is-type-of.util';
import type { RelationshipPairStatus } from './model.types';
import { DOMAIN_RELATIONSHIPS_A_TO_M } from './relationship-mapping-domain.constants';
import {
  DOMAIN_RELATIONSHIPS_N_TO_Z,
  OBSERVABLE_RELATIONSHIPS,
  RELATION_SOURCE_RELATIONSHIPS,
} from './relationship-mapping-others.constants';
import type { RelationshipMapping } from './relationship-mapping.types';
import { STIX_SIGHTING_RELATIONSHIP } from './relationship-types.constants';

const NON_BUILTIN_MARK = '†';
const OBSERVABLE_KEY = ABSTRACT_TYPE.stixCyberObservable;

function pairKey(relationshipType: string, from: string, to: string): string {
  return `${relationshipType}|${from}|${to}`;
}

function buildPairIndex(): ReadonlyMap<string, RelationshipPairStatus> {
  const index = new Map<string, RelationshipPairStatus>();
  const mappings: readonly RelationshipMapping[] = [
    DOMAIN_RELATIONSHIPS_A_TO_M,
    DOMAIN_RELATIONSHIPS_N_TO_Z,
    OBSERVABLE_RELATIONSHIPS,
    RELATION_SOURCE_RELATIONSHIPS,
  ];
  for (const mapping of mappings) {
    for (const [from, relationships] of Object.entries(mapping)) {
      for (const [relationshipType, targets] of Object.entries(relationships)) {
        for (const target of targets) {
          // The spec marks non-builtin pairs without telling `extended` from `new`: all are `new`.
          const isNew = target.endsWith(NON_BUILTIN_MARK);
          const to = isNew ? target.slice(0, -NON_BUILTIN_MARK.length) : target;
          index.set(pairKey(relationshipType, from, to), isNew ? 'new' : 'builtin');
        }
      }
    }
  }
  return index;
}

const PAIR_INDEX = buildPairIndex();

// §2.2 rule 1: related-to (STIX) and revoked-by (OpenCTI/MITRE) link any two core objects or
// relationships.
const UNIVERSAL_RELATIONSHIPS: ReadonlyMap<string, RelationshipPairStatus> = new Map([
  ['related-to', 'builtin'],
  ['revoked-by', 'new'],
]);

function isCoreEndpoint(entityType: string): boolean {
  return (
    isTypeOf(entityType, ABSTRACT_TYPE.stixCoreObject) ||
    isTypeOf(entityType, ABSTRACT_TYPE.stixCoreRelationship) ||
    entityType === STIX_SIGHTING_RELATIONSHIP
  );
}

function lookupPair(
  relationshipType: string,
  from: string,
  to: string,
): RelationshipPairStatus | undefined {
  const candidates: [string, string][] = [[from, to]];
  // §2.2 rule 2: an observable endpoint also matches the Stix-Cyber-Observable key.
  const fromObservable = isObservableType(from);
  const toObservable = isObservableType(to);
  if (toObservable) {
    candidates.push([from, OBSERVABLE_KEY]);
  }
  if (fromObservable) {
    candidates.push([OBSERVABLE_KEY, to]);
  }
  if (fromObservable && toObservable) {
    candidates.push([OBSERVABLE_KEY, OBSERVABLE_KEY]);
  }
  for (const [source, target] of candidates) {
    const status = PAIR_INDEX.get(pairKey(relationshipType, source, target));
    if (status) {
      return status;
    }
  }
  return undefined;
}

/**
 * Whether a core relationship `from —relationshipType→ to` is allowed (data-model.md §2.2), and
 * how: `builtin` (STIX 2.1), `new` (an OpenCTI pair, `†` in the spec) or `outside` (refused).
 */
export function relationshipPairStatus(
  relationshipType: string,
  fromEntityType: string,
  toEntityType: string,
): RelationshipPairStatus {
  if (!isStixCoreRelationshipType(relationshipType)) {
    return 'outside';
  }
  const universal = UNIVERSAL_RELATIONSHIPS.get(relationshipType);
  if (universal) {
    return isCoreEndpoint(fromEntityType) && isCoreEndpoint(toEntityType) ? universal : 'outside';
  }
  return lookupPair(relationshipType, fromEntityType, toEntityType) ?? 'outside';
}
