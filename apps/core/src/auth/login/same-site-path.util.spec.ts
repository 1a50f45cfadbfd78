import { sameSitePath } from './same-site-path.util';

describe('sameSitePath', () => {
  it.each(['/', '/dashboard', '/reports/1?tab=graph#top'])('keeps %s', (path) => {
    expect(sameSitePath(path)).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/ok\\..\\x',
    'dashboard',
    '/with space',
    '',
    42,
    undefined,
  ])('refuses %p', (value) => {
    expect(sameSitePath(value)).toBeUndefined();
  });
});
