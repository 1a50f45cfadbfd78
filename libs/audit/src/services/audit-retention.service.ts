import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cache, LockTimeoutError } from '@lib/cache';
import { AUDIT_CONFIG } from '@lib/config';
import type { AuditConfig } from '@lib/config';
import { AuditLogService, retentionCutoff } from './audit-log.service';

const LOCK_KEY = 'audit:retention';
const INTERVAL_MS = 60 * 60 * 1000;
const FIRST_RUN_MS = 60 * 1000;

/**
 * Purges the entries older than the retention (`THREATLOOM_AUDIT_RETENTION_DAYS`, 0 = forever):
 * a minute after start, then hourly; one replica at a time (cache lock), the others skip.
 */
@Injectable()
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetentionService.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(AuditLogService) private readonly log: AuditLogService,
    @Inject(Cache) private readonly cache: Cache,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionDays === 0) return;
    const tick = () => void this.run().catch((e: unknown) => this.logger.warn(String(e)));
    this.timers = [setTimeout(tick, FIRST_RUN_MS), setInterval(tick, INTERVAL_MS)];
    this.timers.forEach((t) => t.unref());
  }

  onApplicationShutdown(): void {
    this.timers.forEach((t) => clearTimeout(t));
  }

  /** One purge round, if no other replica runs one; entries purged (0 when skipped). */
  async run(now = new Date()): Promise<number> {
    if (this.config.retentionDays === 0) return 0;
    const cutoff = retentionCutoff(this.config.retentionDays, now);
    try {
      const purged = await this.cache.withLock([LOCK_KEY], () => this.log.purge(cutoff), {
        ttlMs: 10 * 60 * 1000,
        waitMs: 0,
      });
      if (purged > 0) {
        this.logger.log(`Audit log: ${purged} entries before ${cutoff.toISOString()} purged`);
      }
      return purged;
    } catch (error) {
      if (error instanceof LockTimeoutError) return 0;
      throw error;
    }
  }
}
