import { ID_PLANS } from './id-plans.constants';

/**
 * True when generateStandardId derives the id from the element's data (or a fixed value). False
 * for random-id types (Connector, work, ref and internal relationships, …) and for custom or
 * unknown types, whose own STIX id the caller keeps.
 */
export function hasDeterministicId(entityType: string): boolean {
  const plan = ID_PLANS.get(entityType);
  return plan !== undefined && plan.contribution.kind !== 'random';
}
