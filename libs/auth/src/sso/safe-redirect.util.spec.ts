import { safeRedirect } from './safe-redirect.util';

describe(safeRedirect.name, () => {
  it.each(['/', '/dashboard', '/reports/1?tab=graph#top'])('keeps the path %s', (path) => {
    expect(safeRedirect(path)).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/x\\y',
    'dashboard',
    '/\r\nSet-Cookie: x=1',
    '/\t/evil.example',
    undefined,
    ['/a'],
    '/'.repeat(2001),
  ])('sends %j home instead', (target) => {
    expect(safeRedirect(target)).toBe('/');
  });
});
