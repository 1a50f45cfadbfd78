import { Inject, Injectable } from '@nestjs/common';
import { ConnectorBus } from '@lib/connector-bus';
import type { Connector } from '@lib/connectors';
import { INGESTION_QUEUE } from '@lib/ingestion';
import { JobQueue } from '@lib/job-queue';

/** A message that failed for good, on a connector queue or the internal ingestion queue. */
export type DeadLetterView = {
  /** `bus` (connector queues) or `jobs` (internal job queue): which port replays it. */
  source: 'bus' | 'jobs';
  id: string;
  queue: string;
  /** The connector whose queue holds it, or "Ingestion". */
  owner: string;
  attempts: number;
  reason: string;
  failedAt: string;
  size: number;
};

const LIMIT = 50;

/**
 * Dead letters of every connector's push and listen queues and of the ingestion job queue, and
 * their replay, through the ConnectorBus and JobQueue ports (both keep the reason and replay).
 */
@Injectable()
export class DeadLetters {
  constructor(
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  async list(connectors: readonly Connector[]): Promise<DeadLetterView[]> {
    const fromBus = await Promise.all(
      connectors.flatMap((c) =>
        [c.queues.push, c.queues.listen].map(async (queue) => {
          const letters = await this.bus.listDeadLetters(queue, { limit: LIMIT }).catch(() => []);
          return letters.map((d): DeadLetterView => ({
            source: 'bus',
            id: d.id,
            queue,
            owner: c.name,
            attempts: d.deliveries,
            reason: `${d.reason.code}: ${d.reason.message}`,
            failedAt: d.failedAt,
            size: d.body.length,
          }));
        }),
      ),
    );
    const fromJobs = (await this.jobs.listDeadLetters(INGESTION_QUEUE, { limit: LIMIT })).map(
      (d): DeadLetterView => ({
        source: 'jobs',
        id: d.id,
        queue: d.queue,
        owner: 'Ingestion',
        attempts: d.attempts,
        reason: `${d.reason.code}: ${d.reason.message}`,
        failedAt: d.failedAt,
        size: JSON.stringify(d.payload ?? null).length,
      }),
    );
    return [...fromBus.flat(), ...fromJobs].sort((a, b) => b.failedAt.localeCompare(a.failedAt));
  }

  replay(source: 'bus' | 'jobs', id: string): Promise<void> {
    return source === 'bus' ? this.bus.replay(id) : this.jobs.replay(id);
  }
}
