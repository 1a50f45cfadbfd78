import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KnowledgeCreateService } from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import { hasCapability } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { field, problemOf, wholeNumber } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { AdminLookups } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { MarkingsPage } from './markings.page';

// `markingDefinitionAdd` is a knowledge create: the GraphQL mutation requires this capability.
const CREATE = 'KNOWLEDGE_KNUPDATE';
const COLOR = /^#[0-9a-fA-F]{6}$/;

function invalid(message: string, key: string): AppError {
  return new AppError({
    code: 'FORM_FIELD_INVALID',
    category: 'validation',
    message,
    details: { field: key },
  });
}

/** `/admin/markings`: marking definitions with their colours, and creating one. */
@UiController('admin/markings')
export class AdminMarkingsController {
  constructor(
    @Inject(AdminLookups) private readonly lookups: AdminLookups,
    @Inject(KnowledgeCreateService) private readonly create: KnowledgeCreateService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    await this.render(req, res, {}, undefined, notice);
  }

  @Post()
  @RequireCapabilities('SETTINGS_SETMARKINGS')
  async add(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const values = {
      definition_type: field(body, 'definition_type'),
      definition: field(body, 'definition'),
      x_opencti_color: field(body, 'x_opencti_color'),
      x_opencti_order: field(body, 'x_opencti_order'),
    };
    try {
      if (!hasCapability(ctx, CREATE)) {
        throw new AppError({
          code: 'FORBIDDEN',
          category: 'forbidden',
          message: `Creating a marking needs the ${CREATE} capability`,
        });
      }
      if (!values.definition_type) throw invalid('Enter a type.', 'definition_type');
      if (!values.definition) throw invalid('Enter a definition.', 'definition');
      if (values.x_opencti_color && !COLOR.test(values.x_opencti_color)) {
        throw invalid('The colour must look like #1f5fbf.', 'x_opencti_color');
      }
      const order = wholeNumber(body, 'x_opencti_order', 'Order', 0, 100) ?? 0;
      await this.create.create(ctx, 'Marking-Definition', {
        definition_type: values.definition_type,
        definition: values.definition,
        x_opencti_color: values.x_opencti_color || null,
        x_opencti_order: order,
      });
      res.redirect(303, '/admin/markings?notice=created');
    } catch (error) {
      await this.render(req, res, values, problemOf(error));
    }
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    values: Readonly<Record<string, string>>,
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    await sendHtml(
      res,
      MarkingsPage({
        ...adminShell(req, res, this.chrome),
        markings: await this.lookups.markings(ctx),
        canCreate: hasCapability(ctx, CREATE),
        values,
        problem,
        notice: notice === 'created' ? 'Marking created.' : undefined,
      }),
      problem?.status ?? 200,
    );
  }
}
