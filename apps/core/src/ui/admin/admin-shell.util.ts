import type { Response } from 'express';
import type { Chrome } from '@lib/ui';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import type { UiChrome } from '../shell/ui-chrome.service';
import { viewerOf } from '../shell/viewer.util';
import type { AdminTab } from './admin-layout';
import { adminTabsFor } from './admin-sections.constants';

/** What every admin page gets first: the shell's data and the section tabs the viewer may open. */
export function adminShell(
  req: AuthenticatedRequest,
  res: Response,
  chrome: UiChrome,
): { chrome: Chrome; tabs: readonly AdminTab[] } {
  const ctx = viewerOf(req);
  return { chrome: chrome.of(req, res, ctx), tabs: adminTabsFor(ctx) };
}
