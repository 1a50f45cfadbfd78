import { Inject, Injectable, Logger } from '@nestjs/common';
import { extension } from 'mime-types';
import { ConnectorJobsService } from '@lib/connectors';
import type { ExportJob, ExportScope, FileImportJob } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { hasCapability } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { WorkListService } from '@lib/works';
import { invalidInput } from '../errors/knowledge.error';
import { loadVisible, requireCapability, resolveRefs } from '../internal/element-loader';
import { kindOf, orderOf } from '../internal/field-patch.util';
import { exportPrefix, listExportPrefix } from '../internal/file-keys.util';
import type {
  ExportRequest,
  ImportJobRequest,
  KnowledgeFile,
  ListExportRequest,
} from '../knowledge.types';
import { KnowledgeFilesService, checkedType } from './knowledge-files.service';
import type { FileUpload, StoredFile } from './knowledge-files.service';

/** Exports asked for and not pushed yet, shown beside the element's exports. */
const EXPORTS_IN_PROGRESS = 100;

/** Marking definitions read to apply `contentMaxMarkings`, at most. */
const MAX_MARKINGS = 5000;

/**
 * Files and the connectors that work on them (connector-protocol.md §2.8, §6): an upload under
 * `import/` goes to the import connectors with `auto`, an analyst asks imports and exports, and
 * the export connectors push their files back.
 */
@Injectable()
export class KnowledgeFileJobsService {
  private readonly logger = new Logger(KnowledgeFileJobsService.name);

  constructor(
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
    @Inject(ConnectorJobsService) private readonly jobs: ConnectorJobsService,
    @Inject(WorkListService) private readonly workList: WorkListService,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  /** `importPush`: attaches a file to an element, then (unless told not to) imports it. */
  async importPush(
    ctx: AccessContext,
    entityId: string,
    upload: FileUpload,
    options: { noTriggerImport?: boolean } = {},
  ): Promise<KnowledgeFile> {
    const stored = await this.files.upload(ctx, entityId, upload);
    if (!options.noTriggerImport) await this.autoImport(ctx, stored);
    return stored.file;
  }

  /** `uploadImport`: a file for import attached to no element; the `auto` connectors import it. */
  async uploadImport(
    ctx: AccessContext,
    upload: FileUpload,
    options: { noTriggerImport?: boolean } = {},
  ): Promise<KnowledgeFile> {
    const stored = await this.files.uploadGlobal(ctx, upload);
    if (!options.noTriggerImport) await this.autoImport(ctx, stored);
    return stored.file;
  }

  /** `askJobImport`: imports a stored file with one connector, or every matching one. */
  async askJobImport(
    ctx: AccessContext,
    fileId: string,
    request: ImportJobRequest & { bypassEntityId?: boolean },
  ): Promise<KnowledgeFile> {
    requireCapability(ctx, 'KNOWLEDGE_KNASKIMPORT');
    const stored = await this.files.describe(ctx, fileId);
    const job = importJob(stored, 'manual', request, request.bypassEntityId === true);
    const connectors = await this.jobs.importConnectors(job, request.connectorId);
    if (connectors.length === 0) {
      throw invalidInput('connectorId', `no active import connector takes ${job.mimeType}`);
    }
    await this.jobs.askImport(ctx.userId, job, connectors);
    return stored.file;
  }

  /** `uploadAndAskJobImport`: stores a file for import, then asks the connectors listed. */
  async uploadAndAskJobImport(
    ctx: AccessContext,
    upload: FileUpload,
    connectors: readonly { connectorId: string; configuration?: string | null }[],
    request: Omit<ImportJobRequest, 'connectorId' | 'configuration'>,
  ): Promise<KnowledgeFile> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPLOAD');
    const stored = await this.files.uploadGlobal(ctx, upload);
    for (const { connectorId, configuration } of connectors) {
      const job = importJob(stored, 'manual', { ...request, configuration }, false);
      await this.jobs.askImport(
        ctx.userId,
        job,
        await this.jobs.importConnectors(job, connectorId),
      );
    }
    return stored.file;
  }

  /**
   * `exportAsk` on an element: one job per export connector of the format; answers the exports
   * in progress (their works, as pseudo-files) until the connectors push the files.
   */
  async exportAsk(
    ctx: AccessContext,
    entityId: string,
    request: ExportRequest,
  ): Promise<KnowledgeFile[]> {
    requireCapability(ctx, 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT');
    checkExportType(request);
    const owner = await loadVisible(this.store, ctx, entityId);
    const name = elementName(owner);
    return this.askExports(ctx, request, {
      label: `${owner.entityType}-${name}`,
      entityType: owner.entityType,
      contextEntityId: owner.internalId,
      folder: exportPrefix(owner),
      scope: {
        kind: 'single',
        entity: { internalId: owner.internalId, name, entityType: owner.entityType },
      },
    });
  }

  /**
   * `stix…ExportAsk`: an export of the elements picked by id, or of what a list query finds,
   * stored with the list's type, or with the element whose context the list is shown in.
   */
  async listExportAsk(ctx: AccessContext, request: ListExportRequest): Promise<KnowledgeFile[]> {
    requireCapability(ctx, 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT');
    checkExportType(request);
    const entityType = checkedType(request.entityType);
    const owner = request.contextEntityId
      ? await loadVisible(this.store, ctx, request.contextEntityId)
      : undefined;
    const selected = request.selectedIds ?? [];
    const query = request.query ?? {};
    const scope: ExportScope =
      selected.length > 0
        ? {
            kind: 'selection',
            ids: (await resolveRefs(this.store, ctx, 'selectedIds', selected)).map(
              (e) => e.internalId,
            ),
          }
        : {
            kind: 'query',
            params: {
              search: query.search ?? null,
              filters: query.filters ?? null,
              orderBy: query.orderBy ?? null,
              orderMode: query.orderMode ?? null,
            },
          };
    return this.askExports(ctx, request, {
      label: owner ? `${entityType}-of-${elementName(owner)}` : `${entityType}-list`,
      entityType,
      contextEntityId: owner?.internalId ?? null,
      folder: owner ? exportPrefix(owner) : listExportPrefix(entityType),
      scope,
    });
  }

  /** `importFiles` of an element: the files attached to it. */
  importFiles(ctx: AccessContext, entityId: string): Promise<KnowledgeFile[]> {
    return this.files.list(ctx, entityId);
  }

  /** `exportFiles`: the element's exports, then the ones in progress. */
  async exportFiles(ctx: AccessContext, entityId: string): Promise<KnowledgeFile[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNGETEXPORT')) return [];
    const owner = await loadVisible(this.store, ctx, entityId);
    const done = await this.files.listExports(ctx, owner.internalId);
    return [...done, ...(await this.inProgress(exportPrefix(owner)))];
  }

  /** `stixCoreObjectsExportFiles`: the exports of lists of a type, then those in progress. */
  async listExportFiles(ctx: AccessContext, entityType: string): Promise<KnowledgeFile[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNGETEXPORT')) return [];
    const done = await this.files.listListExports(ctx, entityType);
    return [...done, ...(await this.inProgress(listExportPrefix(entityType)))];
  }

  /** One export job per connector of the format, each under its own file name. */
  private async askExports(
    ctx: AccessContext,
    request: ExportRequest,
    target: Pick<ExportJob, 'entityType' | 'contextEntityId' | 'folder' | 'scope'> & {
      label: string;
    },
  ): Promise<KnowledgeFile[]> {
    const markings = await this.files.markingIds(ctx, request.fileMarkings ?? []);
    const excludedMarkings = await this.markingsAbove(ctx, request.contentMaxMarkings ?? []);
    const connectors = await this.jobs.exportConnectors(request.format, request.connectorId);
    const files: KnowledgeFile[] = [];
    for (const connector of connectors) {
      const work = await this.jobs.askExport(
        ctx.userId,
        {
          fileName: exportFileName(target.label, request, connector.name),
          format: request.format,
          exportType: request.exportType,
          entityType: target.entityType,
          contextEntityId: target.contextEntityId,
          scope: target.scope,
          folder: target.folder,
          markings,
          excludedMarkings,
        },
        connector,
      );
      files.push(pendingExport(work, request.format));
    }
    return files;
  }

  /**
   * The marking definitions an export limited to `maxima` (one per marking type) leaves out:
   * those of a limited type ordered above its maximum (TLP:RED above TLP:AMBER…).
   */
  private async markingsAbove(ctx: AccessContext, maxima: readonly string[]): Promise<string[]> {
    const shareable = ctx.bypass ? {} : (ctx.maxShareable ?? {});
    if (maxima.length === 0 && Object.keys(shareable).length === 0) return [];
    const limits = new Map<string, number>();
    const given = await this.store.getMany(ctx, await this.files.markingIds(ctx, maxima));
    for (const marking of given.values()) {
      const kind = markingKind(marking);
      if (limits.has(kind)) {
        throw invalidInput('contentMaxMarkings', `two maxima given for the marking type ${kind}`);
      }
      limits.set(kind, orderOf(marking));
    }
    // §4.2: never above what the user's groups may share.
    for (const [kind, order] of Object.entries(shareable)) {
      limits.set(kind, Math.min(limits.get(kind) ?? Infinity, order));
    }
    const all = await this.index.search(ctx, {
      types: ['Marking-Definition'],
      first: MAX_MARKINGS,
    });
    return all.items
      .filter((m) => orderOf(m) > (limits.get(markingKind(m)) ?? Infinity))
      .map((m) => m.internalId);
  }

  /** Exports asked for under `folder` whose works are not done yet, as pseudo-files. */
  private async inProgress(folder: string): Promise<KnowledgeFile[]> {
    const works = await this.workList.list({
      first: EXPORTS_IN_PROGRESS,
      filters: {
        mode: 'and',
        filters: [
          { key: ['event_source_id'], values: [folder] },
          { key: ['status'], values: ['wait', 'progress'] },
        ],
        filterGroups: [],
      },
    });
    return works.map((w) => pendingExport(w, ''));
  }

  /** Hands an uploaded file to the import connectors that take uploads by themselves. */
  private async autoImport(ctx: AccessContext, stored: StoredFile): Promise<void> {
    const job = importJob(stored, 'auto', {}, false);
    const connectors = await this.jobs.importConnectors(job);
    if (connectors.length === 0) return;
    await this.jobs.askImport(ctx.userId, job, connectors);
    this.logger.debug(
      `${stored.file.id} handed to ${connectors.map((c) => c.id).join(', ')} for import`,
    );
  }
}

function importJob(
  stored: StoredFile,
  mode: FileImportJob['mode'],
  request: Omit<ImportJobRequest, 'connectorId'>,
  withoutEntity: boolean,
): FileImportJob {
  return {
    fileId: stored.file.id,
    fileName: stored.file.name,
    mimeType: stored.file.metaData.mimetype,
    markings: stored.file.metaData.file_markings,
    ...(stored.owner && !withoutEntity ? { entityId: stored.owner.internalId } : {}),
    mode,
    configuration: request.configuration ?? null,
    bypassValidation: request.bypassValidation ?? false,
    forceValidation: request.forceValidation ?? false,
    validationMode: request.validationMode ?? 'workbench',
  };
}

function checkExportType(request: ExportRequest): void {
  if (request.exportType !== 'simple' && request.exportType !== 'full') {
    throw invalidInput('exportType', `${String(request.exportType)} is not simple or full`);
  }
}

const markingKind = (m: StoredElement): string => String(kindOf(m)).toUpperCase();

function elementName(element: StoredElement): string {
  const a = element.attributes;
  const name = a.name ?? a.value ?? a.observable_value ?? a.definition ?? element.standardId;
  return typeof name === 'string' ? name : element.standardId;
}

/** `<time>_(<connector>)_<label>_<simple|full>.<ext>`, safe as a file name. */
function exportFileName(label: string, request: ExportRequest, connector: string): string {
  const ext = extension(request.format) || 'bin';
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  const safe = label.replace(/[/\\\0]/g, '_').slice(0, 150);
  return `${time}_(${connector.replace(/[/\\\0]/g, '_')})_${safe}_${request.exportType}.${ext}`;
}

/** An export asked for, as a file in progress (its id is its work's). */
function pendingExport(work: StoredElement, format: string): KnowledgeFile {
  const text = (key: string, fallback: string) => {
    const value = work.attributes[key];
    return typeof value === 'string' ? value : fallback;
  };
  const since = text('timestamp', new Date().toISOString());
  return {
    id: work.internalId,
    name: text('name', work.internalId),
    size: 0,
    lastModified: since,
    uploadStatus: 'progress',
    metaData: {
      mimetype: format,
      version: since,
      entity_id: '',
      creator_id: text('user_id', ''),
      file_markings: [],
    },
  };
}
