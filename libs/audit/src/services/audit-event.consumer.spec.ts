import type { EntityStore } from '@lib/entity-store';
import type { EventStream } from '@lib/event-stream';
import { FakeLockCache } from '../testing/fake-lock-cache';
import { AuditEventConsumer } from './audit-event.consumer';

describe('AuditEventConsumer', () => {
  const events = { read: jest.fn(() => Promise.resolve([])) } as unknown as EventStream;
  const store = { get: jest.fn(() => Promise.resolve(undefined)) } as unknown as EntityStore;

  it('consumes on one replica only; another takes over when it stops', async () => {
    const cache = new FakeLockCache();
    const first = new AuditEventConsumer(events, store, cache);
    const second = new AuditEventConsumer(events, store, cache);
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
});
