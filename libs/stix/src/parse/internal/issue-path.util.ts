/** Appends path segments (object keys, array indexes) to an issue path: `a[1].b`. */
export function issuePath(base: string, segments: readonly PropertyKey[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
    } else {
      const key = String(segment);
      path = path === '' ? key : `${path}.${key}`;
    }
  }
  return path;
}
