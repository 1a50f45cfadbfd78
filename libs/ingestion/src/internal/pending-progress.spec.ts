import { PendingProgress, sumProgress } from './pending-progress';

const error = (message: string) => ({
  timestamp: '2026-01-01T00:00:00.000Z',
  message,
  source: 'x',
});

describe(PendingProgress.name, () => {
  it('gives the entries a work lacks, and forgets those a committed work holds', () => {
    const sut = new PendingProgress();
    const first = sut.add({ expected: 3 }, []);
    const second = sut.add({ expected: 2, rejected: 1 }, [{ index: 4, reason: 'bad' }]);
    expect([first, second, sut.latest, sut.committed]).toEqual([1, 2, 2, 0]);
    expect(sut.after(first).map((entry) => entry.progress)).toEqual([{ expected: 2, rejected: 1 }]);
    sut.commit(first);
    expect(sut.after(0).map((entry) => entry.seq)).toEqual([2]);
    sut.commit(second);
    sut.commit(first);
    expect(sut.committed).toBe(2);
    expect(sut.after(0)).toEqual([]);
  });
});

describe(sumProgress.name, () => {
  it('adds the counts present and keeps the errors in order', () => {
    expect(
      sumProgress([
        { expected: 3, processed: 1, rejected: 1, errors: [error('a')] },
        { processed: 2, created: 2 },
        { processed: 1, rejected: 1, errors: [error('b')] },
      ]),
    ).toEqual({
      expected: 3,
      processed: 4,
      created: 2,
      rejected: 2,
      errors: [error('a'), error('b')],
    });
    expect(sumProgress([{ created: 1 }])).toEqual({ created: 1 });
  });
});
