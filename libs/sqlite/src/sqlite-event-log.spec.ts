import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamEventDraft } from '@lib/kernel';
import { SqliteDatabase } from './sqlite-database';
import { SqliteEventLog } from './sqlite-event-log';

const draft = (elementId: string): StreamEventDraft => ({
  type: 'create',
  scope: 'external',
  elementId,
  entityType: 'Malware',
  origin: { user_id: 'u1' },
  message: `creates ${elementId}`,
  data: { id: `malware--${elementId}`, type: 'malware', name: elementId },
});

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(SqliteEventLog.name, () => {
  let dir: string;
  let database: SqliteDatabase;
  let sut: SqliteEventLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-event-log-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    sut = SqliteEventLog.for(database, { maxEvents: 5 });
  });

  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one instance per database, and refuses other options', () => {
    expect(SqliteEventLog.for(database, { maxEvents: 5 })).toBe(sut);
    expect(errorOf(() => SqliteEventLog.for(database, { maxEvents: 6 }))).toMatchObject({
      code: 'EVENT_LOG_OPTIONS_MISMATCH',
    });
  });

  it('appends with strictly increasing ids and reads them back with their payload', () => {
    const first = sut.appendSync([draft('a'), draft('b')]);
    const second = sut.appendSync([draft('c')]);
    const all = sut.read({ limit: 10 });
    expect(all).toEqual([...first, ...second]);
    expect(all[0]).toMatchObject({
      ...draft('a'),
      id: expect.stringMatching(/^\d+-\d+$/) as unknown,
    });
    expect(sut.read({ after: sut.lastCursor(), limit: 10 })).toEqual([]);
  });

  it('appends inside the caller transaction, which keeps them', () => {
    const events = database.transaction(() => sut.appendSync([draft('a')]));
    expect(sut.read({ limit: 10 })).toEqual(events);
  });

  it('leaves no event after a rolled-back transaction, and wakes nobody with phantom data', async () => {
    const seen: string[] = [];
    sut.onAppended(() => seen.push(...sut.read({ limit: 10 }).map((e) => e.elementId)));
    expect(() =>
      database.transaction(() => {
        sut.appendSync([draft('phantom')]);
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    await nextTick();
    expect(sut.read({ limit: 10 })).toEqual([]);
    expect(sut.lastCursor()).toBeUndefined();
    expect(seen).toEqual([]);

    const [real] = sut.appendSync([draft('real')]);
    await nextTick();
    expect(seen).toEqual(['real']);
    expect(sut.read({ limit: 10 })).toEqual([real]);
  });

  it('wakes listeners after the append returns, not inline', async () => {
    const listener = jest.fn();
    const unsubscribe = sut.onAppended(listener);
    sut.appendSync([draft('a')]);
    expect(listener).not.toHaveBeenCalled();
    await nextTick();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    sut.appendSync([draft('b')]);
    await nextTick();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('trims the oldest events past maxEvents and keeps ids growing', () => {
    const events = sut.appendSync(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(draft));
    const kept = sut.read({ limit: 10 });
    expect(kept).toEqual(events.slice(2));
    expect(sut.info()).toEqual({
      size: 5,
      first: cursorOf(events[2]?.id),
      last: cursorOf(events[6]?.id),
    });
    const [next] = sut.appendSync([draft('h')]);
    expect(sut.read({ after: cursorOf(events[0]?.id), limit: 10 })[0]).toEqual(events[3]);
    const [last, added] = [cursorOf(events[6]?.id), cursorOf(next?.id)];
    expect(added.ms > last.ms || (added.ms === last.ms && added.seq > last.seq)).toBe(true);
  });

  it('reads 10k events in one page quickly', () => {
    database.close();
    database = new SqliteDatabase({ path: join(dir, 'big.db') });
    const log = SqliteEventLog.for(database, { maxEvents: 20_000 });
    log.appendSync(Array.from({ length: 10_000 }, (_, i) => draft(`e${i}`)));
    const started = performance.now();
    const events = log.read({ limit: 10_000 });
    const elapsed = performance.now() - started;
    expect(events).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(1000);
  });
});

function cursorOf(id: string | undefined): { ms: number; seq: number } {
  const [ms, seq] = (id ?? '').split('-').map(Number);
  return { ms: ms ?? NaN, seq: seq ?? NaN };
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
