import { FakeLockCache } from '../testing/fake-lock-cache';
import type { AuditLogService } from './audit-log.service';
import { retentionCutoff } from './audit-log.service';
import { AuditRetentionService } from './audit-retention.service';

describe('retentionCutoff', () => {
  it('is the given number of days before now', () => {
    const now = new Date('2026-12-04T12:00:00.000Z');
    expect(retentionCutoff(365, now).toISOString()).toBe('2025-12-04T12:00:00.000Z');
    expect(retentionCutoff(1, now).toISOString()).toBe('2026-12-03T12:00:00.000Z');
  });
});

describe('AuditRetentionService', () => {
  const now = new Date('2026-12-04T00:00:00.000Z');
  const purge = jest.fn((before: Date) => Promise.resolve(before.getTime() > 0 ? 3 : 0));
  const log = { purge } as unknown as AuditLogService;
  beforeEach(() => purge.mockClear());

  it('purges before the cutoff of the configured retention', async () => {
    const sut = new AuditRetentionService(log, new FakeLockCache(), {
      retentionDays: 30,
      flushMs: 1000,
      dataChanges: true,
    });
    expect(await sut.run(now)).toBe(3);
    expect(purge).toHaveBeenCalledWith(new Date('2026-11-04T00:00:00.000Z'));
  });

  it('keeps everything with a retention of 0', async () => {
    const sut = new AuditRetentionService(log, new FakeLockCache(), {
      retentionDays: 0,
      flushMs: 1000,
      dataChanges: true,
    });
    expect(await sut.run(now)).toBe(0);
    expect(purge).not.toHaveBeenCalled();
  });

  it('skips the round while another replica holds the lock', async () => {
    const cache = new FakeLockCache();
    cache.held.add('audit:retention');
    const sut = new AuditRetentionService(log, cache, {
      retentionDays: 30,
      flushMs: 1000,
      dataChanges: true,
    });
    expect(await sut.run(now)).toBe(0);
    expect(purge).not.toHaveBeenCalled();
  });
});
