import type { Response } from 'express';
import type { AuditService } from '@lib/audit';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import type { UiChrome } from '../shell/ui-chrome.service';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange } from './admin-audit.util';
import type { AdminTarget } from './admin-audit.util';
import { AdminPage, ConfirmDelete } from './admin-layout';
import { adminShell } from './admin-shell.util';

/**
 * Sends the page asking to confirm a deletion: `name` titles it, `what` says what goes, and
 * `href` is the element's page (the form posts to `${href}/delete`; Cancel goes back there).
 */
export async function sendConfirmDelete(
  req: AuthenticatedRequest,
  res: Response,
  chrome: UiChrome,
  page: { name: string; what: string; href: string },
): Promise<void> {
  const shell = adminShell(req, res, chrome);
  await sendHtml(
    res,
    AdminPage({
      ...shell,
      title: `Delete ${page.name}`,
      children: ConfirmDelete({
        chrome: shell.chrome,
        what: page.what,
        action: `${page.href}/delete`,
        cancel: page.href,
      }),
    }),
  );
}

/** After a deletion: the audit entry, then back to the list with the "deleted" notice. */
export function finishDelete(
  req: AuthenticatedRequest,
  res: Response,
  audit: AuditService,
  target: AdminTarget,
  list: string,
): void {
  recordConsoleChange(audit, viewerOf(req), 'delete', target);
  res.redirect(303, `${list}?notice=deleted`);
}

/** The notice a form page shows after a redirect: `created` (its own words) or `saved`. */
export function noticeText(notice: string | undefined, created: string): string | undefined {
  if (notice === 'created') return created;
  return notice === 'saved' ? 'Saved.' : undefined;
}
