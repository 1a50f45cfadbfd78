import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SettingsService, UsersService } from '@lib/auth';
import { KnowledgeCreateService } from '@lib/knowledge';
import { AppError, textOf } from '@lib/kernel';
import { PARTICIPATE_TO, hasCapability } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ACCESS_ADMIN } from '../../graphql/access/access-admin.constants';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { field, problemOf } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { nameOf } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { OrganizationsPage } from './organizations.page';

// `organizationAdd` is a knowledge create: the GraphQL mutation requires this capability.
const CREATE = 'KNOWLEDGE_KNUPDATE';

/** `/admin/organizations`: the organizations users belong to, and creating one. */
@UiController('admin/organizations')
export class AdminOrganizationsController {
  constructor(
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(KnowledgeCreateService) private readonly create: KnowledgeCreateService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(ACCESS_ADMIN)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    await this.render(req, res, { name: '', description: '' }, undefined, notice);
  }

  @Post()
  @RequireCapabilities(ACCESS_ADMIN)
  async add(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const values = { name: field(body, 'name'), description: field(body, 'description') };
    try {
      if (!hasCapability(ctx, CREATE)) {
        throw new AppError({
          code: 'FORBIDDEN',
          category: 'forbidden',
          message: `Creating an organization needs the ${CREATE} capability`,
        });
      }
      if (!values.name) {
        throw new AppError({
          code: 'FORM_FIELD_INVALID',
          category: 'validation',
          message: 'Enter a name.',
          details: { field: 'name' },
        });
      }
      await this.create.create(ctx, 'Organization', values);
      res.redirect(303, `/admin/organizations?notice=created`);
    } catch (error) {
      await this.render(req, res, values, problemOf(error));
    }
  }

  private async render(
    req: AuthenticatedRequest,
    res: Response,
    values: { name: string; description: string },
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [page, users, settings] = await Promise.all([
      this.index.search(ctx, {
        types: ['Organization'],
        first: 500,
        orderBy: 'name',
        orderMode: 'asc',
      }),
      this.users.list({ first: 5000 }),
      this.settings.read(),
    ]);
    const members = (id: string) =>
      users.items.filter((u) => (u.refs[PARTICIPATE_TO] ?? []).includes(id)).length;
    await sendHtml(
      res,
      OrganizationsPage({
        ...adminShell(req, res, this.chrome),
        rows: page.items.map((o) => ({
          id: o.internalId,
          name: nameOf(o),
          description: textOf(o.attributes.description) ?? '',
          members: members(o.internalId),
          created: o.createdAt,
        })),
        platformOrganization: textOf(settings.attributes.platform_organization),
        canCreate: hasCapability(ctx, CREATE),
        values,
        problem,
        notice: notice === 'created' ? 'Organization created.' : undefined,
      }),
      problem?.status ?? 200,
    );
  }
}
