/**
 * Where to send the browser after a login: a path of this site (`/dashboard?x=1`), never another
 * site (`//evil.example`, `/\evil.example`, `https://…`); anything else is `/`.
 */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || target.length > 2000) return '/';
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  // Control characters could split a Location header or be dropped by a browser into `//`.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f\\]/.test(target) ? '/' : target;
}
