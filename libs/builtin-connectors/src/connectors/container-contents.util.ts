import { stixOfElement } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import type { ConnectorDeps } from './connector-deps.types';
import type { StixObject } from './offline-enrichment.util';

const SYSTEM = systemContext('connector-host');

/**
 * The container a file is attached to (`entityId`), in STIX, its objects now also listing `ids`;
 * undefined when the file is attached to nothing or to an element that is not a container.
 */
export async function containerWith(
  deps: ConnectorDeps,
  entityId: unknown,
  ids: readonly string[],
): Promise<StixObject | undefined> {
  if (typeof entityId !== 'string') return undefined;
  const element = await deps.store.get(SYSTEM, entityId);
  if (!element || !isTypeOf(element.entityType, 'Container')) return undefined;
  const stix: StixObject = await stixOfElement(deps.store, element);
  const listed = Array.isArray(stix.object_refs) ? (stix.object_refs as string[]) : [];
  return { ...stix, object_refs: [...new Set([...listed, ...ids])] };
}
