import { Get, Inject, Param, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { UiAssets } from '@lib/ui';
import { Anonymous } from '../../auth/capabilities.decorator';
import { UiNotFound } from '../shell/ui-errors';

const YEAR_SECONDS = 365 * 24 * 3600;

/** The UI's built scripts and styles: content-hashed names, cached for a year. */
@UiController('static')
export class StaticController {
  constructor(@Inject(UiAssets) private readonly assets: UiAssets) {}

  @Get(':file')
  @Anonymous()
  file(@Param('file') file: string, @Res() res: Response): void {
    const path = this.assets.pathOf(file);
    if (!path) throw new UiNotFound(`The file ${file}`);
    res.sendFile(path, {
      maxAge: YEAR_SECONDS * 1000,
      immutable: true,
      headers: { 'X-Content-Type-Options': 'nosniff' },
    });
  }
}
