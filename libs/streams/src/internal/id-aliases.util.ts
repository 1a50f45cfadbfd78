import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import type { IdAliases } from './stix-filter.util';

/**
 * Every form of each id-valued filter value (internal, standard and STIX ids, a label's value),
 * so that filters written with any of them match the STIX refs of an object.
 */
export async function resolveIdAliases(
  store: EntityStore,
  ctx: AccessContext,
  values: readonly string[],
): Promise<IdAliases> {
  const found =
    values.length > 0 ? await store.resolve(ctx, values) : new Map<string, StoredElement[]>();
  return new Map(
    values.map((value) => {
      const forms = (found.get(value) ?? []).flatMap((e) => [
        e.internalId,
        e.standardId,
        ...e.stixIds,
        ...(e.entityType === 'Label' && typeof e.attributes.value === 'string'
          ? [e.attributes.value]
          : []),
      ]);
      return [value, [value, ...forms]];
    }),
  );
}
