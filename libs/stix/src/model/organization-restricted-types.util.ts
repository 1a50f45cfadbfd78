import { concreteTypesOf } from './concrete-types-of.util';

// data-model.md §4.3: knowledge (domain objects, observables, core relationships, sightings and
// custom objects) is segregated by organization; meta and internal objects, internal and ref
// relationships, organizations, sectors, locations and events are not (none of them may carry a
// grant, so restricting them would hide them from everyone outside the platform organization).
const UNRESTRICTED_DOMAIN_TYPES = new Set([
  'Organization',
  'Sector',
  'Event',
  ...concreteTypesOf('Location'),
]);

const RESTRICTED = [
  ...concreteTypesOf('Stix-Domain-Object').filter((t) => !UNRESTRICTED_DOMAIN_TYPES.has(t)),
  ...concreteTypesOf('Stix-Cyber-Observable'),
  ...concreteTypesOf('stix-core-relationship'),
  'stix-sighting-relationship',
].sort();

const RESTRICTED_SET = new Set(RESTRICTED);

/** The known entity types an organization grant governs; custom (x-…) types are restricted too. */
export function organizationRestrictedTypes(): readonly string[] {
  return RESTRICTED;
}

export function isOrganizationRestrictedType(entityType: string, isCustom: boolean): boolean {
  return isCustom || RESTRICTED_SET.has(entityType);
}
