import { Store } from 'express-session';
import type { SessionData } from 'express-session';
import type { SessionRecord, SessionRegistry } from '@lib/auth';
import './session-data.types';

type Callback = (error?: unknown) => void;

/** express-session's store over the SessionRegistry (the Cache port): replicas share sessions. */
export class CacheSessionStore extends Store {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly defaultTtlMs: number,
  ) {
    super();
  }

  override get(
    sid: string,
    callback: (error: unknown, session?: SessionData | null) => void,
  ): void {
    this.registry.get(sid).then(
      (record) => callback(null, (record as SessionData | undefined) ?? null),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.registry.set(sid, toRecord(session), this.ttlOf(session)).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    // A failed renewal leaves the session as it was; the next request renews it again.
    this.registry.touch(sid, toRecord(session), this.ttlOf(session)).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.registry.destroy(sid).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  private ttlOf(session: SessionData): number {
    const maxAge = session.cookie?.maxAge;
    return typeof maxAge === 'number' && maxAge > 0 ? maxAge : this.defaultTtlMs;
  }
}

// Sessions are JSON in the cache (the cookie's expiry becomes an ISO string, which
// express-session turns back into a date when it loads the session).
function toRecord(session: SessionData): SessionRecord {
  return JSON.parse(JSON.stringify(session)) as SessionRecord;
}
