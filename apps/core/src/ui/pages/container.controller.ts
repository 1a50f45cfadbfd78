import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { KnowledgeEditService } from '@lib/knowledge';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { refDefinitionsFor } from '@lib/stix';
import { elementHref } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { EntityFrame } from './entity.page';
import { ContentsTab } from './container.page';
import { mayAnnotate } from '@lib/knowledge';

const MAX_SHOWN = 500;
const MAX_CHANGE = 200;

const idsOf = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : [value];
  const ids = values.filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(ids)].slice(0, MAX_CHANGE);
};

/**
 * Containers (reports, groupings, cases, notes…): `/entity/<id>/contents` lists what they contain
 * and adds or removes objects through `fieldPatch` on `objects`, as the API does.
 */
@UiController('entity')
export class ContainerController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':id/contents')
  @RequireCapabilities('KNOWLEDGE')
  async contents(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    const ctx = viewerOf(req);
    const container = await this.container(ctx, id);
    const refs = container.refs.object ?? [];
    const found = await this.store.getMany(ctx, refs.slice(0, MAX_SHOWN));
    const objects = refs.flatMap((r) => {
      const e = found.get(r);
      return e ? [e] : [];
    });
    const rows = await this.rows.of(ctx, [container, ...objects]);
    const editable = hasCapability(ctx, 'KNOWLEDGE_KNUPDATE');
    await sendHtml(
      res,
      EntityFrame({
        chrome: this.chrome.of(req, res, ctx),
        row: rows[0]!,
        tab: 'contents',
        editable,
        annotatable: mayAnnotate(ctx),
        children: ContentsTab({
          base: elementHref(container.internalId),
          rows: rows.slice(1),
          total: refs.length,
          editable,
          csrfToken: this.chrome.of(req, res, ctx).csrfToken,
        }),
      }),
    );
  }

  @Post(':id/contents/add')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async add(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.change(req, res, id, body, 'add');
  }

  @Post(':id/contents/remove')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.change(req, res, id, body, 'remove');
  }

  private async change(
    req: AuthenticatedRequest,
    res: Response,
    id: string,
    body: Record<string, unknown>,
    operation: 'add' | 'remove',
  ): Promise<void> {
    const ctx = viewerOf(req);
    const container = await this.container(ctx, id);
    const ids = idsOf(body?.ids);
    if (ids.length === 0) {
      throw new AppError({
        code: 'UI_CONTENTS_EMPTY',
        category: 'validation',
        message: `Pick the objects to ${operation} first.`,
      });
    }
    await this.edits.fieldPatch(ctx, container.internalId, [
      { key: 'objects', value: ids, operation },
    ]);
    res.redirect(303, `${elementHref(container.internalId)}/contents`);
  }

  private async container(ctx: AccessContext, id: string): Promise<StoredElement> {
    const found = await this.store.get(ctx, id);
    if (!found || !refDefinitionsFor(found.entityType).some((d) => d.inputName === 'objects')) {
      throw new UiNotFound(`The container ${id}`);
    }
    return found;
  }
}
