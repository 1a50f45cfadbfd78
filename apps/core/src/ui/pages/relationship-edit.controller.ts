import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import {
  KnowledgeCreateService,
  KnowledgeDeleteService,
  KnowledgeEditService,
} from '@lib/knowledge';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { labelOf } from '../knowledge/element-rows.service';
import {
  parseRelationshipEdit,
  relationshipEditsOf,
  relationshipValuesOf,
  reversalRefusal,
  reversedInputOf,
} from '../knowledge/relationship-edit.util';
import type { RelationshipFormValues } from '../knowledge/relationship-form.util';
import { formFailureOf } from '../shell/form-failure.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { RelationshipEditPage, relationshipEditHref } from './relationship-edit.page';
import type { RelationshipEnd } from './relationship-edit.page';

const typeOf = (rel: StoredElement): string =>
  typeof rel.attributes.relationship_type === 'string'
    ? rel.attributes.relationship_type
    : rel.entityType;

type Shown = {
  values: RelationshipFormValues;
  errors: Record<string, string>;
  status?: number;
  failure?: string | undefined;
};

/**
 * `/relationship/<id>/edit`: a core relationship's times, confidence and description, through
 * the service of `fieldPatch`; `/reverse` swaps its ends when the model allows the reversed pair
 * (a new relationship with the same content through `stixCoreRelationshipAdd`, the old deleted).
 */
@UiController('relationship')
export class RelationshipEditController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(KnowledgeDeleteService) private readonly deletes: KnowledgeDeleteService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':id/edit')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async form(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    const ctx = viewerOf(req);
    const rel = await this.relationship(ctx, id);
    await this.render(req, res, ctx, rel, { values: relationshipValuesOf(rel), errors: {} });
  }

  @Post(':id/edit')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const ctx = viewerOf(req);
    const rel = await this.relationship(ctx, id);
    const { values, errors } = parseRelationshipEdit(rel, body ?? {});
    if (Object.keys(errors).length > 0) {
      await this.render(req, res, ctx, rel, { values, errors, status: 400 });
      return;
    }
    try {
      const edits = relationshipEditsOf(rel, values);
      if (edits.length > 0) await this.edits.fieldPatch(ctx, rel.internalId, edits);
      res.redirect(303, relationshipEditHref(rel.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.render(req, res, ctx, rel, {
        values,
        errors: {},
        status: failure.status,
        failure: failure.message,
      });
    }
  }

  @Post(':id/reverse')
  @RequireCapabilities('KNOWLEDGE_KNUPDATE_KNDELETE')
  async reverse(@Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    const ctx = viewerOf(req);
    const rel = await this.relationship(ctx, id);
    const ends = await this.ends(ctx, rel);
    const shown = { values: relationshipValuesOf(rel), errors: {}, status: 400 };
    if (!ends.from || !ends.to) {
      const failure = 'It cannot be reversed: you cannot see both of its ends.';
      await this.render(req, res, ctx, rel, { ...shown, failure });
      return;
    }
    const refusal = reversalRefusal(typeOf(rel), ends.from.entityType, ends.to.entityType);
    if (refusal) {
      await this.render(req, res, ctx, rel, { ...shown, failure: refusal });
      return;
    }
    try {
      const reversed = await this.creates.createRelationship(ctx, reversedInputOf(rel));
      if (reversed.internalId !== rel.internalId) await this.deletes.delete(ctx, rel.internalId);
      res.redirect(303, relationshipEditHref(reversed.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.render(req, res, ctx, rel, { ...shown, failure: failure.message });
    }
  }

  private async relationship(ctx: AccessContext, id: string): Promise<StoredElement> {
    const found = await this.store.get(ctx, id);
    if (!found || !isTypeOf(found.entityType, 'stix-core-relationship')) {
      throw new UiNotFound(`The relationship ${id}`);
    }
    return found;
  }

  private async ends(
    ctx: AccessContext,
    rel: StoredElement,
  ): Promise<{ from: RelationshipEnd; to: RelationshipEnd }> {
    const found = await this.store.getMany(ctx, [rel.fromId ?? '', rel.toId ?? '']);
    const end = (id: string | undefined): RelationshipEnd => {
      const element = id ? found.get(id) : undefined;
      return element
        ? { id: element.internalId, name: labelOf(element), entityType: element.entityType }
        : undefined;
    };
    return { from: end(rel.fromId), to: end(rel.toId) };
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    rel: StoredElement,
    shown: Shown,
  ): Promise<void> {
    const { from, to } = await this.ends(ctx, rel);
    const type = typeOf(rel);
    const reversal =
      from && to
        ? reversalRefusal(type, from.entityType, to.entityType)
        : 'It cannot be reversed: you cannot see both of its ends.';
    await sendHtml(
      res,
      RelationshipEditPage({
        chrome: this.chrome.of(req, res, ctx),
        id: rel.internalId,
        type,
        from,
        to,
        values: shown.values,
        errors: shown.errors,
        failure: shown.failure,
        reversal,
        canReverse: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNDELETE'),
      }),
      shown.status ?? 200,
    );
  }
}
