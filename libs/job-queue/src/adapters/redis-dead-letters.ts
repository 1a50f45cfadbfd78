import type { Redis } from 'ioredis';
import type { DeadLetter } from '../job-queue.types';

/**
 * Dead letters of the BullMQ queues, kept beside them in Redis: one hash of records by id and,
 * per queue, a sorted set of ids by failure time (oldest first). BullMQ's own failed set keeps
 * only a message; the port's reason has a code too, and replay must be exactly once.
 */
export class RedisDeadLetters {
  private readonly recordsKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.recordsKey = `${prefix}jobs:dead`;
  }

  /** Stores (or overwrites: ids are `<queue>:<job id>`) a dead letter. */
  async record(letter: DeadLetter): Promise<void> {
    await this.redis
      .multi()
      .hset(this.recordsKey, letter.id, JSON.stringify(letter))
      .zadd(this.indexKey(letter.queue), String(Date.parse(letter.failedAt)), letter.id)
      .exec();
  }

  async list(queue: string, limit: number): Promise<DeadLetter[]> {
    const ids = await this.redis.zrange(this.indexKey(queue), '0', String(limit - 1));
    if (ids.length === 0) {
      return [];
    }
    const records = await this.redis.hmget(this.recordsKey, ...ids);
    return records.flatMap((text) => (text ? [JSON.parse(text) as DeadLetter] : []));
  }

  async count(queue: string): Promise<number> {
    return await this.redis.zcard(this.indexKey(queue));
  }

  /** Removes a dead letter and returns it; undefined when absent (never, or already taken). */
  async take(id: string): Promise<DeadLetter | undefined> {
    const text = await this.redis.hget(this.recordsKey, id);
    if (!text) {
      return undefined;
    }
    const letter = JSON.parse(text) as DeadLetter;
    const results = await this.redis
      .multi()
      .hdel(this.recordsKey, id)
      .zrem(this.indexKey(letter.queue), id)
      .exec();
    // Two concurrent takes read the record; only the one whose HDEL removed it gets it.
    return results?.[0]?.[1] === 1 ? letter : undefined;
  }

  /** Forgets a dead letter recorded for a job that turned out to be alive. */
  async forget(letter: DeadLetter): Promise<void> {
    await this.redis
      .multi()
      .hdel(this.recordsKey, letter.id)
      .zrem(this.indexKey(letter.queue), letter.id)
      .exec();
  }

  private indexKey(queue: string): string {
    return `${this.prefix}jobs:dead:${queue}`;
  }
}
