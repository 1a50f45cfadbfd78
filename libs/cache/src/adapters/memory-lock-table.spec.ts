import { MemoryLockTable } from './memory-lock-table';

describe(MemoryLockTable.name, () => {
  let sut: MemoryLockTable;

  beforeEach(() => {
    sut = new MemoryLockTable();
  });

  it('takes a set of keys all at once or not at all', async () => {
    const held = await sut.acquire(['b'], 1000, 0);
    expect(await sut.acquire(['a', 'b'], 1000, 0)).toBeUndefined();
    const a = await sut.acquire(['a'], 1000, 0);
    expect(a).toBeGreaterThan(held ?? Infinity);
  });

  it('wakes a waiter on release, and at the holder lapse without one', async () => {
    const first = await sut.acquire(['k'], 1000, 0);
    const waiting = sut.acquire(['k'], 1000, 1000);
    sut.release(['k'], first ?? 0);
    expect(await waiting).toBeGreaterThan(first ?? Infinity);

    await sut.acquire(['lapsing'], 30, 0);
    const started = Date.now();
    expect(await sut.acquire(['lapsing'], 1000, 1000)).toBeDefined();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('ignores a release or an extension by a holder whose lock was taken over', async () => {
    const old = (await sut.acquire(['k'], 20, 0)) ?? 0;
    const current = (await sut.acquire(['k'], 1000, 1000)) ?? 0;
    expect(sut.extend(['k'], old, 1000)).toBe(false);
    sut.release(['k'], old);
    expect(await sut.acquire(['k'], 1000, 0)).toBeUndefined();
    expect(sut.extend(['k'], current, 1000)).toBe(true);
  });
});
