import { newInternalId } from './internal-id.util';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newInternalId', () => {
  it('is a version 7 UUID stamped with the time it was made', () => {
    const before = Date.now();
    const id = newInternalId();
    const after = Date.now();
    expect(id).toMatch(V7);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('sorts in creation order, without repeats, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newInternalId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
