import { resolveStreamPosition } from './stream-position.util';

describe(resolveStreamPosition.name, () => {
  it('reads strictly after an id; 0 and 0-0 mean before everything', () => {
    expect(resolveStreamPosition({ after: '5-3' })).toEqual({ ms: 5, seq: 3 });
    expect(resolveStreamPosition({ after: '0' })).toEqual({ ms: -1, seq: -1 });
    expect(resolveStreamPosition({ after: '0-0' })).toEqual({ ms: -1, seq: -1 });
  });

  it('reads from the first event of a time', () => {
    expect(resolveStreamPosition({ fromTime: '2024-05-01T10:00:00.000Z' })).toEqual({
      ms: Date.parse('2024-05-01T10:00:00.000Z'),
      seq: -1,
    });
  });

  it('leaves the choice to the caller without a position', () => {
    expect(resolveStreamPosition({})).toBeUndefined();
  });

  it('rejects a bad date and two positions at once', () => {
    expect(() => resolveStreamPosition({ fromTime: 'soon' })).toThrow('"soon"');
    expect(
      errorOf(() => resolveStreamPosition({ after: '1-0', fromTime: '2024-01-01' })),
    ).toMatchObject({ category: 'validation' });
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
