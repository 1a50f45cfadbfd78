import {
  ENTITY_TYPES,
  entityTypeInfo,
  isAbstractType,
  isObservableType,
  isStixCoreRelationshipType,
  isTypeOf,
  observableInputKey,
} from '@lib/stix';
import { invalidInput } from '../errors/knowledge.error';

const lower = (s: string) => s.toLowerCase();

/**
 * The concrete type a create names: `entityType` itself, or, for an abstract one (`identityAdd`,
 * `locationAdd`, `stixDomainObjectAdd`), the input's `type` among its descendants.
 */
export function creatableType(entityType: string, inputType: unknown): string {
  if (!isAbstractType(entityType)) {
    if (!entityTypeInfo(entityType)) {
      throw invalidInput('type', `unknown entity type ${entityType}`);
    }
    return entityType;
  }
  if (typeof inputType !== 'string' || inputType.length === 0) {
    throw invalidInput('type', `is required to create a ${entityType}`);
  }
  const wanted = lower(inputType);
  const match = ENTITY_TYPES.find(
    (info) =>
      (lower(info.entityType) === wanted || lower(info.stixType) === wanted) &&
      isTypeOf(info.entityType, entityType),
  );
  if (!match) {
    throw invalidInput('type', `${inputType} is not a kind of ${entityType}`);
  }
  return match.entityType;
}

// pycti's spellings of observable types (`File`, `ipv4-addr`, `StixFile`, `IPv4Addr`).
const OBSERVABLE_ALIASES: ReadonlyMap<string, string> = new Map(
  ENTITY_TYPES.filter((info) => isObservableType(info.entityType)).flatMap((info) => {
    const names = [info.entityType, info.stixType, observableInputKey(info.entityType) ?? ''];
    return names.filter(Boolean).map((name) => [lower(name), info.entityType] as const);
  }),
);

/** The observable entity type `stixCyberObservableAdd.type` names. */
export function observableType(type: string): string {
  const found = OBSERVABLE_ALIASES.get(lower(type));
  if (!found) {
    throw invalidInput('type', `${type} is not an observable type`);
  }
  return found;
}

export function relationshipType(type: unknown): string {
  if (typeof type !== 'string' || !isStixCoreRelationshipType(type)) {
    throw invalidInput('relationship_type', `${String(type)} is not a relationship type`);
  }
  return type;
}
