// Runs of one process take turns at the store: one run at a time reads what its batch merges into
// and writes it, from the first look-up until its writes are applied. Another run meanwhile parses
// and orders its next bundle, or reports its counts, so that the turns overlap everything else
// without two runs preparing against the same stored state (both would create the same authors,
// labels and repeated objects, and one of them would lose the commit and redo its batch).
//
// A run keeps its turn while it has a batch preparing or in flight: its own batches overlap each
// other (the next one is prepared as if the one in flight had committed).

type Waiter = { run: object; admit: () => void };

export class WriteTurns {
  private owner: object | undefined;
  private holds = 0;
  /** Changes whenever the turn changes hands: a release from an earlier turn does nothing. */
  private epoch = 0;
  private waiting: Waiter[] = [];

  /**
   * Waits for `run`'s turn (at once when it has it already) and holds it until the returned
   * release is called (once per enter; later calls do nothing).
   */
  async enter(run: object): Promise<() => void> {
    if (this.owner === undefined || this.owner === run) {
      this.owner = run;
      this.holds += 1;
    } else {
      // Counted as a hold when admitted (see handOver).
      await new Promise<void>((admit) => this.waiting.push({ run, admit }));
    }
    const epoch = this.epoch;
    let released = false;
    return () => {
      if (released || epoch !== this.epoch) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) this.handOver();
    };
  }

  /**
   * Gives up whatever `run` holds or waits for (a run that failed, whichever batches it left
   * prepared or in flight): the turn goes on to the next run.
   */
  leave(run: object): void {
    this.takeWaiters(run);
    if (this.owner === run) {
      this.holds = 0;
      this.handOver();
    }
  }

  /** The turn goes to the run that has waited longest, with all its waiting entries. */
  private handOver(): void {
    this.epoch += 1;
    this.owner = this.waiting[0]?.run;
    if (this.owner === undefined) return;
    const admitted = this.takeWaiters(this.owner);
    this.holds += admitted.length;
    admitted.forEach((waiter) => waiter.admit());
  }

  /** Takes `run`'s entries out of the queue. */
  private takeWaiters(run: object): Waiter[] {
    const taken = this.waiting.filter((w) => w.run === run);
    this.waiting = this.waiting.filter((w) => w.run !== run);
    return taken;
  }
}
