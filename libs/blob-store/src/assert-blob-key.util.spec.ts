import { assertBlobKey } from './assert-blob-key.util';

describe(assertBlobKey.name, () => {
  it.each(['a', 'import/global/file.json', 'a b/é/…', '.hidden/..x/x..', `k${'é'.repeat(500)}`])(
    'accepts %j',
    (key) => {
      expect(() => assertBlobKey(key)).not.toThrow();
    },
  );

  it.each([
    ['', 'non-empty'],
    ['/a', 'leading'],
    ['a//b', 'empty path segment'],
    ['a/', 'empty path segment'],
    ['a/../b', '".."'],
    ['./a', '"."'],
    ['a\\b', 'backslash'],
    ['a\0', 'NUL'],
    ['x'.repeat(1025), 'longer than 1024 bytes'],
  ])('rejects %j (%s)', (key, reason) => {
    expect(errorOf(() => assertBlobKey(key))).toMatchObject({
      code: 'BLOB_INVALID_KEY',
      message: expect.stringContaining(reason) as unknown,
    });
  });
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
