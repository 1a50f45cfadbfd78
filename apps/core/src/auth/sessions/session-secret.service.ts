import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { Cache } from '@lib/cache';
import { AUTH_CONFIG } from '@lib/config';
import type { AuthConfig } from '@lib/config';

const SECRET_KEY = 'auth:session-secret';
const KEEP_ALIVE_MS = 60_000;

/**
 * The secret that signs session and CSRF cookies: THREATLOOM_SESSION_SECRET, or else a random one
 * kept in the Cache port. Replicas on Redis share it (and it survives their restarts as long as
 * Redis keeps it); in the embedded profile it lives with the process, like the sessions it signs.
 * Each process reads it again every minute (so the cache's LRU keeps it) and puts it back if it
 * was evicted, so that a replica booting later signs with the same secret.
 */
@Injectable()
export class SessionSecretService implements OnModuleDestroy {
  private readonly logger = new Logger(SessionSecretService.name);
  private secret: Promise<string> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(Cache) private readonly cache: Cache,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  sessionSecret(): Promise<string> {
    if (!this.secret) {
      this.secret = this.resolve();
      if (!this.config.sessionSecret) {
        this.timer = setInterval(() => void this.keepAlive(), KEEP_ALIVE_MS);
        this.timer.unref();
      }
    }
    return this.secret;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** A key derived for one purpose (e.g. CSRF tokens), so no two uses share a key. */
  async derived(purpose: string): Promise<string> {
    return createHmac('sha256', await this.sessionSecret())
      .update(purpose)
      .digest('hex');
  }

  private async resolve(): Promise<string> {
    if (this.config.sessionSecret) return this.config.sessionSecret;
    return this.storedOr(randomBytes(32).toString('base64url'));
  }

  /** The secret in the cache, or `candidate` stored there when there is none. */
  private storedOr(candidate: string): Promise<string> {
    return this.cache.withLock(
      [`${SECRET_KEY}:lock`],
      async () => {
        const stored = await this.cache.get(SECRET_KEY);
        if (typeof stored === 'string' && stored.length >= 32) return stored;
        await this.cache.set(SECRET_KEY, candidate);
        return candidate;
      },
      { ttlMs: 10_000, waitMs: 10_000 },
    );
  }

  private async keepAlive(): Promise<void> {
    try {
      const mine = await this.sessionSecret();
      if ((await this.storedOr(mine)) !== mine) {
        this.logger.warn(
          'Another process signs sessions with another secret: set THREATLOOM_SESSION_SECRET',
        );
      }
    } catch (error) {
      this.logger.warn(`Session secret keep-alive failed: ${String(error)}`);
    }
  }
}
