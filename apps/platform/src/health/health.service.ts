import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import { Cache } from '@lib/cache';
import { BusQueueNotFoundError, ConnectorBus } from '@lib/connector-bus';
import { EntityStore } from '@lib/entity-store';
import { EventStream } from '@lib/event-stream';
import { JobQueue } from '@lib/job-queue';
import { systemContext } from '@lib/rbac';

// A queue nobody declares: the broker answering "no such queue" proves it is reachable.
const BUS_PROBE_QUEUE = 'threatloom-health-probe';

export type Check = { ok: boolean; ms: number; error?: string };

// A probe that has not answered by then fails: a readiness check never hangs on a lost service
// (BullMQ's connection, for one, waits for Redis rather than failing).
const PROBE_TIMEOUT_MS = 2_000;

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - start),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
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
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
  ) {}

  async check(): Promise<Record<string, Check>> {
    const [store, queue, cache, blobs, events, bus] = await Promise.all([
      timed(() => this.store.get(this.system, 'health-probe')),
      timed(() => this.queue.stats('ingestion')),
      timed(() => this.cache.get('health-probe')),
      timed(() => this.blobs.stat('health/probe')),
      timed(() => this.events.lastEventId()),
      timed(() => this.probeBus()),
    ]);
    return { store, queue, cache, blobs, events, bus };
  }

  private async probeBus(): Promise<void> {
    try {
      await this.bus.depth(BUS_PROBE_QUEUE);
    } catch (error) {
      if (!(error instanceof BusQueueNotFoundError)) throw error;
    }
  }
}
