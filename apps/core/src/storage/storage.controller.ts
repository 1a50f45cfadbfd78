import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '@lib/audit';
import { KnowledgeFilesService } from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import { hasCapability } from '@lib/rbac';
import { RequestAuthenticator } from '../auth/request-authenticator.service';

const PREFIX = '/storage/get/';

/** A file's marking ids, kept in its metadata as a JSON array. */
function markingsOf(raw: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * `GET /storage/get/<file id>`: the body of a file attached to an element (the ids `importFiles`
 * and `importPush` answer), streamed, for a caller allowed to see the element.
 */
@Controller('storage')
export class StorageController {
  constructor(
    @Inject(RequestAuthenticator) private readonly auth: RequestAuthenticator,
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Get('get/*path')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.auth.authenticate(req);
    if (!ctx) {
      res.status(401).json({ error: 'AUTH_REQUIRED', message: 'Authentication required' });
      return;
    }
    if (!hasCapability(ctx, 'KNOWLEDGE')) {
      res.status(403).json({ error: 'FORBIDDEN', message: 'Reading files needs KNOWLEDGE' });
      return;
    }
    const fileId = decodeURIComponent(req.path.slice(req.path.indexOf(PREFIX) + PREFIX.length));
    try {
      const file = await this.files.download(ctx, fileId);
      this.audit.recordBy(ctx, {
        event_type: 'file',
        event_scope: 'file_download',
        event_status: 'success',
        context_data: {
          entity_name: fileId.slice(fileId.lastIndexOf('/') + 1),
          message: `downloads ${fileId}`,
          input: { file_id: fileId },
          ...(file.info.metadata.entity_id ? { entity_id: file.info.metadata.entity_id } : {}),
          ...(req.ip ? { remote_address: req.ip } : {}),
        },
        markings: markingsOf(file.info.metadata.file_markings),
      });
      res.status(200);
      res.setHeader('content-type', file.info.contentType || 'application/octet-stream');
      res.setHeader('content-length', String(file.info.size));
      await pipeline(file.body, res);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const status = error.category === 'validation' ? 400 : 404;
      // Forbidden and absent look alike: an id's existence is not disclosed.
      res
        .status(status)
        .json({ error: error.code, message: status === 404 ? 'No such file' : error.message });
    }
  }
}
