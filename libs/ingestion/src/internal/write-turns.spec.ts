import { WriteTurns } from './write-turns';

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe(WriteTurns.name, () => {
  const [a, b, c] = [{ run: 'a' }, { run: 'b' }, { run: 'c' }];

  it('lets the run holding the turn enter again at once, and another only after every release', async () => {
    const sut = new WriteTurns();
    const first = await sut.enter(a);
    const second = await sut.enter(a);
    const other = sut.enter(b);
    first();
    expect(await settled(other)).toBe(false);
    second();
    expect(await settled(other)).toBe(true);
  });

  it('hands the turn over in the order runs asked for it', async () => {
    const sut = new WriteTurns();
    const release = await sut.enter(a);
    const admitted: string[] = [];
    const waiting = [c, b].map((run) =>
      sut.enter(run).then((done) => {
        admitted.push(run.run);
        return done;
      }),
    );
    release();
    const [forC] = await Promise.all([waiting[0]]);
    expect(admitted).toEqual(['c']);
    forC?.();
    await waiting[1];
    expect(admitted).toEqual(['c', 'b']);
  });

  it('counts a release called twice once', async () => {
    const sut = new WriteTurns();
    const first = await sut.enter(a);
    const second = await sut.enter(a);
    first();
    first();
    expect(await settled(sut.enter(b))).toBe(false);
    second();
  });

  it('gives the turn to whoever asks when nobody holds it', async () => {
    const sut = new WriteTurns();
    (await sut.enter(a))();
    expect(await settled(sut.enter(b))).toBe(true);
    expect(await settled(sut.enter(c))).toBe(false);
  });

  it('lets a failed run leave whatever it held, and ignores its releases after that', async () => {
    const sut = new WriteTurns();
    const first = await sut.enter(a);
    await sut.enter(a);
    const forB = sut.enter(b);
    sut.leave(a);
    const releaseB = await forB;
    // A late release of the run that left does not end b's turn.
    first();
    expect(await settled(sut.enter(c))).toBe(false);
    releaseB();
  });

  it('drops the entries a leaving run still waits for', async () => {
    const sut = new WriteTurns();
    const releaseA = await sut.enter(a);
    void sut.enter(b);
    sut.leave(b);
    const forC = sut.enter(c);
    releaseA();
    expect(await settled(forC)).toBe(true);
  });
});
