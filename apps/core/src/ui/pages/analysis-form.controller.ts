import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { ANNOTATION_CAPABILITIES, KnowledgeCreateService } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { elementHref } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import {
  analysisInputOf,
  emptyAnalysisForm,
  parseAnalysisForm,
} from '../knowledge/analysis-form.util';
import type { AnalysisFormValues, AnalysisKind } from '../knowledge/analysis-form.util';
import { labelOf } from '../knowledge/element-rows.service';
import { FormOptions } from '../knowledge/form-options.service';
import { formFailureOf } from '../shell/form-failure.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { AnalysisFormPage } from './analysis-form.page';
import { TargetOptions } from './relationship-form.page';
import type { TargetOption } from './relationship-form.page';

const KINDS: Readonly<Record<string, { kind: AnalysisKind; list: string }>> = {
  note: { kind: 'Note', list: '/analyses/notes' },
  opinion: { kind: 'Opinion', list: '/analyses/opinions' },
};
const MAX_RESULTS = 25;
const optionOf = (e: StoredElement): TargetOption => ({
  id: e.internalId,
  name: labelOf(e),
  entityType: e.entityType,
});

function kindOf(slug: string): { kind: AnalysisKind; list: string } {
  const found = KINDS[slug];
  if (!found) throw new UiNotFound(`A create form for ${slug}`);
  return found;
}

/**
 * `/create-analysis/note|opinion[?about=<id>]`: a note or an opinion about entities, created
 * through the service of `noteAdd` / `opinionAdd` with the reader's access.
 */
@UiController('create-analysis')
export class AnalysisFormController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(FormOptions) private readonly options: FormOptions,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':kind/about')
  @RequireCapabilities(...ANNOTATION_CAPABILITIES)
  async about(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('kind') slug: string,
    @Query('q') q: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    kindOf(slug);
    const search = typeof q === 'string' ? q.trim().slice(0, 200) : '';
    if (search === '') {
      await sendHtml(res, TargetOptions({ targets: [] }));
      return;
    }
    const page = await this.index.search(ctx, {
      types: ['Stix-Core-Object'],
      search,
      first: MAX_RESULTS,
    });
    await sendHtml(res, TargetOptions({ targets: page.items.map(optionOf) }));
  }

  @Get(':kind')
  @RequireCapabilities(...ANNOTATION_CAPABILITIES)
  async form(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('kind') slug: string,
    @Query('about') about: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const { kind } = kindOf(slug);
    const ids = (Array.isArray(about) ? about : [about]).filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    await this.render(req, res, ctx, kind, emptyAnalysisForm(ids.slice(0, 20)), {});
  }

  @Post(':kind')
  @RequireCapabilities(...ANNOTATION_CAPABILITIES)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('kind') slug: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const { kind } = kindOf(slug);
    const form = parseAnalysisForm(kind, body ?? {});
    if (Object.keys(form.errors).length > 0) {
      await this.render(req, res, ctx, kind, form.values, form.errors, 400);
      return;
    }
    try {
      const created = await this.creates.create(ctx, kind, analysisInputOf(kind, form.values));
      res.redirect(303, elementHref(created.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.render(req, res, ctx, kind, form.values, {}, failure.status, failure.message);
    }
  }

  /** The chosen entities the reader can see (unknown or hidden ids are dropped). */
  private async chosen(ctx: AccessContext, ids: readonly string[]): Promise<TargetOption[]> {
    if (ids.length === 0) return [];
    const found = await this.store.getMany(ctx, ids);
    return ids.flatMap((id) => {
      const element = found.get(id);
      return element && isTypeOf(element.entityType, 'Stix-Core-Object') ? [optionOf(element)] : [];
    });
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    kind: AnalysisKind,
    values: AnalysisFormValues,
    errors: Record<string, string>,
    status = 200,
    failure?: string,
  ): Promise<void> {
    const [choices, chosen] = await Promise.all([
      this.options.all(ctx),
      this.chosen(ctx, values.objects),
    ]);
    const visible = { ...values, objects: chosen.map((c) => c.id) };
    const about = values.objects[0];
    const cancelHref = about ? elementHref(about) : kindOf(kind.toLowerCase()).list;
    await sendHtml(
      res,
      AnalysisFormPage({
        chrome: this.chrome.of(req, res, ctx),
        kind,
        values: visible,
        errors,
        failure,
        choices,
        chosen,
        cancelHref,
      }),
      status,
    );
  }
}
