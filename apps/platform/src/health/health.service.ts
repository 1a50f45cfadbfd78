import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import { Cache } from '@lib/cache';
import { EntityStore } from '@lib/entity-store';
import { EventStream } from '@lib/event-stream';
import { JobQueue } from '@lib/job-queue';
import { systemContext } from '@lib/rbac';

export type Check = { ok: boolean; ms: number; error?: string };

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await probe();
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - start),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** One cheap call per port, each timed; a failure names the port and the reason. */
@Injectable()
export class HealthService {
  private readonly system = systemContext('health');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(Cache) private readonly cache: Cache,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(EventStream) private readonly events: EventStream,
  ) {}

  async check(): Promise<Record<string, Check>> {
    const [store, queue, cache, blobs, events] = await Promise.all([
      timed(() => this.store.get(this.system, 'health-probe')),
      timed(() => this.queue.stats('ingestion')),
      timed(() => this.cache.get('health-probe')),
      timed(() => this.blobs.stat('health/probe')),
      timed(() => this.events.lastEventId()),
    ]);
    return { store, queue, cache, blobs, events };
  }
}
