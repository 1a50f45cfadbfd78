import { idBefore } from './live-stream.service';

describe(idBefore.name, () => {
  it('is the id itself when the reader starts after an id', () => {
    expect(idBefore({ ms: 1733320000000, seq: 3 })).toBe('1733320000000-3');
    expect(idBefore({ ms: 1733320000000, seq: 0 })).toBe('1733320000000-0');
  });

  it('is the last id before the millisecond when the reader starts at a date', () => {
    // `<ms>-0` would skip the first event of that millisecond on a reconnect.
    expect(idBefore({ ms: 1733320000000, seq: -1 })).toBe(
      `1733319999999-${Number.MAX_SAFE_INTEGER}`,
    );
    expect(idBefore({ ms: -1, seq: -1 })).toBe('0-0');
    expect(idBefore({ ms: 0, seq: -1 })).toBe('0-0');
  });
});
