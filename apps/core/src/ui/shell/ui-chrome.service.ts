import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AccessContext } from '@lib/rbac';
import { UiAssets } from '@lib/ui';
import type { Chrome, Theme } from '@lib/ui';
import { CsrfProtection } from '../../auth/csrf/csrf-protection.service';
import { adminTabsFor } from '../admin/admin-sections.constants';

const THEME_COOKIE = /(?:^|;\s*)threatloom\.theme=(system|light|dark)(?:;|$)/;

/** The theme the browser chose (a cookie the theme toggle sets), else the system's. */
export function themeOf(req: Request): Theme {
  return (THEME_COOKIE.exec(req.headers.cookie ?? '')?.[1] as Theme | undefined) ?? 'system';
}

/** What the shell of every page needs: assets, viewer, a CSRF token, theme, current path. */
@Injectable()
export class UiChrome {
  constructor(
    @Inject(UiAssets) readonly assets: UiAssets,
    @Inject(CsrfProtection) private readonly csrf: CsrfProtection,
  ) {}

  of(req: Request, res: Response, ctx: AccessContext): Chrome {
    return {
      assets: this.assets,
      viewer: { name: ctx.userName, admin: adminTabsFor(ctx).length > 0 },
      csrfToken: this.csrf.token(req, res),
      theme: themeOf(req),
      path: req.path,
    };
  }

  /** A CSRF token for a page without a session (the login form). */
  token(req: Request, res: Response): string {
    return this.csrf.token(req, res);
  }
}
