import { AREAS } from '@lib/ui';
import { isAbstractType } from '@lib/stix';
import { isCreatable } from './entity-form.util';

/** Each type the lists show that has a create form, with the path of its list. */
export const CREATABLE_TYPES: ReadonlyMap<string, string> = new Map(
  AREAS.flatMap((area) =>
    area.lists.flatMap((list) =>
      list.types
        .filter((type) => !isAbstractType(type) && isCreatable(type))
        .map((type): [string, string] => [type, `/${area.slug}/${list.slug}`]),
    ),
  ),
);

/** The list path of an element's type (for breadcrumbs and redirects after a delete). */
export function listPathOf(entityType: string): string | undefined {
  for (const area of AREAS) {
    for (const list of area.lists) {
      if (list.types.includes(entityType)) return `/${area.slug}/${list.slug}`;
    }
  }
  return undefined;
}
