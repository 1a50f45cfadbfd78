import { Readable } from 'node:stream';
import {
  Body,
  Get,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { lookup } from 'mime-types';
import { DraftsService } from '@lib/drafts';
import { AppError } from '@lib/kernel';
import { KnowledgeFileJobsService, KnowledgeFilesService } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { ImportFilePage, ImportPage, ImportUploadForm, importFileHref } from './import.page';
import type { ImportForm } from './import.page';
import { IoWorks } from './io-works.service';
import { redirectAfterPost } from './redirect.util';
import { WorksProgress } from './work-status';

/** Files uploaded from the UI are kept in memory while they are stored: bounded. */
export const MAX_UI_UPLOAD_BYTES = 100 * 1024 * 1024;
const MAX_LISTED = 50;

/** A multipart file as multer (memory storage) hands it over. */
type UploadedPart = { originalname: string; mimetype: string; buffer: Buffer; size: number };

/** The file's type: the browser's, else guessed from its name (`.json`…). */
function mimeTypeOf(part: UploadedPart): string {
  const given = part.mimetype.toLowerCase();
  if (given && given !== 'application/octet-stream') return given;
  return lookup(part.originalname) || given || 'application/octet-stream';
}

/**
 * `/data/import`: an analyst uploads a file and asks an import connector for it, reviewed in a
 * draft when "validate before import" is ticked; then follows the import's works.
 */
@UiController('data/import')
export class ImportController {
  constructor(
    @Inject(KnowledgeFileJobsService) private readonly jobs: KnowledgeFileJobsService,
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
    @Inject(DraftsService) private readonly drafts: DraftsService,
    @Inject(IoWorks) private readonly io: IoWorks,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('KNOWLEDGE_KNASKIMPORT')
  async page(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.render(req, res, { draft: true });
  }

  @Post()
  @RequireCapabilities('KNOWLEDGE_KNASKIMPORT')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UI_UPLOAD_BYTES, files: 1 } }))
  async upload(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @UploadedFile() part: UploadedPart | undefined,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const form: ImportForm = {
      connectorId:
        typeof body.connectorId === 'string' && body.connectorId ? body.connectorId : undefined,
      draft: body.draft === 'true',
    };
    if (!part || part.size === 0) {
      await this.refuse(req, res, ctx, form, 'Choose a non-empty file to import.');
      return;
    }
    try {
      const stored = await this.jobs.uploadImport(
        ctx,
        {
          fileName: part.originalname,
          mimeType: mimeTypeOf(part),
          body: Readable.from(part.buffer),
          markings: [],
        },
        { noTriggerImport: true },
      );
      await this.jobs.askJobImport(ctx, stored.id, {
        ...(form.connectorId ? { connectorId: form.connectorId } : {}),
        configuration: null,
        validationMode: 'draft',
        forceValidation: form.draft,
        bypassValidation: !form.draft,
      });
      redirectAfterPost(req, res, importFileHref(stored.id));
    } catch (error) {
      if (!(error instanceof AppError) || error.category !== 'validation') throw error;
      await this.refuse(req, res, ctx, form, error.message);
    }
  }

  @Get('file')
  @RequireCapabilities('KNOWLEDGE_KNASKIMPORT')
  async file(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('id') id: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const fileId = await this.fileId(ctx, id);
    await sendHtml(
      res,
      ImportFilePage({
        chrome: this.chrome.of(req, res, ctx),
        fileName: fileId.slice(fileId.lastIndexOf('/') + 1),
        statusHref: `/data/import/file/status?id=${encodeURIComponent(fileId)}`,
        works: await this.io.worksOfFile(ctx, fileId),
      }),
    );
  }

  @Get('file/status')
  @RequireCapabilities('KNOWLEDGE_KNASKIMPORT')
  async fileStatus(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('id') id: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const fileId = await this.fileId(ctx, id);
    await sendHtml(
      res,
      WorksProgress({
        href: `/data/import/file/status?id=${encodeURIComponent(fileId)}`,
        works: await this.io.worksOfFile(ctx, fileId),
      }),
    );
  }

  /** An uploaded global file the viewer may see, else not found. */
  private async fileId(ctx: AccessContext, id: unknown): Promise<string> {
    if (typeof id !== 'string' || !id.startsWith('import/global/')) {
      throw new UiNotFound('This import');
    }
    try {
      return (await this.files.describe(ctx, id)).file.id;
    } catch {
      throw new UiNotFound('This import');
    }
  }

  private async refuse(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    form: ImportForm,
    error: string,
  ): Promise<void> {
    if (req.headers['hx-request']) {
      await sendHtml(
        res,
        ImportUploadForm({
          csrfToken: this.chrome.of(req, res, ctx).csrfToken,
          connectors: await this.io.connectors('INTERNAL_IMPORT_FILE'),
          form,
          error,
        }),
        400,
      );
      return;
    }
    await this.render(req, res, form, error, 400);
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    form: ImportForm,
    error?: string,
    status = 200,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [connectors, files, drafts] = await Promise.all([
      this.io.connectors('INTERNAL_IMPORT_FILE'),
      this.files.listGlobal(ctx),
      this.drafts.list(),
    ]);
    const recent = [...files]
      .sort((a, b) => b.lastModified.localeCompare(a.lastModified))
      .slice(0, MAX_LISTED);
    await sendHtml(
      res,
      ImportPage({
        chrome: this.chrome.of(req, res, ctx),
        connectors,
        form,
        error,
        files: recent.map((f) => ({
          id: f.id,
          name: f.name,
          mimeType: f.metaData.mimetype,
          lastModified: f.lastModified,
        })),
        drafts: drafts
          .filter((d) => d.status === 'open')
          .slice(0, MAX_LISTED)
          .map((d) => ({ id: d.id, name: d.name, createdAt: d.createdAt })),
      }),
      status,
    );
  }
}
