import { OCTI_SCO_EXTENSION_ID } from '@lib/stix';

const STIX_ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/i;

type Stix = Record<string, unknown>;

const refValues = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && STIX_ID.test(v),
  );

/**
 * The STIX ids an object references (its `*_ref` and `*_refs` properties, and the author of an
 * observable kept in its extension): what a live stream sends before it, unless told not to.
 */
export function stixRefsOf(stix: Stix): string[] {
  const refs = new Set<string>();
  for (const [name, value] of Object.entries(stix)) {
    if (name.endsWith('_ref') || name.endsWith('_refs')) {
      refValues(value).forEach((ref) => refs.add(ref));
    }
  }
  const extensions = stix.extensions as Record<string, Stix> | undefined;
  refValues(extensions?.[OCTI_SCO_EXTENSION_ID]?.created_by_ref).forEach((ref) => refs.add(ref));
  refs.delete(String(stix.id));
  return [...refs];
}
