// data-model.md §3.6: aliases are trimmed, de-duplicated case-insensitively, and an alias equal
// to the name is dropped (ATT&CK lists each group's own name among its aliases).
export function normalizeAliases(a: Record<string, unknown>): void {
  const name = typeof a.name === 'string' ? a.name.trim().toLowerCase() : undefined;
  for (const field of ['aliases', 'x_opencti_aliases']) {
    if (!Array.isArray(a[field])) {
      continue;
    }
    const seen = new Set<string>(name === undefined ? [] : [name]);
    const kept = (a[field] as unknown[])
      .filter((alias): alias is string => typeof alias === 'string')
      .map((alias) => alias.trim())
      .filter(
        (alias) =>
          alias.length > 0 && !seen.has(alias.toLowerCase()) && seen.add(alias.toLowerCase()),
      );
    if (kept.length > 0) {
      a[field] = kept;
    } else {
      delete a[field];
    }
  }
}
