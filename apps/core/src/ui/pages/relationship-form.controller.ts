import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { KnowledgeCreateService } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { elementHref } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows, labelOf } from '../knowledge/element-rows.service';
import { allowedRelationshipTypes } from '../knowledge/relationship-choices.util';
import {
  readRelationshipForm,
  relationshipErrors,
  relationshipInputOf,
} from '../knowledge/relationship-form.util';
import type { RelationshipFormValues } from '../knowledge/relationship-form.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { RelationshipFormPage, TargetOptions, TypeOptions } from './relationship-form.page';
import type { TargetOption } from './relationship-form.page';

const MAX_TARGETS = 25;
const optionOf = (e: StoredElement): TargetOption => ({
  id: e.internalId,
  name: labelOf(e),
  entityType: e.entityType,
});

/**
 * `/entity/<id>/relationships/new`: a relationship from the element, created through the service
 * of `stixCoreRelationshipAdd`; the target search and the allowed types answer htmx requests.
 */
@UiController('entity')
export class RelationshipFormController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':id/relationships/new')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async form(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    const ctx = viewerOf(req);
    const from = await this.element(ctx, id);
    const values = readRelationshipForm({});
    await this.render(req, res, ctx, from, values, {}, []);
  }

  @Get(':id/relationships/targets')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async targets(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('q') q: unknown,
  ) {
    const ctx = viewerOf(req);
    const from = await this.element(ctx, id);
    const search = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    const found = search === '' ? [] : await this.search(ctx, from, search);
    await sendHtml(res, TargetOptions({ targets: found.map(optionOf) }));
  }

  @Get(':id/relationships/types')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async types(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('toId') toId: unknown,
  ) {
    const ctx = viewerOf(req);
    const from = await this.element(ctx, id);
    const to =
      typeof toId === 'string' && toId !== '' ? await this.store.get(ctx, toId) : undefined;
    const types = to ? allowedRelationshipTypes(from.entityType, to.entityType) : [];
    await sendHtml(res, TypeOptions({ types }));
  }

  @Post(':id/relationships/new')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const ctx = viewerOf(req);
    const from = await this.element(ctx, id);
    const values = readRelationshipForm(body ?? {});
    const to = values.toId ? await this.store.get(ctx, values.toId) : undefined;
    const allowed =
      to && isTypeOf(to.entityType, 'Stix-Core-Object')
        ? allowedRelationshipTypes(from.entityType, to.entityType)
        : undefined;
    const errors = relationshipErrors(values, allowed);
    const targets = to ? [optionOf(to)] : [];
    if (Object.keys(errors).length > 0) {
      await this.render(req, res, ctx, from, values, errors, targets, allowed ?? [], 400);
      return;
    }
    try {
      await this.creates.createRelationship(ctx, relationshipInputOf(from.internalId, values));
      res.redirect(303, `${elementHref(from.internalId)}/knowledge`);
    } catch (error) {
      if (!(error instanceof AppError) || error.category !== 'validation') throw error;
      await this.render(
        req,
        res,
        ctx,
        from,
        values,
        {},
        targets,
        allowed ?? [],
        400,
        error.message,
      );
    }
  }

  private async search(ctx: AccessContext, from: StoredElement, search: string) {
    const page = await this.index.search(ctx, {
      types: ['Stix-Core-Object'],
      search,
      first: MAX_TARGETS + 1,
    });
    return page.items.filter((e) => e.internalId !== from.internalId).slice(0, MAX_TARGETS);
  }

  private async element(ctx: AccessContext, id: string): Promise<StoredElement> {
    const found = await this.store.get(ctx, id);
    if (!found || !isTypeOf(found.entityType, 'Stix-Core-Object')) {
      throw new UiNotFound(`The element ${id}`);
    }
    return found;
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    from: StoredElement,
    values: RelationshipFormValues,
    errors: Record<string, string>,
    targets: TargetOption[],
    types: readonly string[] = [],
    status = 200,
    failure?: string,
  ): Promise<void> {
    const [row] = await this.rows.of(ctx, [from]);
    await sendHtml(
      res,
      RelationshipFormPage({
        chrome: this.chrome.of(req, res, ctx),
        from: row!,
        base: elementHref(from.internalId),
        values,
        errors,
        failure,
        targets,
        types,
      }),
      status,
    );
  }
}
