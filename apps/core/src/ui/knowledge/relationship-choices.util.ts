import { STIX_CORE_RELATIONSHIP_TYPES, relationshipPairStatus } from '@lib/stix';

/**
 * The core relationship types allowed from `fromType` to `toType` (the allowed-pairs table of
 * data-model.md §2.2), `related-to` last as the fallback it is.
 */
export function allowedRelationshipTypes(fromType: string, toType: string): string[] {
  const allowed = STIX_CORE_RELATIONSHIP_TYPES.filter(
    (type) => relationshipPairStatus(type, fromType, toType) !== 'outside',
  );
  const specific = allowed.filter((t) => t !== 'related-to' && t !== 'revoked-by').sort();
  return [...specific, ...allowed.filter((t) => t === 'related-to' || t === 'revoked-by')];
}
