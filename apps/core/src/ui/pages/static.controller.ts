import { Get, Inject, Param, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { FAVICON_SVG, UiAssets } from '@lib/ui';
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

/**
 * `/favicon.ico`: what a browser asks for where no page names its icon (a JSON answer, a file
 * download, a fragment opened on its own), the pages' own icon.
 */
@UiController()
export class FaviconController {
  @Get('favicon.ico')
  @Anonymous()
  icon(@Res() res: Response): void {
    res
      .type('image/svg+xml')
      .set('Cache-Control', `public, max-age=${YEAR_SECONDS}`)
      .send(FAVICON_SVG);
  }
}
