import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KnowledgeCreateService } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import { elementHref } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { FormOptions } from '../knowledge/form-options.service';
import {
  emptyObservableForm,
  observableInputOf,
  parseObservableForm,
} from '../knowledge/observable-form.util';
import type { ObservableFormValues } from '../knowledge/observable-form.util';
import { formFailureOf } from '../shell/form-failure.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { ObservableFormPage } from './observable-form.page';

const LIST_PATH = '/observations/observables';

/**
 * `/create-observable?type=<type>`: an observable created through the service of
 * `stixCyberObservableAdd` with the reader's access, then his browser sent to its page.
 */
@UiController('create-observable')
export class ObservableFormController {
  constructor(
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(FormOptions) private readonly options: FormOptions,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async form(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('type') type: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const values = emptyObservableForm(typeof type === 'string' ? type : '');
    await this.render(req, res, ctx, values, {});
  }

  @Post()
  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const form = parseObservableForm(body ?? {});
    if (Object.keys(form.errors).length > 0) {
      await this.render(req, res, ctx, form.values, form.errors, 400);
      return;
    }
    try {
      const created = await this.creates.createObservable(ctx, observableInputOf(form.values));
      res.redirect(303, elementHref(created.internalId));
    } catch (error) {
      const failure = formFailureOf(error);
      await this.render(req, res, ctx, form.values, {}, failure.status, failure.message);
    }
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    ctx: AccessContext,
    values: ObservableFormValues,
    errors: Record<string, string>,
    status = 200,
    failure?: string,
  ): Promise<void> {
    const choices = await this.options.all(ctx);
    const chrome = this.chrome.of(req, res, ctx);
    await sendHtml(
      res,
      ObservableFormPage({ chrome, values, errors, failure, choices, cancelHref: LIST_PATH }),
      status,
    );
  }
}
