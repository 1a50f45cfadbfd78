import type { EntityStore } from '@lib/entity-store';
import type { EventStream } from '@lib/event-stream';
import { FakeLockCache } from '../testing/fake-lock-cache';
import { AuditEventConsumer } from './audit-event.consumer';

describe('AuditEventConsumer', () => {
  const events = { read: jest.fn(() => Promise.resolve([])) } as unknown as EventStream;
  const store = { get: jest.fn(() => Promise.resolve(undefined)) } as unknown as EntityStore;
  const config = { retentionDays: 365, flushMs: 1000, dataChanges: true };

  it('consumes on one replica only; another takes over when it stops', async () => {
    const cache = new FakeLockCache();
    const first = new AuditEventConsumer(events, store, cache, config);
    const second = new AuditEventConsumer(events, store, cache, config);
    for (const c of [first, second]) c.timing = { idleMs: 5, retryMs: 5 };
    const firstRounds = jest.spyOn(first, 'round');
    const secondRounds = jest.spyOn(second, 'round');
    first.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 20));
    second.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 50));
    expect(firstRounds.mock.calls.length).toBeGreaterThan(1);
    expect(secondRounds).not.toHaveBeenCalled();
    await first.onModuleDestroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(secondRounds).toHaveBeenCalled();
    // Stopping does not wait out the retry pause (5 s by default).
    second.timing = { idleMs: 5, retryMs: 60_000 };
    const stopping = Date.now();
    await second.onModuleDestroy();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(cache.held.size).toBe(0);
  });

  it('does not consume at all when data changes are not audited', async () => {
    const cache = new FakeLockCache();
    const off = new AuditEventConsumer(events, store, cache, { ...config, dataChanges: false });
    off.timing = { idleMs: 5, retryMs: 5 };
    const rounds = jest.spyOn(off, 'round');
    off.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 30));
    expect(rounds).not.toHaveBeenCalled();
    expect(cache.held.size).toBe(0);
    await off.onModuleDestroy();
  });

  it('is caught up once its position is the last event of the stream', async () => {
    let last: string | undefined = '7-0';
    let position: string | undefined;
    const stream = { lastEventId: () => Promise.resolve(last) } as unknown as EventStream;
    const positions = {
      get: () =>
        Promise.resolve(position ? { attributes: { last_event_id: position } } : undefined),
    } as unknown as EntityStore;
    const cache = new FakeLockCache();
    const consumer = new AuditEventConsumer(stream, positions, cache, config);
    await expect(consumer.caughtUp()).resolves.toBe(false);
    position = '6-0';
    await expect(consumer.caughtUp()).resolves.toBe(false);
    position = '7-0';
    await expect(consumer.caughtUp()).resolves.toBe(true);
    last = undefined;
    position = undefined;
    await expect(consumer.caughtUp()).resolves.toBe(true);
    last = '9-0';
    const off = new AuditEventConsumer(stream, positions, cache, { ...config, dataChanges: false });
    await expect(off.caughtUp()).resolves.toBe(true);
  });

  it('measures its lag from the times of the newest event and the newest audited one', async () => {
    let last: string | undefined = '1700000009000-0';
    let position: string | undefined;
    const stream = {
      lastEventId: () => Promise.resolve(last),
      info: () => Promise.resolve({ firstEventId: '1700000001500-0' }),
    } as unknown as EventStream;
    const positions = {
      get: () =>
        Promise.resolve(position ? { attributes: { last_event_id: position } } : undefined),
    } as unknown as EntityStore;
    const consumer = new AuditEventConsumer(stream, positions, new FakeLockCache(), config);
    await expect(consumer.lagSeconds()).resolves.toBe(7.5);
    position = '1700000006000-3';
    await expect(consumer.lagSeconds()).resolves.toBe(3);
    last = '1700000006000-5';
    await expect(consumer.lagSeconds()).resolves.toBe(0.001);
    last = '1700000009000-0';
    position = '1700000009000-0';
    await expect(consumer.lagSeconds()).resolves.toBe(0);
    last = undefined;
    await expect(consumer.lagSeconds()).resolves.toBe(0);
  });
});
