import { assertJsonPayload } from './assert-json-payload.util';

describe(assertJsonPayload.name, () => {
  it.each([
    ['null', null],
    ['a string', 'x'],
    ['a number', -1.5],
    ['a boolean', false],
    ['nested plain data', { a: [1, { b: null }], c: {} }],
    ['an object without prototype', Object.assign(Object.create(null) as object, { a: 1 })],
    ['a shared (non-cyclic) reference', ((shared) => ({ a: shared, b: [shared] }))({ x: 1 })],
  ])('accepts %s', (_, value) => {
    expect(() => assertJsonPayload(value)).not.toThrow();
  });

  it.each([
    ['undefined', undefined, '$'],
    ['Infinity', [Infinity], '$[0]'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['a bigint', { n: 1n }, '$.n'],
    ['a Date', { d: new Date(0) }, '$.d'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a class instance', { e: new Error('x') }, '$.e'],
  ])('rejects %s, naming the path', (_, value, path) => {
    expect(errorOf(() => assertJsonPayload(value))).toMatchObject({
      code: 'JOB_INVALID_PAYLOAD',
      details: { path },
    });
  });

  it('rejects a cycle', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = { back: cyclic };
    expect(() => assertJsonPayload(cyclic)).toThrow('circular reference');
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
