import { Inject, Injectable } from '@nestjs/common';
import { ConnectorBus } from '@lib/connector-bus';
import { EntityStore, stixOfElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { FilterGroup } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { WorkService } from '@lib/works';
import type { NewWork } from '@lib/works';
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

/** A file handed to import connectors (connector-protocol.md §2.8, file import). */
export type FileImportJob = {
  fileId: string;
  fileName: string;
  mimeType: string;
  /** Internal ids of the file's markings. */
  markings: string[];
  /** The element the file is attached to (contextual import). */
  entityId?: string;
  mode: 'auto' | 'manual';
  configuration?: string | null;
  bypassValidation?: boolean;
  forceValidation?: boolean;
  validationMode?: 'workbench' | 'draft';
};

/** What an export covers: one element, elements picked by id, or the result of a list query. */
export type ExportScope =
  | { kind: 'single'; entity: { internalId: string; name: string; entityType: string } }
  | { kind: 'selection'; ids: string[] }
  | {
      kind: 'query';
      /** The list's arguments, filters resolved to internal ids (OpenCTI's `list_params`). */
      params: {
        search: string | null;
        filters: FilterGroup | null;
        orderBy: string | null;
        orderMode: 'asc' | 'desc' | null;
      };
    };

/** An export asked of export connectors (connector-protocol.md §2.8). */
export type ExportJob = {
  fileName: string;
  format: string;
  exportType: 'simple' | 'full';
  /** The type of the exported list, or of the single element. */
  entityType: string;
  /** The element the file is attached to (single exports, lists in an element's context). */
  contextEntityId: string | null;
  scope: ExportScope;
  /** Where the file will be stored: the work's `event_source_id`. */
  folder: string;
  markings: string[];
  /** Marking definitions the content may not carry (`contentMaxMarkings`), by internal id. */
  excludedMarkings: string[];
};

/** Whether an import or export connector's scope covers a mime type (empty scope: any). */
export function mimeScopeMatches(connector: Connector, mimeType: string): boolean {
  const mime = mimeType.toLowerCase();
  return connector.scope.length === 0 || connector.scope.some((s) => s.toLowerCase() === mime);
}

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
    requireType(connector, 'INTERNAL_ENRICHMENT', 'an enrichment connector');
    if (!enrichmentScopeMatches(connector, element.entityType)) {
      throw jobRefused(
        `Connector ${connector.id} does not enrich ${element.entityType} (its scope: ${connector.scope.join(', ') || 'none'})`,
      );
    }
    const stix = (await stixOfElement(this.store, element)) as Record<string, unknown>;
    const subject = { standardId: element.standardId, entityType: element.entityType, stix };
    return this.enrich(ctx.userId, connector, subject, { mode: 'manual', trigger: null });
  }

  /** An enrichment job (its work created first) on the connector's listen queue. */
  async enrich(
    applicantId: string,
    connector: Connector,
    subject: EnrichmentSubject,
    trigger: EnrichmentTrigger,
  ): Promise<StoredElement> {
    const name =
      trigger.mode === 'manual' ? 'Manual enrichment' : `Enrichment (${trigger.trigger ?? 'auto'})`;
    const work = {
      name,
      userId: applicantId,
      eventSourceId: subject.standardId,
      ...(trigger.workId ? { internalId: trigger.workId } : {}),
    };
    return this.dispatch(connector, work, (workId) => ({
      internal: {
        work_id: workId,
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
    }));
  }

  /**
   * The import connectors a file goes to: the one asked for (its type and scope checked), or
   * every active INTERNAL_IMPORT_FILE connector whose scope covers the file's mime type; on
   * upload (`auto`) only those with `auto`, and `only_contextual` ones only for attached files.
   */
  async importConnectors(
    job: Pick<FileImportJob, 'mimeType' | 'entityId' | 'mode'>,
    connectorId?: string,
  ): Promise<Connector[]> {
    if (connectorId) {
      const connector = await this.registry.get(connectorId);
      requireType(connector, 'INTERNAL_IMPORT_FILE', 'an import connector');
      requireMime(connector, job.mimeType);
      return [connector];
    }
    return (await this.registry.list()).filter(
      (c) =>
        c.type === 'INTERNAL_IMPORT_FILE' &&
        c.active &&
        mimeScopeMatches(c, job.mimeType) &&
        (job.mode === 'manual' || c.auto) &&
        (!c.onlyContextual || job.entityId !== undefined),
    );
  }

  /** One work and one listen-queue job per connector; the works, in the connectors' order. */
  async askImport(
    applicantId: string,
    job: FileImportJob,
    connectors: readonly Connector[],
  ): Promise<StoredElement[]> {
    const name = `${job.mode === 'manual' ? 'Manual' : 'Automatic'} import of ${job.fileName}`;
    const works: StoredElement[] = [];
    for (const connector of connectors) {
      const work = { name, userId: applicantId, eventSourceId: job.fileId };
      works.push(
        await this.dispatch(connector, work, (workId) => ({
          internal: {
            work_id: workId,
            applicant_id: applicantId,
            draft_id: null,
            trigger: null,
            mode: job.mode,
          },
          event: {
            file_id: job.fileId,
            file_mime: job.mimeType,
            file_markings: job.markings,
            file_fetch: `/storage/get/${job.fileId}`,
            ...(job.entityId ? { entity_id: job.entityId } : {}),
            validation_mode: job.validationMode ?? 'workbench',
            bypass_validation: job.bypassValidation ?? false,
            force_validation: job.forceValidation ?? false,
          },
          configuration: job.configuration ?? null,
        })),
      );
    }
    return works;
  }

  /** The export connectors of a format: the one asked for, or every active one covering it. */
  async exportConnectors(format: string, connectorId?: string): Promise<Connector[]> {
    if (connectorId) {
      const connector = await this.registry.get(connectorId);
      requireType(connector, 'INTERNAL_EXPORT_FILE', 'an export connector');
      requireMime(connector, format);
      return [connector];
    }
    const found = (await this.registry.list()).filter(
      (c) => c.type === 'INTERNAL_EXPORT_FILE' && c.active && mimeScopeMatches(c, format),
    );
    if (found.length === 0) {
      throw jobRefused(`No active export connector makes ${format}`);
    }
    return found;
  }

  /** The job of one export connector (the file's name decided by the caller). */
  async askExport(
    applicantId: string,
    job: ExportJob,
    connector: Connector,
  ): Promise<StoredElement> {
    const work = { name: job.fileName, userId: applicantId, eventSourceId: job.folder };
    return this.dispatch(connector, work, (workId) => ({
      internal: { work_id: workId, applicant_id: applicantId, draft_id: null },
      event: { event_type: 'INTERNAL_EXPORT_FILE', ...exportEvent(job) },
    }));
  }

  /** Creates the job's work (status `wait`), then publishes the job to the listen queue. */
  private async dispatch(
    connector: Connector,
    work: Pick<NewWork, 'name' | 'userId' | 'eventSourceId' | 'internalId'>,
    message: (workId: string) => Record<string, unknown>,
  ): Promise<StoredElement> {
    const created = await this.works.create({ connectorId: connector.id, status: 'wait', ...work });
    const body = JSON.stringify(message(created.internalId));
    await this.bus.publish(connector.queues.listen, [{ body }]);
    return created;
  }
}

/** The `event` of an export job, as pycti's export connectors read it. */
function exportEvent(job: ExportJob): Record<string, unknown> {
  const base = {
    export_scope: job.scope.kind,
    file_name: job.fileName,
    format: job.format,
    export_type: job.exportType,
    entity_type: job.entityType,
    file_markings: job.markings,
    main_filter: null,
    // What pycti's connectors add to their queries: none of the excluded markings.
    access_filter:
      job.excludedMarkings.length > 0
        ? {
            mode: 'and',
            filters: [
              {
                key: ['objectMarking'],
                values: job.excludedMarkings,
                operator: 'not_eq',
                mode: 'and',
              },
            ],
            filterGroups: [],
          }
        : null,
  };
  switch (job.scope.kind) {
    case 'single':
      return {
        ...base,
        entity_id: job.scope.entity.internalId,
        entity_name: job.scope.entity.name,
      };
    case 'selection':
      return { ...base, entity_id: job.contextEntityId, selected_ids: job.scope.ids };
    case 'query':
      return { ...base, entity_id: job.contextEntityId, list_params: job.scope.params };
  }
}

function requireType(connector: Connector, type: Connector['type'], what: string): void {
  if (connector.type !== type) {
    throw jobRefused(`Connector ${connector.id} is ${connector.type}, not ${what}`);
  }
}

function requireMime(connector: Connector, mimeType: string): void {
  if (!mimeScopeMatches(connector, mimeType)) {
    throw jobRefused(
      `Connector ${connector.id} does not handle ${mimeType} (its scope: ${connector.scope.join(', ')})`,
    );
  }
}

function jobRefused(message: string): AppError {
  return new AppError({ code: 'CONNECTOR_JOB_REFUSED', category: 'validation', message });
}
