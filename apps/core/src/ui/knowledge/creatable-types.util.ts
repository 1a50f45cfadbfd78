import { AREAS } from '@lib/ui';
import { isAbstractType } from '@lib/stix';
import { isCreatable } from './entity-form.util';

/** Types whose create form is not the name-based one, with the form's path. */
const OWN_FORMS: Readonly<Record<string, string>> = {
  'Stix-Cyber-Observable': '/create-observable',
  Note: '/create-analysis/note',
  Opinion: '/create-analysis/opinion',
};

/** Each type the lists show that has the name-based create form, with the path of its list. */
export const CREATABLE_TYPES: ReadonlyMap<string, string> = new Map(
  AREAS.flatMap((area) =>
    area.lists.flatMap((list) =>
      list.types
        .filter((type) => !isAbstractType(type) && isCreatable(type))
        .map((type): [string, string] => [type, `/${area.slug}/${list.slug}`]),
    ),
  ),
);

/** The create form of a type a list shows, or undefined when it has none. */
export function createHrefOf(type: string): string | undefined {
  const own = OWN_FORMS[type];
  if (own) return own;
  return CREATABLE_TYPES.has(type) ? `/create/${encodeURIComponent(type)}` : undefined;
}

/** The list path of an element's type (for breadcrumbs and redirects after a delete). */
export function listPathOf(entityType: string): string | undefined {
  for (const area of AREAS) {
    for (const list of area.lists) {
      if (list.types.includes(entityType)) return `/${area.slug}/${list.slug}`;
    }
  }
  return undefined;
}
