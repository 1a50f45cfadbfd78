import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { KnowledgeFilesService } from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import { RequestAuthenticator } from '../auth/request-authenticator.service';

const PREFIX = '/storage/get/';

/**
 * `GET /storage/get/<file id>`: the body of a file attached to an element (the ids `importFiles`
 * and `importPush` answer), streamed, for a caller allowed to see the element.
 */
@Controller('storage')
export class StorageController {
  constructor(
    @Inject(RequestAuthenticator) private readonly auth: RequestAuthenticator,
    @Inject(KnowledgeFilesService) private readonly files: KnowledgeFilesService,
  ) {}

  @Get('get/*path')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.auth.authenticate(req);
    if (!ctx) {
      res.status(401).json({ error: 'AUTH_REQUIRED', message: 'Authentication required' });
      return;
    }
    const fileId = decodeURIComponent(req.path.slice(req.path.indexOf(PREFIX) + PREFIX.length));
    try {
      const file = await this.files.download(ctx, fileId);
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
