import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { RolesService } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import { CAPABILITIES, HAS_CAPABILITY, capabilityOf } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ACCESS_ADMIN } from '../../graphql/access/access-admin.constants';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange, targetOf } from './admin-audit.util';
import { field, fields, problemOf, requiredName } from './admin-form.util';
import type { FormBody, FormProblem } from './admin-form.util';
import { finishDelete, noticeText, sendConfirmDelete } from './admin-delete.util';
import { nameOf } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { RoleFormPage, RolesPage } from './roles.page';

// Readable names of the capability tree's segments (the rest are shown as they are).
const SEGMENT_LABELS: Readonly<Record<string, string>> = {
  BYPASS: 'Bypass all capabilities',
  KNOWLEDGE: 'Access knowledge',
  KNPARTICIPATE: 'Participate (create and edit own content)',
  KNFRONTENDEXPORT: 'Export from the UI',
  KNUPDATE: 'Create and update knowledge',
  KNORGARESTRICT: 'Restrict to organizations',
  KNDELETE: 'Delete knowledge',
  KNMERGE: 'Merge',
  KNMANAGEAUTHMEMBERS: 'Manage authorized members',
  KNBYPASSREFERENCE: 'Bypass mandatory references',
  KNBYPASSFIELDS: 'Bypass mandatory fields',
  KNUPLOAD: 'Upload files',
  KNASKIMPORT: 'Import files',
  KNGETEXPORT: 'Download exports',
  KNASKEXPORT: 'Generate exports',
  KNENRICHMENT: 'Ask for enrichment',
  KNDISSEMINATION: 'Disseminate',
  EXPLORE: 'Explore (dashboards)',
  INVESTIGATION: 'Investigations',
  MODULES: 'Connectors',
  MODMANAGE: 'Manage connectors',
  CONNECTORAPI: 'Connector API',
  TAXIIAPI: 'TAXII and feeds',
  SETCOLLECTIONS: 'Manage collections, streams, feeds',
  INGESTION: 'Ingestion',
  SETTINGS: 'Administration',
  SETPARAMETERS: 'Platform parameters',
  SETACCESSES: 'Users, groups, roles, organizations',
  SETMARKINGS: 'Marking definitions',
  SECURITYACTIVITY: 'Audit log',
};

function capabilityNames(role: StoredElement | undefined): string[] {
  return (role?.refs[HAS_CAPABILITY] ?? []).flatMap((id) => capabilityOf(id) ?? []);
}

/** `/admin/roles`: list, create, edit (capabilities as a tree of checkboxes), delete. */
@UiController('admin/roles')
export class AdminRolesController {
  constructor(
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities(ACCESS_ADMIN)
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const page = await this.roles.list({ first: 500 });
    await sendHtml(
      res,
      RolesPage({
        ...adminShell(req, res, this.chrome),
        rows: page.items.map((r) => ({
          id: r.internalId,
          name: nameOf(r),
          description: textOf(r.attributes.description) ?? '',
          capabilities: capabilityNames(r),
        })),
        notice: notice === 'deleted' ? 'Deleted.' : undefined,
      }),
    );
  }

  @Get('new')
  @RequireCapabilities(ACCESS_ADMIN)
  async newForm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    await this.form(req, res, undefined, '', '', []);
  }

  @Post()
  @RequireCapabilities(ACCESS_ADMIN)
  async create(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const input = {
      name: field(body, 'name'),
      description: field(body, 'description'),
      capabilities: fields(body, 'capabilities'),
    };
    try {
      const role = await this.roles.add(input);
      recordConsoleChange(this.audit, ctx, 'create', targetOf(role), input);
      res.redirect(303, `/admin/roles/${role.internalId}?notice=created`);
    } catch (error) {
      const problem = problemOf(error);
      await this.form(
        req,
        res,
        undefined,
        input.name,
        input.description,
        input.capabilities,
        problem,
      );
    }
  }

  @Get(':id')
  @RequireCapabilities(ACCESS_ADMIN)
  async edit(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const role = await this.roles.require(id);
    const description = textOf(role.attributes.description) ?? '';
    await this.form(
      req,
      res,
      role,
      nameOf(role),
      description,
      capabilityNames(role),
      undefined,
      notice,
    );
  }

  @Post(':id')
  @RequireCapabilities(ACCESS_ADMIN)
  async save(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const role = await this.roles.require(id);
    const name = field(body, 'name');
    const description = field(body, 'description');
    const wanted = fields(body, 'capabilities');
    try {
      const patch = [
        { key: 'name', value: [requiredName(name)] },
        { key: 'description', value: [description] },
      ];
      await this.roles.edit(role.internalId, patch);
      const current = capabilityNames(role);
      const added = wanted.filter((c) => !current.includes(c));
      const removed = current.filter((c) => !wanted.includes(c));
      for (const c of added) await this.roles.capability(role.internalId, c, true);
      for (const c of removed) await this.roles.capability(role.internalId, c, false);
      recordConsoleChange(this.audit, ctx, 'update', targetOf(role), {
        patch,
        capabilities_added: added,
        capabilities_removed: removed,
      });
      res.redirect(303, `/admin/roles/${role.internalId}?notice=saved`);
    } catch (error) {
      const problem = problemOf(error);
      await this.form(req, res, role, name, description, wanted, problem);
    }
  }

  @Get(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async confirm(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const role = await this.roles.require(id);
    await sendConfirmDelete(req, res, this.chrome, {
      name: nameOf(role),
      what: `the role ${nameOf(role)}`,
      href: `/admin/roles/${role.internalId}`,
    });
  }

  @Post(':id/delete')
  @RequireCapabilities(ACCESS_ADMIN)
  async remove(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const role = await this.roles.require(id);
    await this.roles.delete(role.internalId);
    finishDelete(req, res, this.audit, targetOf(role), '/admin/roles');
  }

  private async form(
    req: AuthenticatedRequest,
    res: Response,
    role: StoredElement | undefined,
    name: string,
    description: string,
    chosen: readonly string[],
    problem?: FormProblem,
    notice?: string,
  ): Promise<void> {
    const capabilities = CAPABILITIES.map((c) => {
      const segments = c.split('_');
      const last = segments.at(-1) ?? c;
      return {
        name: c,
        depth: segments.length - 1,
        label: SEGMENT_LABELS[last] ?? last,
        checked: chosen.includes(c),
      };
    });
    await sendHtml(
      res,
      RoleFormPage({
        ...adminShell(req, res, this.chrome),
        id: role?.internalId,
        name,
        description,
        capabilities,
        problem,
        notice: noticeText(notice, 'Role created.'),
      }),
      problem?.status ?? 200,
    );
  }
}
