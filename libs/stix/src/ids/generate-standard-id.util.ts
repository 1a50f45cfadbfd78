import { randomUUID } from 'node:crypto';
import { AppError } from '@lib/kernel';
import { canonicalJson } from './canonical-json.util';
import { cleanupIndicatorPattern } from './cleanup-indicator-pattern.util';
import type { IdPart, IdWay } from './id-contribution.types';
import { ID_PLANS } from './id-plans.constants';
import type { IdPlan } from './id-plans.constants';
import { STATIC_MARKING_UUIDS } from './static-marking-ids.constants';
import { uuidV5 } from './uuid-v5.util';

type InputData = Readonly<Record<string, unknown>>;

// The platform's "empty" (isEmptyField / R.isEmpty): null, undefined, '', [] and {}.
function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.keys(value).length === 0;
  }
  return false;
}

function readValue(plan: IdPlan, entityType: string, data: InputData, src: string): unknown {
  // §3.2: the entity type is always injected as opencti_type, whatever the input says.
  if (src === 'opencti_type') {
    return entityType;
  }
  const value = data[src];
  return value === undefined && src === 'relationship_type' ? plan.relationshipType : value;
}

// One way of §3.2: undefined when a dependency is empty (the way is abandoned).
function evaluateWay(
  plan: IdPlan,
  entityType: string,
  data: InputData,
  way: IdWay,
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const p of way) {
    const raw = p.constant ?? readValue(plan, entityType, data, p.src);
    if (raw === undefined) {
      continue;
    }
    if (p.dependencies?.some((d) => isEmptyValue(readValue(plan, entityType, data, d)))) {
      return undefined;
    }
    const resolver = plan.resolvers.get(p.src);
    // The platform only resolves truthy values (`value ? resolver(value) : value`).
    const value = resolver && raw ? resolver(raw) : raw;
    if (!isEmptyValue(value)) {
      result[p.dest ?? p.src] = value;
    }
  }
  return result;
}

function hasRequired(plan: IdPlan, result: Record<string, unknown>): boolean {
  return plan.required?.every((key) => Object.hasOwn(result, key)) ?? true;
}

function describeWays(ways: readonly IdWay[]): string {
  return ways.map((way) => way.map((p: IdPart) => p.src).join(' - ')).join(' | ');
}

function contributingData(
  plan: IdPlan,
  entityType: string,
  data: InputData,
  ways: readonly IdWay[],
): Record<string, unknown> {
  for (const way of ways) {
    const result = evaluateWay(plan, entityType, data, way);
    // Relationships without both ends would otherwise hash their type alone.
    if (result && Object.keys(result).length > 0 && hasRequired(plan, result)) {
      return result;
    }
  }
  const properties = describeWays(ways);
  throw new AppError({
    code: 'STIX_ID_MISSING_ELEMENTS',
    category: 'validation',
    message: `Missing required elements for ${entityType} creation (${properties})`,
    details: { entityType, properties },
  });
}

function unsupportedType(entityType: string): AppError {
  return new AppError({
    code: 'STIX_ID_UNSUPPORTED_TYPE',
    category: 'validation',
    message: `No standard id contribution for type ${entityType}: keep the object's own id`,
    details: { entityType },
  });
}

// Indicators hash their pattern as the platform stores it: re-formatted when the pattern type is
// known (§3.3). Without pattern_type the pattern is taken as already cleaned.
function withCleanedPattern(entityType: string, data: InputData): InputData {
  const { pattern, pattern_type: patternType } = data;
  if (
    entityType !== 'Indicator' ||
    typeof pattern !== 'string' ||
    typeof patternType !== 'string'
  ) {
    return data;
  }
  return { ...data, pattern: cleanupIndicatorPattern(patternType, pattern) };
}

/**
 * The deterministic standard id of an element (data-model.md §3), from its data keyed by OpenCTI
 * attribute names. Refs are given as the referenced elements' standard ids: relationships
 * `{relationship_type, source_ref, target_ref, start_time?, stop_time?}`, sightings
 * `{sighting_of_ref, where_sighted_refs, first_seen?, last_seen?}`, Observed-Data `objects`,
 * Email-Message `from_ref`, Network-Traffic `src_ref`/`dst_ref`, Security-Coverage
 * `objectCovered`. Dates may be Dates or ISO strings. Observables must already carry the API-level
 * normalisation (normalizeObservable); an Indicator's pattern is re-formatted here when its
 * `pattern_type` is given. Types with random ids (Connector, work,
 * ref and internal relationships, …) get a fresh random id.
 * @throws AppError `STIX_ID_MISSING_ELEMENTS` when no contributing property is present,
 *   `STIX_ID_UNSUPPORTED_TYPE` for custom or unknown types (see hasDeterministicId).
 */
export function generateStandardId(entityType: string, data: InputData): string {
  const plan = ID_PLANS.get(entityType);
  if (!plan) {
    throw unsupportedType(entityType);
  }
  const { contribution } = plan;
  switch (contribution.kind) {
    case 'fixed':
      return `${plan.prefix}--${contribution.uuid}`;
    case 'random':
      return `${plan.prefix}--${randomUUID()}`;
    case 'whole':
      return `${plan.prefix}--${uuidV5(canonicalJson({ ...data, opencti_type: entityType }), plan.namespace)}`;
    case 'ways': {
      const input = withCleanedPattern(entityType, data);
      const hashed = contributingData(plan, entityType, input, contribution.ways);
      const fixed =
        entityType === 'Marking-Definition'
          ? STATIC_MARKING_UUIDS.get(
              `${String(hashed.definition_type)}|${String(hashed.definition)}`,
            )
          : undefined;
      return `${plan.prefix}--${fixed ?? uuidV5(canonicalJson(hashed), plan.namespace)}`;
    }
  }
}
