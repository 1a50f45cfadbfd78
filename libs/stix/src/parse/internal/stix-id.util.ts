const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// STIX 2.1 §2.9: `<object type>--<UUID>`; any UUID version is accepted (producers differ).
const ANY_STIX_ID = new RegExp(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*--${UUID}$`);
// Sticky: matched from lastIndex, so the prefix check needs no substring allocation.
const UUID_TAIL = new RegExp(`${UUID}$`, 'y');
const HYPHEN = 45;

/** True when `value` is a well-formed STIX identifier, of the given object type when one is given. */
export function isStixId(value: unknown, type?: string): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  if (type === undefined) {
    return ANY_STIX_ID.test(value);
  }
  const n = type.length;
  if (
    value.length !== n + 38 ||
    value.charCodeAt(n) !== HYPHEN ||
    value.charCodeAt(n + 1) !== HYPHEN ||
    !value.startsWith(type)
  ) {
    return false;
  }
  UUID_TAIL.lastIndex = n + 2;
  return UUID_TAIL.test(value);
}
