import { Inject, Injectable } from '@nestjs/common';
import { IngestionJobsService } from '@lib/ingestion';
import type { AccessContext } from '@lib/rbac';
import { invalidInput } from '../errors/knowledge.error';
import { requireCapability } from '../internal/element-loader';
import type { BundlePushInput } from '../knowledge.types';

/** `stixBundlePush`: bundles handed to the ingestion workers (asynchronous import). */
@Injectable()
export class KnowledgeBundleService {
  constructor(@Inject(IngestionJobsService) private readonly jobs: IngestionJobsService) {}

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
    const record = parsed as { type?: unknown; objects?: unknown };
    if (typeof parsed !== 'object' || parsed === null || record.type !== 'bundle') {
      throw invalidInput('bundle', "must be a STIX bundle (type 'bundle')");
    }
    if (record.objects !== undefined && !Array.isArray(record.objects)) {
      throw invalidInput('bundle', 'objects must be a list');
    }
    const queued = await this.jobs.enqueueBundleWithWork(
      {
        connectorId: input.connectorId,
        workName: input.workName ?? `Bundle pushed by ${ctx.userName}`,
        bundle: text,
        ...(input.update === undefined ? {} : { update: input.update }),
      },
      ctx.userId,
    );
    return queued.workId;
  }
}
