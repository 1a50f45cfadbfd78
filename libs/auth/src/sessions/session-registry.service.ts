import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Cache } from '@lib/cache';
import type { CacheValue } from '@lib/cache';

/** What a session holds: JSON, with the signed-in user's internal id once logged in. */
export type SessionRecord = { [key: string]: CacheValue } & { userId?: string };

/** A user's session ids, kept until the last of them may expire. */
type SessionIndex = { ids: string[]; until: number };

const LOCK_OPTIONS = { ttlMs: 5_000, waitMs: 5_000 };
const sessionKey = (sid: string) => `auth:session:${sid}`;
const indexKey = (userId: string) => `auth:user-sessions:${userId}`;
/** The id a session is listed under: derived from its id, from which it cannot be told back. */
const listedIdOf = (sid: string) => createHash('sha256').update(sid).digest('hex').slice(0, 32);

/**
 * Sessions in the Cache port (shared by replicas on Redis), with an index of each user's session
 * ids so that all of them can be dropped at once. The index is authoritative: a session of a user
 * whose index no longer lists it (dropped, or the index evicted) is refused, so a lost index logs
 * users out rather than keeping dropped sessions alive.
 */
@Injectable()
export class SessionRegistry {
  constructor(@Inject(Cache) private readonly cache: Cache) {}

  async get(sid: string): Promise<SessionRecord | undefined> {
    const record = (await this.cache.get(sessionKey(sid))) as SessionRecord | undefined;
    if (!record?.userId) return record;
    if ((await this.index(record.userId)).ids.includes(sid)) return record;
    await this.cache.delete(sessionKey(sid));
    return undefined;
  }

  /** Stores (or renews) a session for `ttlMs`; a session with a user joins that user's index. */
  async set(sid: string, record: SessionRecord, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const userId = record.userId;
    if (!userId) {
      await this.cache.set(sessionKey(sid), record, { ttlMs: ttl });
      return;
    }
    await this.cache.withLock(
      [indexKey(userId)],
      async () => {
        const { ids, until } = await this.index(userId);
        // Ids of sessions that expired meanwhile leave the index as it is rewritten.
        const live = await this.cache.getMany(ids.map(sessionKey));
        const kept = ids.filter((id) => id !== sid && live.has(sessionKey(id)));
        await this.cache.set(sessionKey(sid), record, { ttlMs: ttl });
        await this.saveIndex(userId, {
          ids: [...kept, sid],
          until: Math.max(until, Date.now() + ttl),
        });
      },
      LOCK_OPTIONS,
    );
  }

  /**
   * Renews a session's expiry (each request of a rolling session). A session its user's index no
   * longer lists was dropped meanwhile and is not revived.
   */
  async touch(sid: string, record: SessionRecord, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const userId = record.userId;
    if (!userId) {
      await this.cache.set(sessionKey(sid), record, { ttlMs: ttl });
      return;
    }
    const { ids, until } = await this.index(userId);
    if (!ids.includes(sid)) return;
    await this.cache.set(sessionKey(sid), record, { ttlMs: ttl });
    // The index is rewritten (under its lock) only once half of its remaining life is gone.
    if (until - Date.now() >= ttl / 2) return;
    await this.cache.withLock(
      [indexKey(userId)],
      async () => {
        const current = await this.index(userId);
        if (!current.ids.includes(sid)) return;
        await this.saveIndex(userId, {
          ids: current.ids,
          until: Math.max(current.until, Date.now() + ttl),
        });
      },
      LOCK_OPTIONS,
    );
  }

  /** Ends one session (logout). */
  async destroy(sid: string): Promise<void> {
    const record = (await this.cache.get(sessionKey(sid))) as SessionRecord | undefined;
    await this.cache.delete(sessionKey(sid));
    const userId = record?.userId;
    if (!userId) return;
    await this.cache.withLock(
      [indexKey(userId)],
      async () => {
        const { ids, until } = await this.index(userId);
        await this.saveIndex(userId, { ids: ids.filter((id) => id !== sid), until });
      },
      LOCK_OPTIONS,
    );
  }

  /**
   * Ends every session of a user (logout everywhere; also on disable, delete or password change).
   * Returns how many were listed.
   */
  async dropSessionsOf(userId: string): Promise<number> {
    return this.cache.withLock(
      [indexKey(userId)],
      async () => {
        const { ids } = await this.index(userId);
        await this.cache.delete(indexKey(userId), ...ids.map(sessionKey));
        return ids.length;
      },
      LOCK_OPTIONS,
    );
  }

  /**
   * A user's live sessions (the admin's view of them): an id derived from the session id (never
   * the session id itself, which would let its reader take the session) and the stored record.
   */
  async sessionsOf(userId: string): Promise<{ id: string; record: SessionRecord }[]> {
    const { ids } = await this.index(userId);
    const found = await this.cache.getMany(ids.map(sessionKey));
    return ids
      .map((sid) => ({ sid, record: found.get(sessionKey(sid)) as SessionRecord | undefined }))
      .filter((s): s is { sid: string; record: SessionRecord } => s.record !== undefined)
      .map(({ sid, record }) => ({ id: listedIdOf(sid), record }));
  }

  /** The id `sessionsOf` lists a session under (to tell the reader's own session apart). */
  listedId(sid: string): string {
    return listedIdOf(sid);
  }

  /**
   * Ends one of a user's sessions by the id `sessionsOf` lists it under (an admin's "kill this
   * session"). Answers false when the user has no such session.
   */
  async destroyListed(userId: string, listedId: string): Promise<boolean> {
    const { ids } = await this.index(userId);
    const sid = ids.find((id) => listedIdOf(id) === listedId);
    if (sid === undefined) return false;
    await this.destroy(sid);
    return true;
  }

  private async index(userId: string): Promise<SessionIndex> {
    const stored = await this.cache.get(indexKey(userId));
    if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
      return { ids: [], until: 0 };
    }
    const ids = Array.isArray(stored.ids) ? stored.ids : [];
    return {
      ids: ids.filter((id): id is string => typeof id === 'string'),
      until: typeof stored.until === 'number' ? stored.until : 0,
    };
  }

  private async saveIndex(userId: string, index: SessionIndex): Promise<void> {
    const ttlMs = Math.round(index.until - Date.now());
    if (index.ids.length === 0 || ttlMs < 1) {
      await this.cache.delete(indexKey(userId));
      return;
    }
    await this.cache.set(indexKey(userId), index, { ttlMs });
  }
}
