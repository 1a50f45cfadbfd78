import { retryDelayMs } from './retry-delay.util';

describe(retryDelayMs.name, () => {
  it('doubles from the base after each failed run, up to the cap', () => {
    const backoff = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, backoff))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('treats a nonsensical attempt as the first', () => {
    expect(retryDelayMs(0, { baseMs: 50, maxMs: 500 })).toBe(50);
  });
});
