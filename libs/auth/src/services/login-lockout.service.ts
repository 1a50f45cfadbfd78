import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Cache } from '@lib/cache';
import { AUTH_CONFIG } from '@lib/config';
import type { AuthConfig } from '@lib/config';

type Failures = { count: number; since: number };

const LOCK_OPTIONS = { ttlMs: 5_000, waitMs: 5_000 };

/**
 * Failed logins per email, counted in the Cache port (shared by replicas): past the maximum within
 * the window the email is locked for a while. Emails are counted whether or not a user has them,
 * so a lock tells nothing about which accounts exist.
 */
@Injectable()
export class LoginLockout {
  constructor(
    @Inject(Cache) private readonly cache: Cache,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Milliseconds the email stays locked, or 0. */
  async lockedFor(email: string, now = Date.now()): Promise<number> {
    const until = await this.cache.get(this.key('login-lock', email));
    return typeof until === 'number' && until > now ? until - now : 0;
  }

  /** Counts one failure; true when it locked the email. */
  async recordFailure(email: string, now = Date.now()): Promise<boolean> {
    const key = this.key('login-failures', email);
    const { maxFailures, windowMs, lockMs } = this.config.lockout;
    return this.cache.withLock(
      [key],
      async () => {
        const stored = (await this.cache.get(key)) as Failures | undefined;
        const current = stored && now - stored.since < windowMs ? stored : { count: 0, since: now };
        const next = { count: current.count + 1, since: current.since };
        if (next.count >= maxFailures) {
          await this.cache.set(this.key('login-lock', email), now + lockMs, { ttlMs: lockMs });
          await this.cache.delete(key);
          return true;
        }
        await this.cache.set(key, next, { ttlMs: Math.max(1, windowMs - (now - next.since)) });
        return false;
      },
      LOCK_OPTIONS,
    );
  }

  /** A successful login clears the failures counted so far. */
  async recordSuccess(email: string): Promise<void> {
    await this.cache.delete(this.key('login-failures', email));
  }

  // Emails are hashed: keys stay short and printable, and no address sits in the cache.
  private key(kind: string, email: string): string {
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return `auth:${kind}:${digest}`;
  }
}
