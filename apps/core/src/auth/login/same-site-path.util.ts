/**
 * `value` when it is a path of this site ("/dashboard?x=1"), else undefined: an absolute URL,
 * a scheme-relative "//host" or "/\host" (which browsers read as another host) is refused, so a
 * login form cannot send its users elsewhere (open redirect).
 */
export function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : undefined;
}
