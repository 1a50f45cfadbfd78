import { Inject, Injectable } from '@nestjs/common';
import { ConnectorBus } from '@lib/connector-bus';
import { EntityStore, stixOfElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { WorkService } from '@lib/works';
import type { Connector } from '../connector.types';
import { ConnectorRegistryService } from './connector-registry.service';

/** What an enrichment job is about: the entity, in STIX, as the connector will receive it. */
export type EnrichmentSubject = {
  standardId: string;
  entityType: string;
  stix: Record<string, unknown>;
};

export type EnrichmentTrigger = {
  mode: 'manual' | 'auto';
  trigger: 'create' | 'update' | null;
  /** Fixed work id: a dispatch replayed by another replica finds the work and stops there. */
  workId?: string;
};

/** Whether an enrichment connector's scope covers an entity type (case-insensitive). */
export function enrichmentScopeMatches(connector: Connector, entityType: string): boolean {
  const type = entityType.toLowerCase();
  return connector.scope.some((s) => s.toLowerCase() === type);
}

/**
 * Jobs the platform hands to connectors through their listen queues (connector-protocol.md
 * §2.8): a work is created for each (status `wait`) before the message is published.
 */
@Injectable()
export class ConnectorJobsService {
  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(EntityStore) private readonly store: EntityStore,
  ) {}

  /** `askEnrichment`: an analyst asks one connector to enrich an element they can see. */
  async askEnrichment(
    ctx: AccessContext,
    element: StoredElement,
    connectorId: string,
  ): Promise<StoredElement> {
    const connector = await this.registry.get(connectorId);
    if (connector.type !== 'INTERNAL_ENRICHMENT') {
      throw jobRefused(
        `Connector ${connector.id} is ${connector.type}, not an enrichment connector`,
      );
    }
    if (!enrichmentScopeMatches(connector, element.entityType)) {
      throw jobRefused(
        `Connector ${connector.id} does not enrich ${element.entityType} (its scope: ${connector.scope.join(', ') || 'none'})`,
      );
    }
    const stix = (await stixOfElement(this.store, element)) as Record<string, unknown>;
    const subject = { standardId: element.standardId, entityType: element.entityType, stix };
    return this.enrich(ctx.userId, connector, subject, { mode: 'manual', trigger: null });
  }

  /** Creates the job's work and publishes the job to the connector's listen queue. */
  async enrich(
    applicantId: string,
    connector: Connector,
    subject: EnrichmentSubject,
    trigger: EnrichmentTrigger,
  ): Promise<StoredElement> {
    const work = await this.works.create({
      connectorId: connector.id,
      name:
        trigger.mode === 'manual'
          ? 'Manual enrichment'
          : `Enrichment (${trigger.trigger ?? 'auto'})`,
      userId: applicantId,
      status: 'wait',
      eventSourceId: subject.standardId,
      ...(trigger.workId ? { internalId: trigger.workId } : {}),
    });
    const message = {
      internal: {
        work_id: work.internalId,
        applicant_id: applicantId,
        draft_id: null,
        trigger: trigger.trigger,
        mode: trigger.mode,
      },
      event: {
        event_type: 'INTERNAL_ENRICHMENT',
        entity_id: subject.standardId,
        entity_type: subject.entityType,
        stix_entity: JSON.stringify(subject.stix),
        // Null, as OpenCTI sends it: pycti then reads the entity back through the API.
        stix_objects: null,
      },
    };
    await this.bus.publish(connector.queues.listen, [{ body: JSON.stringify(message) }]);
    return work;
  }
}

function jobRefused(message: string): AppError {
  return new AppError({ code: 'CONNECTOR_JOB_REFUSED', category: 'validation', message });
}
