import { Inject, Injectable } from '@nestjs/common';
import { ConnectorRegistryService } from '@lib/connectors';
import { IngestionJobsService } from '@lib/ingestion';
import { WorkService } from '@lib/works';
import type { AccessContext } from '@lib/rbac';
import { invalidInput } from '../errors/knowledge.error';
import { requireCapability } from '../internal/element-loader';
import type { BundlePushInput } from '../knowledge.types';

/** `stixBundlePush`: bundles handed to the ingestion workers (asynchronous import). */
@Injectable()
export class KnowledgeBundleService {
  constructor(
    @Inject(IngestionJobsService) private readonly jobs: IngestionJobsService,
    @Inject(ConnectorRegistryService) private readonly connectors: ConnectorRegistryService,
    @Inject(WorkService) private readonly works: WorkService,
  ) {}

  /**
   * Validates that the bundle is a JSON STIX bundle and enqueues it; returns the id of its work
   * (created now; the worker imports into it), which the sender can follow.
   */
  async push(ctx: AccessContext, input: BundlePushInput): Promise<string> {
    requireCapability(ctx, 'CONNECTORAPI');
    const text = typeof input.bundle === 'string' ? input.bundle : JSON.stringify(input.bundle);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw invalidInput('bundle', 'is not JSON', cause);
    }
    const record = parsed as { type?: unknown; objects?: unknown[] };
    if (typeof parsed !== 'object' || parsed === null || record.type !== 'bundle') {
      throw invalidInput('bundle', "must be a STIX bundle (type 'bundle')");
    }
    if (record.objects !== undefined && !Array.isArray(record.objects)) {
      throw invalidInput('bundle', 'objects must be a list');
    }
    const objects = record.objects?.length ?? 0;
    const connector = await this.connectors.find(input.connectorId);
    if (connector && objects > 0) {
      // A registered connector: through its push queue, as OpenCTI does (its depth is the
      // connector's buffering signal).
      const workId =
        input.workId ??
        (
          await this.works.create({
            connectorId: connector.id,
            name: input.workName ?? `${connector.name} run @ ${new Date().toISOString()}`,
            userId: ctx.userId,
          })
        ).internalId;
      await this.works.addExpectations(workId, objects);
      await this.connectors.pushBundle(connector, {
        bundle: text,
        applicantId: ctx.userId,
        workId,
        update: input.update ?? true,
      });
      return workId;
    }
    const queued = await this.jobs.enqueueBundleWithWork(
      {
        connectorId: input.connectorId,
        workName: input.workName ?? `${input.connectorId} run @ ${new Date().toISOString()}`,
        bundle: text,
        ...(input.update === undefined ? {} : { update: input.update }),
      },
      { userId: ctx.userId, workId: input.workId, objects },
    );
    return queued.workId;
  }
}
