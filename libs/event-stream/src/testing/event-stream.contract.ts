import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { EventStream } from '../event-stream.port';
import { parseStreamEventId } from '../stream-event-id.util';

/** What an EventStream adapter's test runner provides. */
export type EventStreamHarness = {
  sut: EventStream;
  /** The retention the adapter was configured with (small, at least 30, e.g. 60). */
  maxEvents: number;
  /**
   * How many events past `maxEvents` the adapter may keep because it trims in blocks (Redis
   * `MAXLEN ~` drops whole stream nodes); 0 (the default) for an exact trim.
   */
  trimSlack?: number;
  /**
   * A new adapter instance on the same storage, as another process or after a restart. It must
   * see appends of the other instances within ~200 ms.
   */
  reopen(): Promise<EventStream>;
  /** Ends every subscription and instance made by this harness and removes the storage. */
  cleanup(): Promise<void>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const draft = (name: string): StreamEventDraft => ({
  type: 'create',
  scope: 'external',
  elementId: `id-${name}`,
  entityType: 'Malware',
  origin: { user_id: 'u1', referer: 'test' },
  message: `creates a Malware \`${name}\``,
  data: { id: `malware--${name}`, type: 'malware', spec_version: '2.1', name, is_family: true },
  context: { patch: [{ op: 'add', path: '/name', value: name }] },
});
const drafts = (...names: string[]) => names.map(draft);
const names = (events: readonly StreamEvent[]) => events.map((event) => event.data.name);

function compareIds(a: string, b: string): number {
  const [x, y] = [parseStreamEventId(a), parseStreamEventId(b)];
  return x.ms - y.ms || x.seq - y.seq;
}

/** Takes `count` events from a subscription, failing after `timeoutMs`. */
async function take(
  iterator: AsyncIterator<StreamEvent>,
  count: number,
  timeoutMs = 3000,
): Promise<StreamEvent[]> {
  const taken: StreamEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${taken.length}/${count} events`)), timeoutMs);
  });
  try {
    while (taken.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) {
        throw new Error(`subscription ended after ${taken.length}/${count} events`);
      }
      taken.push(next.value);
    }
    return taken;
  } finally {
    clearTimeout(timer);
  }
}

/** The behaviour every EventStream adapter must show; run it from each adapter's contract-spec. */
export function describeEventStreamContract(
  name: string,
  make: () => Promise<EventStreamHarness>,
): void {
  describe(`EventStream contract: ${name}`, () => {
    let harness: EventStreamHarness;
    let sut: EventStream;
    let controllers: AbortController[];

    const subscribe = (position: { after?: string; fromTime?: string }, on = sut) => {
      const controller = new AbortController();
      controllers.push(controller);
      const iterable = on.subscribe({ ...position, signal: controller.signal });
      return { iterator: iterable[Symbol.asyncIterator](), controller };
    };

    beforeEach(async () => {
      harness = await make();
      sut = harness.sut;
      controllers = [];
    });

    afterEach(async () => {
      controllers.forEach((controller) => controller.abort());
      await harness.cleanup();
    });

    it('appends events with strictly increasing ids, keeping their content', async () => {
      expect(await sut.lastEventId()).toBeUndefined();
      expect(await sut.append([])).toEqual([]);
      const first = await sut.append(drafts('a', 'b'));
      const second = await sut.append(drafts('c'));
      const all = [...first, ...second];
      all
        .slice(1)
        .forEach((event, i) => expect(compareIds(event.id, all[i]?.id ?? '')).toBeGreaterThan(0));
      expect(all[0]).toEqual({ ...draft('a'), id: all[0]?.id, timestamp: all[0]?.timestamp });
      expect(new Date(all[0]?.timestamp ?? '').toISOString()).toBe(all[0]?.timestamp);
      expect(await sut.lastEventId()).toBe(second[0]?.id);
      expect(await sut.read({ limit: 10 })).toEqual(all);
    });

    it('reads after an id, from the beginning, and within a limit', async () => {
      const events = await sut.append(drafts('a', 'b', 'c', 'd'));
      expect(names(await sut.read({ after: events[1]?.id, limit: 10 }))).toEqual(['c', 'd']);
      expect(names(await sut.read({ after: events[0]?.id, limit: 2 }))).toEqual(['b', 'c']);
      expect(names(await sut.read({ after: '0', limit: 10 }))).toEqual(['a', 'b', 'c', 'd']);
      expect(names(await sut.read({ after: '0-0', limit: 1 }))).toEqual(['a']);
      expect(await sut.read({ after: events[3]?.id, limit: 10 })).toEqual([]);
      // The last id possible before a millisecond (a date reader's first cursor) keeps it whole.
      const [ms] = (events[2]?.id ?? '').split('-').map(Number);
      const before = `${(ms ?? 0) - 1}-${Number.MAX_SAFE_INTEGER}`;
      const kept = names(await sut.read({ after: before, limit: 10 }));
      expect(kept.slice(-2)).toEqual(['c', 'd']);
      expect(kept).toEqual(
        names(await sut.read({ fromTime: new Date(ms ?? 0).toISOString(), limit: 10 })),
      );
    });

    it('reads from a time', async () => {
      await sut.append(drafts('old'));
      await pause(20);
      const from = new Date().toISOString();
      await pause(5);
      await sut.append(drafts('new'));
      expect(names(await sut.read({ fromTime: from, limit: 10 }))).toEqual(['new']);
      expect(await sut.read({ fromTime: '2999-01-01T00:00:00Z', limit: 10 })).toEqual([]);
      expect(names(await sut.read({ fromTime: '1970-01-01T00:00:00Z', limit: 10 }))).toEqual([
        'old',
        'new',
      ]);
    });

    it('replays history after the position, then tails new events live', async () => {
      const history = await sut.append(drafts('h1', 'h2', 'h3'));
      const { iterator } = subscribe({ after: history[0]?.id });
      expect(names(await take(iterator, 2))).toEqual(['h2', 'h3']);
      const pending = take(iterator, 3);
      await pause(20);
      await sut.append(drafts('l1'));
      await sut.append(drafts('l2', 'l3'));
      expect(names(await pending)).toEqual(['l1', 'l2', 'l3']);
    });

    it('tails only new events without a position', async () => {
      await sut.append(drafts('before'));
      const { iterator } = subscribe({});
      const pending = take(iterator, 1);
      await pause(20);
      await sut.append(drafts('after'));
      expect(names(await pending)).toEqual(['after']);
    });

    it('subscribes from a time', async () => {
      await sut.append(drafts('old'));
      await pause(20);
      const from = new Date().toISOString();
      await pause(5);
      await sut.append(drafts('new'));
      const { iterator } = subscribe({ fromTime: from });
      expect(names(await take(iterator, 1))).toEqual(['new']);
    });

    it('delivers every event exactly once while appends race with the subscriber', async () => {
      // Stays within the retention, so that no event is trimmed before the subscriber reads it.
      const batches = Math.min(20, Math.floor(harness.maxEvents / 3));
      const { iterator } = subscribe({ after: '0' });
      const pending = take(iterator, batches * 3);
      for (let batch = 0; batch < batches; batch += 1) {
        await sut.append(drafts(`${batch}a`, `${batch}b`, `${batch}c`));
        if (batch % 5 === 0) {
          await pause(1);
        }
      }
      const received = await pending;
      expect(names(received)).toEqual(names(await sut.read({ limit: batches * 3 })));
      expect(new Set(received.map((event) => event.id)).size).toBe(batches * 3);
    });

    it('ends the iteration when the signal aborts, even while waiting', async () => {
      const { iterator, controller } = subscribe({});
      const waiting = iterator.next();
      await pause(20);
      controller.abort();
      expect(await waiting).toMatchObject({ done: true });
      const aborted = new AbortController();
      aborted.abort();
      await sut.append(drafts('x'));
      const seen: StreamEvent[] = [];
      for await (const event of sut.subscribe({ after: '0', signal: aborted.signal })) {
        seen.push(event);
      }
      expect(seen).toEqual([]);
    });

    it('keeps at most maxEvents, trimming the oldest', async () => {
      const max = harness.maxEvents;
      const appended: StreamEvent[] = [];
      for (let i = 0; i < 3; i += 1) {
        appended.push(
          ...(await sut.append(Array.from({ length: max }, (_, j) => draft(`e${i}-${j}`)))),
        );
      }
      const kept = await sut.read({ limit: 10 * max });
      expect(kept.length).toBeLessThanOrEqual(max + (harness.trimSlack ?? 0));
      expect(kept.length).toBeLessThan(appended.length);
      expect(kept).toEqual(appended.slice(-kept.length));
      const info = await sut.info();
      expect(info).toEqual({
        size: kept.length,
        firstEventId: kept[0]?.id,
        lastEventId: appended.at(-1)?.id,
        firstEventTime: kept[0]?.timestamp,
        lastEventTime: appended.at(-1)?.timestamp,
      });
    });

    it('resumes from a trimmed id at the oldest event kept', async () => {
      const max = harness.maxEvents;
      const [first] = await sut.append(drafts('first'));
      for (let i = 0; i < 3; i += 1) {
        await sut.append(Array.from({ length: max }, (_, j) => draft(`e${i}-${j}`)));
      }
      const oldestKept = (await sut.read({ limit: 1 }))[0];
      expect(oldestKept?.id).not.toBe(first?.id);
      expect((await sut.read({ after: first?.id, limit: 1 }))[0]).toEqual(oldestKept);
      const { iterator } = subscribe({ after: first?.id });
      expect((await take(iterator, 1))[0]).toEqual(oldestKept);
    });

    it("reads one element's kept events, oldest first, within a limit", async () => {
      const about = (name: string, elementId: string): StreamEventDraft => ({
        ...draft(name),
        elementId,
      });
      await sut.append([about('v1', 'el-x'), about('o1', 'el-y')]);
      await sut.append([about('v2', 'el-x')]);
      await sut.append([about('o2', 'el-y'), about('v3', 'el-x')]);
      const history = await sut.readElement('el-x', 10);
      expect(names(history)).toEqual(['v1', 'v2', 'v3']);
      expect(history).toEqual(
        (await sut.read({ limit: 10 })).filter((event) => event.elementId === 'el-x'),
      );
      expect(names(await sut.readElement('el-x', 2))).toEqual(['v2', 'v3']);
      expect(await sut.readElement('el-none', 10)).toEqual([]);
      // Trimmed events are gone from an element's history too.
      const max = harness.maxEvents + (harness.trimSlack ?? 0);
      for (let i = 0; i < 2; i += 1) {
        await sut.append(Array.from({ length: max }, (_, j) => draft(`t${i}-${j}`)));
      }
      await sut.append([about('v4', 'el-x')]);
      expect(names(await sut.readElement('el-x', 10))).toEqual(['v4']);
      await expect(sut.readElement('el-x', 0)).rejects.toMatchObject({
        code: 'STREAM_INVALID_POSITION',
      });
    });

    it('rejects bad positions with a validation error naming them', async () => {
      for (const after of ['abc', '12-', '-1-0', '1.5-0', '1-2-3', '']) {
        await expect(sut.read({ after, limit: 1 })).rejects.toMatchObject({
          category: 'validation',
          message: expect.stringContaining(JSON.stringify(after)) as unknown,
        });
      }
      await expect(sut.read({ fromTime: 'yesterday', limit: 1 })).rejects.toMatchObject({
        category: 'validation',
        message: expect.stringContaining('yesterday') as unknown,
      });
      await expect(
        sut.read({ after: '0', fromTime: '2024-01-01', limit: 1 }),
      ).rejects.toMatchObject({
        category: 'validation',
      });
      const iterate = async () => {
        const controller = new AbortController();
        controllers.push(controller);
        for await (const event of sut.subscribe({ after: 'bogus-id', signal: controller.signal })) {
          return event;
        }
        return undefined;
      };
      await expect(iterate()).rejects.toMatchObject({
        category: 'validation',
        message: expect.stringContaining('bogus-id') as unknown,
      });
    });

    it('keeps the history across a restart and goes on with greater ids', async () => {
      const before = await sut.append(drafts('a', 'b'));
      const restarted = await harness.reopen();
      expect(await restarted.read({ limit: 10 })).toEqual(before);
      expect(await restarted.lastEventId()).toBe(before[1]?.id);
      const [next] = await restarted.append(drafts('c'));
      expect(compareIds(next?.id ?? '', before[1]?.id ?? '')).toBeGreaterThan(0);
    });

    it('tails events appended by another instance on the same storage', async () => {
      const other = await harness.reopen();
      const { iterator } = subscribe({}, other);
      const pending = take(iterator, 2);
      await pause(20);
      await sut.append(drafts('x', 'y'));
      expect(names(await pending)).toEqual(['x', 'y']);
    });
  });
}
