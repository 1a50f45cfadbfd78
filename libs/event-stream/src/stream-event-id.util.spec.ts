import { parseStreamEventId } from './stream-event-id.util';

describe(parseStreamEventId.name, () => {
  it.each([
    ['1660000000000-0', { ms: 1660000000000, seq: 0 }],
    ['1-42', { ms: 1, seq: 42 }],
    ['0-0', { ms: 0, seq: 0 }],
    ['0', { ms: 0, seq: 0 }],
  ])('parses %s', (id, parts) => {
    expect(parseStreamEventId(id)).toEqual(parts);
  });

  it.each([
    '',
    'abc',
    '1',
    '1-',
    '-1',
    '01-0',
    '1-01',
    '1-0-0',
    '1.5-0',
    ' 1-0',
    '99999999999999999-0',
  ])('rejects %j, naming it', (id) => {
    expect(errorOf(() => parseStreamEventId(id))).toMatchObject({
      code: 'STREAM_INVALID_POSITION',
      category: 'validation',
      message: expect.stringContaining(JSON.stringify(id)) as unknown,
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
