import { Body, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { KnowledgeDeleteService, KnowledgeEditService } from '@lib/knowledge';
import { hasCapability } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { labelOf } from '../knowledge/element-rows.service';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiForbidden } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { BulkDeleteConfirm } from './bulk.page';

const MAX_BULK = 500;
// Back to a list page (never elsewhere): /<area>/<list> with its query.
const LIST_RETURN = /^\/[a-z-]+\/[a-z-]+(\?[^#\s]*)?$/;

const idsOf = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : [value];
  const ids = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(ids)].slice(0, MAX_BULK);
};
const one = (value: unknown): string => (typeof value === 'string' ? value : '');

function invalid(message: string): AppError {
  return new AppError({ code: 'UI_BULK_INVALID', category: 'validation', message });
}

/**
 * `POST /bulk`: the list's bulk actions on the checked rows — add a label, add a marking (the
 * `fieldPatch` add of each), delete (after a confirmation page; KNDELETE) — then back to the list.
 */
@UiController()
export class BulkController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(KnowledgeDeleteService) private readonly deletes: KnowledgeDeleteService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Post('bulk')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async bulk(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const form = body ?? {};
    const returnTo = LIST_RETURN.test(one(form.returnTo)) ? one(form.returnTo) : '/dashboard';
    const ids = idsOf(form.ids);
    if (ids.length === 0) throw invalid('Select at least one row first.');
    const action = one(form.action);
    if (action === 'label' || action === 'marking') {
      const target = one(form[action]);
      if (target === '') throw invalid(`Pick the ${action} to add.`);
      const key = action === 'label' ? 'objectLabel' : 'objectMarking';
      for (const id of ids) {
        await this.edits.fieldPatch(ctx, id, [{ key, value: [target], operation: 'add' }]);
      }
      res.redirect(303, returnTo);
      return;
    }
    if (action !== 'delete') throw invalid('Unknown bulk action.');
    if (!hasCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNDELETE')) throw new UiForbidden('deletions');
    if (form.confirm !== 'yes') {
      const found = await this.store.getMany(ctx, ids);
      const items = ids.flatMap((id) => {
        const e = found.get(id);
        return e ? [{ id, name: labelOf(e), entityType: e.entityType }] : [];
      });
      await sendHtml(
        res,
        BulkDeleteConfirm({ chrome: this.chrome.of(req, res, ctx), items, returnTo }),
      );
      return;
    }
    for (const id of ids) await this.deletes.delete(ctx, id);
    res.redirect(303, returnTo);
  }
}
