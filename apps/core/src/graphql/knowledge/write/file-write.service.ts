import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { KnowledgeFileJobsService, KnowledgeFilesService } from '@lib/knowledge';
import type { ExportRequest, FileUpload, ImportJobRequest, KnowledgeFile } from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { KnowledgeReadService } from '../read/knowledge-read.service';
import type { ListExportAskValues } from './mutation-inputs.model';

/** A file of a multipart request, as the Upload scalar resolves it. */
export type UploadedFile = {
  filename: string;
  mimetype: string;
  createReadStream: () => Readable;
  /** graphql-upload's buffer of the file on disk (an fs-capacitor WriteStream). */
  capacitor?: Writable;
};

// Nest hands the argument over resolved; graphql-upload's scalar gives a promise of it.
const isUpload = (value: unknown): value is UploadedFile =>
  typeof (value as { createReadStream?: unknown } | null)?.createReadStream === 'function';

/** The upload of a multipart request's file argument, or a validation error naming it. */
export async function readUpload(
  file: unknown,
  markings?: unknown,
  field = 'file',
): Promise<FileUpload> {
  const upload: unknown = await file;
  if (!isUpload(upload)) {
    throw new AppError({
      code: 'KNOWLEDGE_INVALID_INPUT',
      category: 'validation',
      message: `${field}: expected a file of a multipart request`,
      details: { field },
    });
  }
  await received(upload);
  return {
    fileName: upload.filename,
    mimeType: upload.mimetype,
    body: upload.createReadStream(),
    markings: stringList(markings),
  };
}

/**
 * Waits until the whole file has reached graphql-upload's buffer. A read stream that started while
 * the file was still arriving can end early: fs-capacitor 6 ends it when a read that found nothing
 * comes back after the last write has finished, and the file is stored empty (fs-capacitor 8 fixes
 * this but is an ES module, as is the graphql-upload that uses it). A file that failed (too big,
 * the request cut) is left to `createReadStream`, which throws graphql-upload's error for it.
 */
async function received(upload: UploadedFile): Promise<void> {
  const { capacitor } = upload;
  if (capacitor && !capacitor.writableFinished) {
    await finished(capacitor).catch(() => undefined);
  }
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}

/** The GraphQL side of files: uploads, import and export jobs, exports pushed by connectors. */
@Injectable()
export class FileWriteService {
  constructor(
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
    @Inject(KnowledgeFileJobsService) private readonly jobs: KnowledgeFileJobsService,
    @Inject(KnowledgeReadService) private readonly reader: KnowledgeReadService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async importPush(
    ctx: AccessContext,
    id: string,
    file: unknown,
    options: { fileMarkings?: unknown; noTriggerImport?: unknown } = {},
  ): Promise<KnowledgeFile> {
    const upload = await readUpload(file, options.fileMarkings);
    return this.jobs.importPush(ctx, id, upload, {
      noTriggerImport: options.noTriggerImport === true,
    });
  }

  async exportPush(
    ctx: AccessContext,
    id: string,
    file: unknown,
    fileMarkings: unknown,
  ): Promise<boolean> {
    await this.files.uploadExport(ctx, id, await readUpload(file, fileMarkings));
    return true;
  }

  /** `stix…ExportPush`: an export of a list, or of one element when `entityId` is given. */
  async listExportPush(
    ctx: AccessContext,
    entityId: string | undefined,
    entityType: string,
    file: unknown,
    fileMarkings: unknown,
  ): Promise<boolean> {
    const upload = await readUpload(file, fileMarkings);
    if (entityId) {
      await this.files.uploadExport(ctx, entityId, upload);
    } else {
      await this.files.uploadListExport(ctx, entityType, upload);
    }
    return true;
  }

  async exportAsk(
    ctx: AccessContext,
    id: string,
    input: ExportAskValues,
  ): Promise<KnowledgeFile[]> {
    const request = exportRequest(input);
    return this.auditedExport(ctx, { ...request }, id, () => this.jobs.exportAsk(ctx, id, request));
  }

  /** `stix…ExportAsk`: an export of picked elements, or of what the list's query finds. */
  async listExportAsk(ctx: AccessContext, input: ListExportAskValues): Promise<KnowledgeFile[]> {
    const context = input.exportContext;
    if (!context?.entity_type) {
      throw new AppError({
        code: 'KNOWLEDGE_INVALID_INPUT',
        category: 'validation',
        message: 'input.exportContext.entity_type: the type of the exported list is required',
        details: { field: 'input.exportContext.entity_type' },
      });
    }
    const selectedIds = stringList(input.selectedIds);
    const filters =
      selectedIds.length > 0
        ? undefined
        : await this.reader.queryFilters(ctx, { filters: input.filters ?? null });
    const request = exportRequest(input);
    const scope = selectedIds.length > 0 ? { selected: selectedIds.length } : { filters };
    const audited = { ...request, entity_type: context.entity_type, ...scope };
    return this.auditedExport(ctx, audited, undefined, () =>
      this.jobs.listExportAsk(ctx, {
        ...request,
        entityType: context.entity_type,
        ...(context.entity_id ? { contextEntityId: context.entity_id } : {}),
        ...(selectedIds.length > 0 ? { selectedIds } : {}),
        query: {
          ...(input.search ? { search: input.search } : {}),
          ...(filters ? { filters } : {}),
          ...(input.orderBy ? { orderBy: input.orderBy } : {}),
          ...(input.orderMode ? { orderMode: input.orderMode } : {}),
        },
      }),
    );
  }

  /** Runs an export ask and records it in the audit log, asked or refused. */
  private async auditedExport(
    ctx: AccessContext,
    input: Record<string, unknown>,
    entityId: string | undefined,
    ask: () => Promise<KnowledgeFile[]>,
  ): Promise<KnowledgeFile[]> {
    const record = (files: readonly KnowledgeFile[], error?: unknown) =>
      this.audit.recordBy(ctx, {
        event_type: 'command',
        event_scope: 'export',
        event_status: error === undefined ? 'success' : 'error',
        context_data: {
          ...(entityId ? { entity_id: entityId } : {}),
          ...(typeof input.entity_type === 'string' ? { entity_type: input.entity_type } : {}),
          entity_name: files.map((f) => f.name).join(', '),
          message: error === undefined ? `asks ${files.length} export(s)` : 'asks an export',
          input,
          ...(error === undefined
            ? {}
            : { reason: error instanceof Error ? error.message : 'failed' }),
        },
      });
    try {
      const files = await ask();
      record(files);
      return files;
    } catch (error) {
      record([], error);
      throw error;
    }
  }

  /** `stix…ExportFiles(exportContext:)`: the list exports of a type, or an element's exports. */
  listExportFiles(
    ctx: AccessContext,
    context: { entity_type: string; entity_id?: string | null },
  ): Promise<KnowledgeFile[]> {
    return context.entity_id
      ? this.jobs.exportFiles(ctx, context.entity_id)
      : this.jobs.listExportFiles(ctx, context.entity_type);
  }

  async uploadImport(
    ctx: AccessContext,
    file: unknown,
    fileMarkings: unknown,
    noTriggerImport: boolean,
  ): Promise<KnowledgeFile> {
    return this.jobs.uploadImport(ctx, await readUpload(file, fileMarkings), { noTriggerImport });
  }

  async uploadAndAskJobImport(
    ctx: AccessContext,
    file: unknown,
    fileMarkings: unknown,
    connectors: readonly { connectorId: string; configuration?: string | null }[],
    request: Omit<ImportJobRequest, 'connectorId' | 'configuration'>,
  ): Promise<KnowledgeFile> {
    const upload = await readUpload(file, fileMarkings);
    return this.jobs.uploadAndAskJobImport(ctx, upload, connectors, request);
  }

  askJobImport(
    ctx: AccessContext,
    fileId: string,
    request: ImportJobRequest & { bypassEntityId?: boolean },
  ): Promise<KnowledgeFile> {
    return this.jobs.askJobImport(ctx, fileId, request);
  }

  async deleteImport(ctx: AccessContext, fileId: string): Promise<boolean> {
    await this.files.remove(ctx, fileId);
    return true;
  }

  importFiles(ctx: AccessContext): Promise<KnowledgeFile[]> {
    return this.files.listGlobal(ctx);
  }
}

/** `exportAsk(input: …)`, as GraphQL hands it over. */
export type ExportAskValues = {
  format: string;
  exportType: string;
  connectorId?: string | null;
  fileMarkings?: unknown;
  contentMaxMarkings?: unknown;
  maxMarkingDefinition?: unknown;
};

/** The export request of either kind (`maxMarkingDefinition` is the old single maximum). */
function exportRequest(input: ExportAskValues): ExportRequest {
  const maxima = stringList(input.contentMaxMarkings);
  if (typeof input.maxMarkingDefinition === 'string' && input.maxMarkingDefinition !== '') {
    maxima.push(input.maxMarkingDefinition);
  }
  return {
    format: input.format,
    exportType: input.exportType as ExportRequest['exportType'],
    ...(input.connectorId ? { connectorId: input.connectorId } : {}),
    fileMarkings: stringList(input.fileMarkings),
    contentMaxMarkings: maxima,
  };
}
